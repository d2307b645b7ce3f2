import { type LbfgsHistory, minimizeLbfgs } from '@tunekit/core/lbfgs';
import {
  choleskyInPlace,
  choleskyInverseDiagonal,
  choleskyInverseLower,
  choleskySolveInPlace,
  dot,
  solveLowerInPlace,
} from '@tunekit/core/linalg';

/**
 * The terminator's Gaussian-process regressor, the model Optuna 4's RegretBoundEvaluator fits:
 * an ARD Matern 5/2 kernel on the unit cube (Hamming distance on categorical axes) with a
 * signal variance, and a noise variance of at least 1e-6; all of them by maximum a
 * posteriori under Optuna's default priors. The priors matter: they keep lengthscales near
 * the width of the space, so a cluster of near-identical top trials reads as noise instead of
 * as a narrow bump with untouched prior variance everywhere else (which keeps the bound high).
 */
export interface GaussianProcess {
  /** 1 / lengthscale^2 per axis. */
  readonly inverseSquaredLengthscales: Float64Array;
  readonly kernelScale: number;
  readonly noise: number;
  /** Posterior mean and variance of the latent function at x. */
  predict(x: ArrayLike<number>): { mean: number; variance: number };
  /**
   * Posterior mean at x and an upper bound of the variance, in O(n d): conditioning on fewer
   * observations never lowers the variance, so it is at most the variance given the single
   * training point that lowers it most, scale - max k_i^2 / (scale + noise).
   */
  meanAndVarianceBound(x: ArrayLike<number>): { mean: number; varianceBound: number };
  /**
   * Posterior means and variances at the training points, in n^3 / 6 operations instead of
   * n forward solves (n^3 / 2). With C = K + noise I, K C^-1 = I - noise C^-1 gives
   * mean = y - noise alpha and variance = noise - noise^2 diag(C^-1).
   */
  trainingPosterior(): { mean: Float64Array; variance: Float64Array };
}

export interface KernelParams {
  readonly inverseSquaredLengthscales: ArrayLike<number>;
  readonly kernelScale: number;
  readonly noise: number;
}

export const MINIMUM_NOISE = 1e-6;
// Optuna fits with scipy's L-BFGS-B at this gradient tolerance.
const GTOL = 1e-2;
// and stops when a step lowers the value by less than factr (1e7) machine epsilons, relatively.
const SCIPY_RELATIVE_DECREASE = 1e7 * Number.EPSILON;

function matern52(r2: number): number {
  const s = Math.sqrt(5 * r2);
  return (1 + s + (5 / 3) * r2) * Math.exp(-s);
}

/**
 * matern52 of each pair and, into slope when given, its derivative in r2,
 * (-5/6) (1 + s) exp(-s): one square root and one exponential per pair serve both.
 */
function matern52Pairs(r2: Float64Array, slope?: Float64Array): Float64Array {
  const base = new Float64Array(r2.length);
  for (let q = 0; q < r2.length; q++) {
    const s = Math.sqrt(5 * r2[q]);
    const e = Math.exp(-s);
    base[q] = (1 + s + (5 / 3) * r2[q]) * e;
    if (slope) slope[q] = (-5 / 6) * (1 + s) * e;
  }
  return base;
}

/** Per-axis squared distance: squared difference, or 0/1 for a categorical axis. */
function axisDistance(a: number, b: number, categorical: boolean): number {
  return categorical ? (a === b ? 0 : 1) : (a - b) ** 2;
}

/**
 * The training data with its per-axis distances, computed once per fit. Only the pairs j < i
 * are kept (the kernel is symmetric with m(0) = 1 on the diagonal), packed row by row: pair
 * (i, j) is number i (i - 1) / 2 + j.
 */
interface Data {
  readonly x: readonly ArrayLike<number>[];
  readonly y: Float64Array;
  readonly categorical: readonly boolean[];
  readonly n: number;
  readonly d: number;
  /** axis distances of the pairs, [pair * d + k] */
  readonly distances: Float64Array;
}

function prepare(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
): Data {
  const n = x.length;
  const d = categorical.length;
  const distances = new Float64Array(((n * (n - 1)) / 2) * d);
  let q = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++, q++) {
      for (let k = 0; k < d; k++) {
        distances[q * d + k] = axisDistance(x[i][k], x[j][k], categorical[k]);
      }
    }
  }
  return { x, y: Float64Array.from(y), categorical, n, d, distances };
}

/** Scaled squared distances of the pairs. */
function squaredDistances(data: Data, isl: ArrayLike<number>): Float64Array {
  const { d, distances } = data;
  const r2 = new Float64Array(distances.length / d);
  for (let q = 0; q < r2.length; q++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += distances[q * d + k] * isl[k];
    r2[q] = s;
  }
  return r2;
}

/**
 * Given the unscaled kernel m(r2) of the pairs, the Cholesky factor of K + noise I
 * (K = scale m) and alpha = (K + noise I)^-1 y, or null.
 */
function factor(
  data: Data,
  base: Float64Array,
  scale: number,
  noise: number,
): { l: Float64Array; alpha: Float64Array } | null {
  const { n, y } = data;
  // The factorisation reads the lower triangle only.
  const c = new Float64Array(n * n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++, q++) c[i * n + j] = scale * base[q];
    c[i * n + i] = scale + noise;
  }
  if (!choleskyInPlace(c, n)) return null;
  const alpha = Float64Array.from(y);
  choleskySolveInPlace(c, n, alpha);
  return { l: c, alpha };
}

/**
 * Minus the log posterior of the kernel parameters (constants dropped) and its gradient, at
 * raw = (log 1/lengthscale^2 per axis, log kernel scale, log(noise - 1e-6)). The log prior is
 * Optuna's default: -sum(0.1 / l + 0.1 l) over the inverse squared lengthscales l, a
 * Gamma(2, 1) on the kernel scale and a Gamma(1.1, 30) on the noise. Null where the
 * covariance matrix is not positive definite.
 */
export function negativeLogPosterior(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
  raw: ArrayLike<number>,
): { value: number; gradient: Float64Array } | null {
  const data = prepare(x, y, categorical);
  const at = posteriorAt(data, raw);
  if (at === null) return null;
  const gradient = new Float64Array(categorical.length + 2);
  posteriorGradient(data, at, gradient);
  return { value: at.value, gradient };
}

/** negativeLogPosterior's value at raw, with what its gradient there needs. */
interface PosteriorAt {
  readonly raw: Float64Array;
  readonly value: number;
  readonly isl: Float64Array;
  readonly scale: number;
  readonly extraNoise: number;
  readonly noise: number;
  readonly base: Float64Array;
  readonly slope: Float64Array;
  readonly l: Float64Array;
  readonly alpha: Float64Array;
}

function posteriorAt(data: Data, raw: ArrayLike<number>): PosteriorAt | null {
  const { n, d } = data;
  const isl = Float64Array.from({ length: d }, (_, k) => Math.exp(raw[k]));
  const scale = Math.exp(raw[d]);
  const extraNoise = Math.exp(raw[d + 1]);
  const noise = extraNoise + MINIMUM_NOISE;
  if (![...isl, scale, noise].every((v) => Number.isFinite(v) && v > 0)) return null;
  const slope = new Float64Array((n * (n - 1)) / 2);
  const base = matern52Pairs(squaredDistances(data, isl), slope);
  const f = factor(data, base, scale, noise);
  if (f === null) return null;
  const { l, alpha } = f;
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) logLikelihood -= Math.log(l[i * n + i]) + 0.5 * data.y[i] * alpha[i];
  let logPrior = Math.log(scale) - scale + 0.1 * Math.log(noise) - 30 * noise;
  for (const v of isl) logPrior -= 0.1 / v + 0.1 * v;
  const value = -(logLikelihood + logPrior);
  return {
    raw: Float64Array.from(raw),
    value,
    isl,
    scale,
    extraNoise,
    noise,
    base,
    slope,
    l,
    alpha,
  };
}

/** The gradient of negativeLogPosterior at `at`, into `gradient`: an inverse, n^3 / 3 more. */
function posteriorGradient(data: Data, at: PosteriorAt, gradient: Float64Array): void {
  const { n, d, distances } = data;
  const { isl, scale, extraNoise, noise, base, slope, l, alpha } = at;
  // d logLikelihood / d C = W / 2 with W = alpha alpha^T - C^-1 (GPML eq. 5.9); W is
  // symmetric, so each pair counts twice. Distances are 0 on the diagonal, where only the
  // scale and noise terms get a contribution.
  // The loop below reads the lower triangle and the diagonal only.
  const cInverse = new Float64Array(n * n);
  choleskyInverseLower(l, n, cInverse);
  gradient.fill(0);
  let traceBase = 0;
  let traceNoise = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const wii = alpha[i] * alpha[i] - cInverse[i * n + i];
    traceNoise += wii;
    traceBase += wii;
    for (let j = 0; j < i; j++, q++) {
      const w = 2 * (alpha[i] * alpha[j] - cInverse[i * n + j]);
      traceBase += w * base[q];
      const dm = w * slope[q];
      if (dm === 0) continue;
      for (let k = 0; k < d; k++) gradient[k] += dm * distances[q * d + k];
    }
  }
  const traceScale = traceBase * scale;
  for (let k = 0; k < d; k++) {
    gradient[k] = -(0.5 * (gradient[k] * scale) * isl[k] + 0.1 / isl[k] - 0.1 * isl[k]);
  }
  gradient[d] = -(0.5 * traceScale + 1 - scale);
  gradient[d + 1] = -(0.5 * traceNoise + 0.1 / noise - 30) * extraNoise;
}

/** The GP with the given kernel parameters, conditioned on x and y. */
export function gaussianProcessWith(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
  params: KernelParams,
): GaussianProcess {
  return conditioned(prepare(x, y, categorical), params);
}

function conditioned(data: Data, params: KernelParams): GaussianProcess {
  const { x, categorical, n, d } = data;
  const isl = Float64Array.from(params.inverseSquaredLengthscales);
  const { kernelScale, noise } = params;
  const f = factor(data, matern52Pairs(squaredDistances(data, isl)), kernelScale, noise);
  if (f === null) throw new Error('the covariance matrix is not positive definite');
  const { l, alpha } = f;
  const kernelVector = (p: ArrayLike<number>): Float64Array => {
    const ks = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) r2 += axisDistance(p[k], x[i][k], categorical[k]) * isl[k];
      ks[i] = kernelScale * matern52(r2);
    }
    return ks;
  };
  return {
    inverseSquaredLengthscales: isl,
    kernelScale,
    noise,
    predict(p: ArrayLike<number>) {
      const ks = kernelVector(p);
      const mean = dot(ks, 0, alpha, 0, n);
      // ks becomes L^-1 ks, its mean already taken.
      solveLowerInPlace(l, n, ks);
      return { mean, variance: Math.max(kernelScale - dot(ks, 0, ks, 0, n), 0) };
    },
    meanAndVarianceBound(p: ArrayLike<number>) {
      const ks = kernelVector(p);
      let largest = 0;
      for (let i = 0; i < n; i++) largest = Math.max(largest, ks[i] * ks[i]);
      return {
        mean: dot(ks, 0, alpha, 0, n),
        varianceBound: Math.max(kernelScale - largest / (kernelScale + noise), 0),
      };
    },
    trainingPosterior() {
      const diagonal = choleskyInverseDiagonal(l, n);
      return {
        mean: data.y.map((v, i) => v - noise * alpha[i]),
        variance: diagonal.map((c) => Math.max(noise - noise * noise * c, 0)),
      };
    },
  };
}

// Object.is: a NaN entry matches itself (the same point); -0 against 0 only costs a recompute.
function sameEntries(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return a.length === b.length;
}

/**
 * Where a kernel fit ended: its raw parameters and the minimiser's curvature pairs, from which
 * a fit to slightly changed data (one trial more) starts in a few iterations instead of about
 * a dozen.
 */
export interface KernelFit {
  readonly raw: Float64Array;
  readonly history: LbfgsHistory;
}

/** A fitted GP with where its fit ended, for a warm start of the next one. */
export interface FittedGaussianProcess extends GaussianProcess {
  readonly kernelFit: KernelFit;
}

/**
 * Fits the GP to points x (each in [0,1]^d; categorical axes compared for equality only) and
 * standardised targets y. Starts, as Optuna, from unit lengthscales, kernel scale and noise;
 * or, given `warm` (an earlier fit in the same dimensions), from where that fit ended, falling
 * back to the cold start when the warm fit does not converge.
 */
export function fitGaussianProcess(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
  warm?: KernelFit,
): FittedGaussianProcess {
  const data = prepare(x, y, categorical);
  const d = categorical.length;
  // The line search asks for the value at a point and then, once it accepts the point, for
  // the gradient there: the factor of that first call serves the second.
  let last: PosteriorAt | null = null;
  const objective = (raw: Float64Array, gradient: Float64Array | null): number => {
    const at = last !== null && sameEntries(last.raw, raw) ? last : posteriorAt(data, raw);
    last = at;
    if (at === null) return Number.NaN;
    if (gradient !== null) posteriorGradient(data, at, gradient);
    return at.value;
  };
  const run = (start: Float64Array, history?: LbfgsHistory) =>
    minimizeLbfgs(objective, start, {
      gradientTolerance: GTOL,
      relativeTolerance: SCIPY_RELATIVE_DECREASE,
      history,
    });
  let fit =
    warm !== undefined && warm.raw.length === d + 2 ? run(warm.raw, warm.history) : undefined;
  if (fit === undefined || !fit.converged) {
    const start = new Float64Array(d + 2);
    // Optuna starts the raw noise at log(1 - 0.99e-6), a noise variance a hair above 1.
    start[d + 1] = Math.log(1 - 0.99 * MINIMUM_NOISE);
    fit = run(start);
  }
  if (!Number.isFinite(fit.value)) throw new Error('the starting point cannot be evaluated');
  const raw = fit.x;
  const gp = conditioned(data, {
    inverseSquaredLengthscales: raw.subarray(0, d).map(Math.exp),
    kernelScale: Math.exp(raw[d]),
    noise: Math.exp(raw[d + 1]) + MINIMUM_NOISE,
  });
  return { ...gp, kernelFit: { raw, history: fit.history } };
}
