import { minimizeQuasiNewton } from './quasi-newton.js';

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
}

export interface KernelParams {
  readonly inverseSquaredLengthscales: ArrayLike<number>;
  readonly kernelScale: number;
  readonly noise: number;
}

export const MINIMUM_NOISE = 1e-6;
// Optuna fits with scipy's L-BFGS-B at this gradient tolerance.
const GTOL = 1e-2;

function matern52(r2: number): number {
  const s = Math.sqrt(5 * r2);
  return (1 + s + (5 / 3) * r2) * Math.exp(-s);
}

/** d matern52 / d r2. */
function matern52Derivative(r2: number): number {
  const s = Math.sqrt(5 * r2);
  return (-5 / 6) * (1 + s) * Math.exp(-s);
}

/** Per-axis squared distance: squared difference, or 0/1 for a categorical axis. */
function axisDistance(a: number, b: number, categorical: boolean): number {
  return categorical ? (a === b ? 0 : 1) : (a - b) ** 2;
}

/** Lower Cholesky factor of a symmetric positive definite matrix (row-major), or null. */
function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L x = b in place (L lower triangular). */
function forward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves L^T x = b in place. */
function backward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/**
 * (L L^T)^-1 from the Cholesky factor L, in n^3 / 3 operations: the rows of U = (L^-1)^T by
 * forward substitution (row j of U is zero before j), then (L L^T)^-1 = U U^T, whose entry
 * (a, b) is the dot product of rows a and b of U from max(a, b) on.
 */
function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = j * n;
    u[row + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k] * u[row + k];
      u[row + i] = s / l[i * n + i];
    }
  }
  const out = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let k = b; k < n; k++) s += u[a * n + k] * u[b * n + k];
      out[a * n + b] = s;
      out[b * n + a] = s;
    }
  }
  return out;
}

/** The training data with its pairwise per-axis distances, computed once per fit. */
interface Data {
  readonly x: readonly ArrayLike<number>[];
  readonly y: Float64Array;
  readonly categorical: readonly boolean[];
  readonly n: number;
  readonly d: number;
  /** axis distances, [(i * n + j) * d + k] */
  readonly distances: Float64Array;
}

function prepare(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
): Data {
  const n = x.length;
  const d = categorical.length;
  const distances = new Float64Array(n * n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      for (let k = 0; k < d; k++) {
        const v = axisDistance(x[i][k], x[j][k], categorical[k]);
        distances[(i * n + j) * d + k] = v;
        distances[(j * n + i) * d + k] = v;
      }
    }
  }
  return { x, y: Float64Array.from(y), categorical, n, d, distances };
}

function squaredDistances(data: Data, isl: ArrayLike<number>): Float64Array {
  const { n, d, distances } = data;
  const r2 = new Float64Array(n * n);
  for (let p = 0; p < n * n; p++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += distances[p * d + k] * isl[k];
    r2[p] = s;
  }
  return r2;
}

/**
 * The unscaled kernel m(r2), the Cholesky factor of K + noise I (K = scale m) and
 * alpha = (K + noise I)^-1 y, or null.
 */
function factor(
  data: Data,
  r2: Float64Array,
  scale: number,
  noise: number,
): { base: Float64Array; l: Float64Array; alpha: Float64Array } | null {
  const { n, y } = data;
  const base = r2.map(matern52);
  const c = base.map((v) => scale * v);
  for (let i = 0; i < n; i++) c[i * n + i] += noise;
  const l = cholesky(c, n);
  if (l === null) return null;
  return { base, l, alpha: backward(l, n, forward(l, n, Float64Array.from(y))) };
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
  return objective(prepare(x, y, categorical), raw);
}

function objective(
  data: Data,
  raw: ArrayLike<number>,
): { value: number; gradient: Float64Array } | null {
  const { n, d, distances } = data;
  const isl = Float64Array.from({ length: d }, (_, k) => Math.exp(raw[k]));
  const scale = Math.exp(raw[d]);
  const extraNoise = Math.exp(raw[d + 1]);
  const noise = extraNoise + MINIMUM_NOISE;
  if (![...isl, scale, noise].every((v) => Number.isFinite(v) && v > 0)) return null;
  const r2 = squaredDistances(data, isl);
  const f = factor(data, r2, scale, noise);
  if (f === null) return null;
  const { base, l, alpha } = f;
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) logLikelihood -= Math.log(l[i * n + i]) + 0.5 * data.y[i] * alpha[i];
  let logPrior = Math.log(scale) - scale + 0.1 * Math.log(noise) - 30 * noise;
  for (const v of isl) logPrior -= 0.1 / v + 0.1 * v;

  // d logLikelihood / d C = W / 2 with W = alpha alpha^T - C^-1 (GPML eq. 5.9).
  const cInverse = inverseFromCholesky(l, n);
  const w = new Float64Array(n * n);
  for (let p = 0; p < n * n; p++) w[p] = alpha[Math.floor(p / n)] * alpha[p % n] - cInverse[p];
  const gradient = new Float64Array(d + 2);
  let traceScale = 0;
  let traceNoise = 0;
  for (let i = 0; i < n; i++) {
    traceNoise += w[i * n + i];
    for (let j = 0; j < n; j++) {
      const p = i * n + j;
      traceScale += w[p] * scale * base[p];
      const dm = w[p] * scale * matern52Derivative(r2[p]);
      if (dm === 0) continue;
      for (let k = 0; k < d; k++) gradient[k] += dm * distances[p * d + k];
    }
  }
  for (let k = 0; k < d; k++) {
    gradient[k] = -(0.5 * gradient[k] * isl[k] + 0.1 / isl[k] - 0.1 * isl[k]);
  }
  gradient[d] = -(0.5 * traceScale + 1 - scale);
  gradient[d + 1] = -(0.5 * traceNoise + 0.1 / noise - 30) * extraNoise;
  return { value: -(logLikelihood + logPrior), gradient };
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
  const f = factor(data, squaredDistances(data, isl), kernelScale, noise);
  if (f === null) throw new Error('the covariance matrix is not positive definite');
  const { l, alpha } = f;
  return {
    inverseSquaredLengthscales: isl,
    kernelScale,
    noise,
    predict(p: ArrayLike<number>) {
      const ks = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let r2 = 0;
        for (let k = 0; k < d; k++) r2 += axisDistance(p[k], x[i][k], categorical[k]) * isl[k];
        ks[i] = kernelScale * matern52(r2);
      }
      let mean = 0;
      for (let i = 0; i < n; i++) mean += ks[i] * alpha[i];
      const v = forward(l, n, ks);
      let q = 0;
      for (let i = 0; i < n; i++) q += v[i] * v[i];
      return { mean, variance: Math.max(kernelScale - q, 0) };
    },
  };
}

/**
 * Fits the GP to points x (each in [0,1]^d; categorical axes compared for equality only) and
 * standardised targets y. Starts, as Optuna, from unit lengthscales, kernel scale and noise.
 */
export function fitGaussianProcess(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  categorical: readonly boolean[],
): GaussianProcess {
  const data = prepare(x, y, categorical);
  const d = categorical.length;
  const start = new Float64Array(d + 2);
  // Optuna starts the raw noise at log(1 - 0.99e-6), a noise variance a hair above 1.
  start[d + 1] = Math.log(1 - 0.99 * MINIMUM_NOISE);
  const { x: raw } = minimizeQuasiNewton((r) => objective(data, r), start, { gtol: GTOL });
  return conditioned(data, {
    inverseSquaredLengthscales: raw.subarray(0, d).map(Math.exp),
    kernelScale: Math.exp(raw[d]),
    noise: Math.exp(raw[d + 1]) + MINIMUM_NOISE,
  });
}
