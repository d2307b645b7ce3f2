import { minimizeLbfgs } from '@tunekit/core/lbfgs';
import {
  choleskyInPlace,
  choleskyInverseLower,
  choleskySolveInPlace,
  solveLowerInPlace,
  solveLowerRowsInPlace,
  solveUpperTransposedInPlace,
} from '@tunekit/core/linalg';
import { choleskyWithJitter, type JitterOptions } from './cholesky-with-jitter.js';
import { type KernelParams, matern52, matern52Derivative, squaredDistance } from './kernel.js';
import { logPrior, type ValueAndGradient } from './prior.js';

/** Training data of the GP: n points of dimension d (row-major) and their standardised targets. */
export interface GpData {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly n: number;
  readonly d: number;
  /** 1 for axes holding a categorical choice index (Hamming distance), 0 for unit-cube axes. */
  readonly isCategorical: Uint8Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** Points per block in batched prediction (n × block doubles stay cache-sized). */
const PREDICT_BLOCK = 128;

/** Natural-scale parameters from θ = [log λ…, log s, log(σ² - minNoise)]. */
export function paramsFromTheta(
  theta: ArrayLike<number>,
  d: number,
  minNoise: number,
): KernelParams {
  const lambda = new Float64Array(d);
  for (let k = 0; k < d; k++) lambda[k] = Math.exp(theta[k]);
  return {
    inverseSquaredLengthscales: lambda,
    signalVariance: Math.exp(theta[d]),
    noiseVariance: minNoise + Math.exp(theta[d + 1]),
  };
}

/** Scratch buffers of the marginal-likelihood evaluation, reused across optimiser steps. */
class LmlWorkspace {
  /** m(r²) and dm/d(r²) of each pair (lower triangle). */
  readonly m: Float64Array;
  readonly dm: Float64Array;
  /** K, then its Cholesky factor. */
  readonly factor: Float64Array;
  readonly inv: Float64Array;
  readonly work: Float64Array;
  readonly alpha: Float64Array;
  /** θ and log marginal likelihood the buffers currently hold (the line search re-asks for the gradient). */
  private theta: Float64Array | null = null;
  value = Number.NaN;
  /** The gradient at `theta`, once computed (the warm start's check asks before the optimiser). */
  grad: Float64Array | null = null;
  constructor(n: number) {
    this.m = new Float64Array(n * n);
    this.dm = new Float64Array(n * n);
    this.factor = new Float64Array(n * n);
    this.inv = new Float64Array(n * n);
    this.work = new Float64Array(n * n);
    this.alpha = new Float64Array(n);
  }

  holds(theta: ArrayLike<number>): boolean {
    const t = this.theta;
    if (t === null || t.length !== theta.length) return false;
    for (let i = 0; i < t.length; i++) if (t[i] !== theta[i]) return false;
    return true;
  }

  remember(theta: ArrayLike<number>, value: number): void {
    this.theta = Float64Array.from(theta);
    this.value = value;
    this.grad = null;
  }
}

/**
 * Log marginal likelihood log p(y | X, θ) and its analytic gradient in θ:
 * ∂/∂θ = ½ tr((ααᵀ - K⁻¹) ∂K/∂θ), α = K⁻¹y. The value is -Infinity when K does not
 * factorise (the optimiser then backtracks).
 */
export function logMarginalLikelihood(
  data: GpData,
  theta: ArrayLike<number>,
  minNoise: number,
  ws: LmlWorkspace = new LmlWorkspace(data.n),
  withGradient = true,
): ValueAndGradient {
  const { x, y, n, d, isCategorical } = data;
  const p = paramsFromTheta(theta, d, minNoise);
  const lambda = p.inverseSquaredLengthscales;
  const s = p.signalVariance;
  const noise = p.noiseVariance;
  const { m, dm, factor, inv, work, alpha } = ws;
  const grad = new Float64Array(d + 2);

  if (!ws.holds(theta)) {
    for (let i = 0; i < n; i++) {
      factor[i * n + i] = s + noise;
      for (let j = 0; j < i; j++) {
        const r2 = squaredDistance(x, i, x, j, d, lambda, isCategorical);
        const mv = matern52(r2);
        m[i * n + j] = mv;
        dm[i * n + j] = matern52Derivative(r2);
        factor[i * n + j] = s * mv;
      }
    }
    let value = Number.NEGATIVE_INFINITY;
    if (choleskyInPlace(factor, n)) {
      alpha.set(y);
      choleskySolveInPlace(factor, n, alpha);
      value = -0.5 * n * LOG_2PI;
      for (let i = 0; i < n; i++) value -= 0.5 * y[i] * alpha[i] + Math.log(factor[i * n + i]);
    }
    ws.remember(theta, value);
  }
  const value = ws.value;
  if (!withGradient || !Number.isFinite(value)) return { value, grad };
  if (ws.grad !== null) {
    grad.set(ws.grad);
    return { value, grad };
  }

  choleskyInverseLower(factor, n, inv, work);
  // W = ααᵀ - K⁻¹. Off-diagonal pairs appear twice in the trace, cancelling the ½.
  let traceSignal = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const oi = i * d;
    for (let j = 0; j < i; j++) {
      const w = alpha[i] * alpha[j] - inv[ri + j];
      const c = w * dm[ri + j];
      const oj = j * d;
      for (let q = 0; q < d; q++) {
        const diff = x[oi + q] - x[oj + q];
        grad[q] += c * (isCategorical[q] ? (diff === 0 ? 0 : 1) : diff * diff);
      }
      traceSignal += w * m[ri + j];
    }
  }
  let diagW = 0;
  for (let i = 0; i < n; i++) diagW += alpha[i] * alpha[i] - inv[i * n + i];
  for (let q = 0; q < d; q++) grad[q] *= s * lambda[q];
  grad[d] = s * (traceSignal + 0.5 * diagW);
  grad[d + 1] = 0.5 * diagW * (noise - minNoise);
  ws.grad = Float64Array.from(grad);
  return { value, grad };
}

export interface FitOptions {
  /** Floor of the noise variance (standardised units). */
  readonly minNoise: number;
  /**
   * Keep the noise at its floor instead of fitting it (a deterministic objective, as
   * Optuna's `deterministic_objective`): the GP then interpolates the observations.
   */
  readonly fixedNoise?: boolean;
  /** θ of a previous fit to start from (ignored when its length does not match). */
  readonly warmStart?: Float64Array;
  readonly maxIterations?: number;
  /** On the largest gradient component of the negative log posterior (Optuna uses 1e-2). */
  readonly gradientTolerance?: number;
}

// Box on θ: keeps exp() finite and K factorisable while the optimiser explores.
const LOG_LAMBDA_RANGE: readonly [number, number] = [-12, 12];
const LOG_SIGNAL_RANGE: readonly [number, number] = [-10, 6];
const LOG_NOISE_RANGE: readonly [number, number] = [-30, 2];

/** θ of the default starting point: unit length scales, unit signal, noise 0.01. */
export function defaultTheta(d: number): Float64Array {
  const theta = new Float64Array(d + 2);
  theta[d + 1] = Math.log(1e-2);
  return theta;
}

/**
 * MAP estimate of θ: minimises -(log marginal likelihood + log prior) with bounded L-BFGS,
 * from the warm start when given (the previous trial's fit is usually close), and again
 * from the default start if that fails. A warm start whose noise sits at its floor while
 * the posterior asks for more starts with the default noise instead: there the gradient in
 * log(σ² - floor) is scaled by that tiny excess, so a fit that found no noise in early,
 * smooth data would never find it when noisier data come, and would settle in a far worse
 * optimum (length scales at their bound, noise explained as signal).
 */
export function fitKernelParams(data: GpData, options: FitOptions): Float64Array {
  const { d, n } = data;
  const lower = new Float64Array(d + 2);
  const upper = new Float64Array(d + 2);
  for (let k = 0; k < d; k++) {
    lower[k] = LOG_LAMBDA_RANGE[0];
    upper[k] = LOG_LAMBDA_RANGE[1];
  }
  lower[d] = LOG_SIGNAL_RANGE[0];
  upper[d] = LOG_SIGNAL_RANGE[1];
  lower[d + 1] = LOG_NOISE_RANGE[0];
  upper[d + 1] = options.fixedNoise === true ? LOG_NOISE_RANGE[0] : LOG_NOISE_RANGE[1];
  const ws = new LmlWorkspace(n);
  const loss = (theta: Float64Array, grad: Float64Array | null): number => {
    const lml = logMarginalLikelihood(data, theta, options.minNoise, ws, grad !== null);
    if (!Number.isFinite(lml.value)) return Number.POSITIVE_INFINITY;
    const prior = logPrior(theta, d, options.minNoise);
    if (grad !== null) for (let k = 0; k < d + 2; k++) grad[k] = -(lml.grad[k] + prior.grad[k]);
    return -(lml.value + prior.value);
  };
  const start = (theta: Float64Array): Float64Array => {
    const s = Float64Array.from(theta);
    for (let k = 0; k < d + 2; k++) s[k] = Math.min(upper[k], Math.max(lower[k], s[k]));
    return s;
  };
  const run = (from: Float64Array) =>
    minimizeLbfgs(loss, start(from), {
      lower,
      upper,
      gradientTolerance: options.gradientTolerance ?? 1e-2,
      maxIterations: options.maxIterations ?? 100,
    });
  const warm = options.warmStart;
  let result: ReturnType<typeof run> | undefined;
  if (warm !== undefined && warm.length === d + 2) {
    const from = start(warm);
    if (from[d + 1] < Math.log(options.minNoise) && lower[d + 1] < upper[d + 1]) {
      // At the floor the gradient's sign still tells whether the posterior wants more noise.
      const grad = new Float64Array(d + 2);
      if (Number.isFinite(loss(from, grad)) && grad[d + 1] < 0)
        from[d + 1] = defaultTheta(d)[d + 1];
    }
    result = run(from);
  }
  if (result === undefined || !Number.isFinite(result.value)) result = run(defaultTheta(d));
  if (!Number.isFinite(result.value)) return start(defaultTheta(d));
  return result.x;
}

/** Posterior of the latent function given data and fixed kernel parameters. */
export class GpPosterior {
  readonly params: KernelParams;
  readonly data: GpData;
  /** Lower Cholesky factor of K + σ²I (+ jitter). */
  readonly factor: Float64Array;
  /** (K + σ²I)⁻¹ y. */
  readonly alpha: Float64Array;
  readonly jitter: number;
  private readonly kStar: Float64Array;
  private readonly v: Float64Array;
  private readonly dmStar: Float64Array;

  /** Throws CholeskyError when K + σ²I stays singular after the jitter retries. */
  constructor(data: GpData, params: KernelParams, jitter: JitterOptions = {}) {
    const { n, d, x, isCategorical } = data;
    this.params = params;
    this.data = data;
    const k = new Float64Array(n * n);
    const s = params.signalVariance;
    for (let i = 0; i < n; i++) {
      k[i * n + i] = s + params.noiseVariance;
      for (let j = 0; j < i; j++) {
        k[i * n + j] =
          s *
          matern52(
            squaredDistance(x, i, x, j, d, params.inverseSquaredLengthscales, isCategorical),
          );
      }
    }
    const chol = choleskyWithJitter(k, n, jitter, k);
    this.factor = chol.factor;
    this.jitter = chol.jitter;
    this.alpha = Float64Array.from(data.y);
    choleskySolveInPlace(this.factor, n, this.alpha);
    this.kStar = new Float64Array(n);
    this.v = new Float64Array(n);
    this.dmStar = new Float64Array(n);
  }

  /**
   * Posterior mean and variance (of the latent function, without noise) at `m` points
   * (row-major in `points`), written into `mean` and `variance`.
   */
  predict(points: Float64Array, m: number, mean: Float64Array, variance: Float64Array): void {
    const { n, d, x, isCategorical } = this.data;
    const lambda = this.params.inverseSquaredLengthscales;
    const s = this.params.signalVariance;
    const { alpha, factor } = this;
    // Blocks of points solved together: row p of V holds k*(p), and L·vᵀ = k*ᵀ for each row.
    const block = Math.min(m, PREDICT_BLOCK);
    const v = new Float64Array(block * n);
    const floor = 1e-12 * s;
    for (let p0 = 0; p0 < m; p0 += block) {
      const b = Math.min(block, m - p0);
      for (let p = 0; p < b; p++) {
        const row = p * n;
        let mu = 0;
        for (let i = 0; i < n; i++) {
          const kv = s * matern52(squaredDistance(points, p0 + p, x, i, d, lambda, isCategorical));
          v[row + i] = kv;
          mu += alpha[i] * kv;
        }
        mean[p0 + p] = mu;
      }
      solveLowerRowsInPlace(factor, n, v, b);
      // One running sum, as predictWithGradient: far in the tail log EI magnifies the
      // rounding of s - q, and a single point (one solve, as there) must then give the value
      // that valueAndGradient gives. Blocked points differ from it by rounding only.
      for (let p = 0; p < b; p++) {
        const row = p * n;
        let q = 0;
        for (let i = 0; i < n; i++) q += v[row + i] * v[row + i];
        const rawVariance = s - q;
        variance[p0 + p] = rawVariance;
        if (!(rawVariance > floor)) variance[p0 + p] = floor;
      }
    }
  }

  /**
   * Mean and variance at one point and their gradients with respect to its numeric
   * coordinates (categorical coordinates get 0: they are searched choice by choice).
   */
  predictWithGradient(
    point: Float64Array,
    gradMean: Float64Array,
    gradVariance: Float64Array,
  ): { mean: number; variance: number } {
    const { n, d, x, isCategorical } = this.data;
    const lambda = this.params.inverseSquaredLengthscales;
    const s = this.params.signalVariance;
    const { kStar, v, alpha, factor, dmStar } = this;
    let mu = 0;
    for (let i = 0; i < n; i++) {
      const r2 = squaredDistance(point, 0, x, i, d, lambda, isCategorical);
      const kv = s * matern52(r2);
      kStar[i] = kv;
      dmStar[i] = 2 * s * matern52Derivative(r2);
      mu += kv * alpha[i];
    }
    v.set(kStar);
    solveLowerInPlace(factor, n, v);
    let q = 0;
    for (let i = 0; i < n; i++) q += v[i] * v[i];
    const rawVariance = s - q;
    // w = K⁻¹k*, for ∂var = -2 wᵀ ∂k*.
    solveUpperTransposedInPlace(factor, n, v);
    gradMean.fill(0);
    gradVariance.fill(0);
    for (let i = 0; i < n; i++) {
      const ca = dmStar[i] * alpha[i];
      const cw = -2 * dmStar[i] * v[i];
      const oi = i * d;
      for (let q2 = 0; q2 < d; q2++) {
        if (isCategorical[q2]) continue;
        const diff = point[q2] - x[oi + q2];
        gradMean[q2] += ca * diff;
        gradVariance[q2] += cw * diff;
      }
    }
    for (let q2 = 0; q2 < d; q2++) {
      gradMean[q2] *= lambda[q2];
      gradVariance[q2] *= lambda[q2];
    }
    const floor = 1e-12 * s;
    if (rawVariance < floor) {
      gradVariance.fill(0);
      return { mean: mu, variance: floor };
    }
    return { mean: mu, variance: rawVariance };
  }
}
