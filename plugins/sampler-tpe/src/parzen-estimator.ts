import { InvalidArgumentError, type Rng } from '@tunekit/core';
import { type Distribution, roundToDistribution } from '@tunekit/search-space';
import type { WeightsFunction } from './gamma-weights.js';
import { SortedMixture } from './sorted-mixture.js';
import { sortedOrder } from './sorted-order.js';
import { expNonPositive, LOG_SQRT_2PI, logGaussMass, truncnormPpf } from './special.js';

/** How a Parzen estimator builds its kernels (Optuna's `_ParzenEstimatorParameters`). */
export interface ParzenOptions {
  readonly considerPrior: boolean;
  readonly priorWeight: number;
  readonly considerMagicClip: boolean;
  readonly considerEndpoints: boolean;
  readonly multivariate: boolean;
  readonly weights: WeightsFunction;
  /** Multivariate bandwidth: sigma0Magnitude · n^(-1/(d+4)) · (high - low). Optuna: 0.2. */
  readonly sigma0Magnitude: number;
  /**
   * Multivariate bandwidth rule: 'range' is Optuna's (a fraction of the axis range); 'scott'
   * scales the observations' own standard deviation instead (Scott 1992), so kernels shrink
   * as the good set concentrates.
   */
  readonly bandwidth: 'range' | 'scott';
  readonly scottFactor: number;
}

/** One parameter as the estimator sees it: its kernel kind and the internal axis [lo, hi]. */
export interface KernelDim {
  readonly dist: Distribution;
  readonly kind: 'continuous' | 'discrete' | 'categorical';
  /** Axis bounds in internal space (log space for log params, widened by half a step if discrete). */
  readonly lo: number;
  readonly hi: number;
  readonly nChoices: number;
}

/** The kernel description of a distribution. */
export function kernelDim(dist: Distribution): KernelDim {
  if (dist.type === 'categorical')
    return { dist, kind: 'categorical', lo: 0, hi: 0, nChoices: dist.choices.length };
  if (dist.log) {
    // Log ints keep their unit cells, now [log(v - ½), log(v + ½)]; log floats are continuous.
    const half = dist.type === 'int' ? 0.5 : 0;
    return {
      dist,
      kind: half ? 'discrete' : 'continuous',
      lo: Math.log(dist.low - half),
      hi: Math.log(dist.high + half),
      nChoices: 0,
    };
  }
  if (dist.step === null)
    return { dist, kind: 'continuous', lo: dist.low, hi: dist.high, nChoices: 0 };
  return {
    dist,
    kind: 'discrete',
    lo: dist.low - dist.step / 2,
    hi: dist.high + dist.step / 2,
    nChoices: 0,
  };
}

/** The internal (kernel-space) value of an external one: log for log params, index for categoricals. */
export function toKernelSpace(dim: KernelDim, value: unknown): number {
  const d = dim.dist;
  if (d.type === 'categorical') return d.choices.indexOf(value as never);
  return d.log ? Math.log(value as number) : (value as number);
}

/** The external value of an internal one, rounded onto the distribution's grid. */
export function fromKernelSpace(dim: KernelDim, t: number): unknown {
  const d = dim.dist;
  if (d.type === 'categorical') return d.choices[t];
  return roundToDistribution(d, d.log ? Math.exp(t) : t);
}

/** Cell [lower, upper] of a discrete value on the internal axis, clipped to the axis. */
function cellBounds(dim: KernelDim, t: number, out: Float64Array): void {
  const d = dim.dist as Exclude<Distribution, { type: 'categorical' }>;
  let lower: number;
  let upper: number;
  if (d.log) {
    const v = Math.round(Math.exp(t));
    lower = Math.log(v - 0.5);
    upper = Math.log(v + 0.5);
  } else {
    const half = (d.step as number) / 2;
    lower = t - half;
    upper = t + half;
  }
  out[0] = Math.max(lower, dim.lo);
  out[1] = Math.min(upper, dim.hi);
}

interface NumericKernels {
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  readonly invSigma: Float64Array;
  /** Continuous: -log σ - log √(2π) - log Z. Discrete: -log Z. Z = kernel mass within [lo, hi]. */
  readonly logC: Float64Array;
  /** Kernel indices by centre, when the bandwidth rule sorted them anyway. */
  readonly order: Uint32Array | null;
}

interface CategoricalKernels {
  /** Row-major K × nChoices probabilities. */
  readonly probs: Float64Array;
  readonly logProbs: Float64Array;
}

/**
 * A mixture of product kernels, one component per observation plus an optional prior
 * component (Bergstra et al. 2011; Optuna's `_ParzenEstimator`). Observations are given in
 * kernel space, one Float64Array per dimension, oldest first.
 */
export class ParzenEstimator {
  readonly nComponents: number;
  readonly logWeights: Float64Array;
  private readonly cumWeights: Float64Array;
  private readonly numeric: (NumericKernels | null)[];
  private readonly categorical: (CategoricalKernels | null)[];
  /** logC + log weight of a continuous first dimension (null otherwise). */
  private readonly logWeightedC0: Float64Array | null;
  private readonly mixture: SortedMixture | null;
  private row = new Float64Array(0);

  constructor(
    readonly dims: readonly KernelDim[],
    observations: readonly Float64Array[],
    options: ParzenOptions,
    predeterminedWeights: ArrayLike<number> | null = null,
  ) {
    const n = dims.length > 0 ? observations[0].length : 0;
    // Without observations the prior is all there is.
    const prior = options.considerPrior || n === 0;
    const k = n + (prior ? 1 : 0);
    this.nComponents = k;
    const w = componentWeights(n, prior, options, predeterminedWeights);
    this.logWeights = new Float64Array(k);
    this.cumWeights = new Float64Array(k);
    let cum = 0;
    for (let i = 0; i < k; i++) {
      this.logWeights[i] = Math.log(w[i]);
      cum += w[i];
      this.cumWeights[i] = cum;
    }
    // Scott's n^(-1/(d+4)) shrinkage of multivariate bandwidths (d counts every param).
    const shrink = options.multivariate ? Math.max(n, 1) ** (-1 / (dims.length + 4)) : 0;
    this.numeric = dims.map((dim, d) =>
      dim.kind === 'categorical'
        ? null
        : numericKernels(dim, observations[d], prior, options, shrink),
    );
    const num0 = dims.length > 0 && dims[0].kind === 'continuous' ? this.numeric[0] : null;
    this.logWeightedC0 = num0 === null ? null : num0.logC.map((v, c) => v + this.logWeights[c]);
    // Many kernels on one continuous axis: evaluate by branch-and-bound over sorted blocks.
    this.mixture =
      num0 !== null && dims.length === 1 && k >= 128
        ? new SortedMixture(
            num0.mu,
            num0.sigma,
            this.logWeightedC0 as Float64Array,
            prior ? n : -1,
            num0.order,
          )
        : null;
    this.categorical = dims.map((dim, d) =>
      dim.kind === 'categorical'
        ? categoricalKernels(dim.nChoices, observations[d], prior, options.priorWeight)
        : null,
    );
  }

  /** Draws m points (kernel space, already on each distribution's grid), one array per dimension. */
  sample(rng: Rng, m: number): Float64Array[] {
    const k = this.nComponents;
    const total = this.cumWeights[k - 1];
    const active = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const r = rng.random() * total;
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.cumWeights[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      active[j] = lo;
    }
    return this.dims.map((dim, d) => {
      const out = new Float64Array(m);
      const cat = this.categorical[d];
      if (cat !== null) {
        const nc = dim.nChoices;
        for (let j = 0; j < m; j++) {
          const row = active[j] * nc;
          let r = rng.random();
          let c = 0;
          while (c < nc - 1 && r >= cat.probs[row + c]) r -= cat.probs[row + c++];
          out[j] = c;
        }
        return out;
      }
      const num = this.numeric[d] as NumericKernels;
      for (let j = 0; j < m; j++) {
        const c = active[j];
        const mu = num.mu[c];
        const s = num.sigma[c];
        const z = truncnormPpf(rng.random(), (dim.lo - mu) / s, (dim.hi - mu) / s);
        const t = mu + s * z;
        // Round onto the grid (and clamp), then back to kernel space for scoring.
        out[j] = toKernelSpace(dim, fromKernelSpace(dim, t));
      }
      return out;
    });
  }

  /** log density (or mass, for discrete and categorical dimensions) of m points in kernel space. */
  logPdf(samples: readonly Float64Array[], m: number): Float64Array {
    const k = this.nComponents;
    const mixture = this.mixture;
    if (mixture !== null)
      return Float64Array.from(samples[0].subarray(0, m), (x) => mixture.logSum(x));
    // One row of k log-terms per point, kept small enough to stay in cache.
    if (this.row.length < k) this.row = new Float64Array(k);
    const row = this.row;
    const out = new Float64Array(m);
    const nd = this.dims.length;
    // Discrete dims: the mass of a grid cell under every kernel, once per distinct value.
    const cellCache: (Map<number, Float64Array> | null)[] = this.dims.map((d) =>
      d.kind === 'discrete' ? new Map() : null,
    );
    const cell = new Float64Array(2);
    for (let j = 0; j < m; j++) {
      let first = 0;
      const w0 = this.logWeightedC0;
      if (w0 !== null) {
        // A continuous first dimension writes the row directly, weights folded into its constants.
        const x = samples[0][j];
        const { mu, invSigma } = this.numeric[0] as NumericKernels;
        for (let c = 0; c < k; c++) {
          const z = (x - mu[c]) * invSigma[c];
          row[c] = w0[c] - 0.5 * z * z;
        }
        first = 1;
      } else {
        row.set(this.logWeights);
      }
      for (let d = first; d < nd; d++) {
        const x = samples[d][j];
        const cat = this.categorical[d];
        if (cat !== null) {
          const nc = this.dims[d].nChoices;
          const lp = cat.logProbs;
          for (let c = 0, o = x; c < k; c++, o += nc) row[c] += lp[o];
          continue;
        }
        const { mu, invSigma, logC } = this.numeric[d] as NumericKernels;
        const cache = cellCache[d];
        if (cache === null) {
          for (let c = 0; c < k; c++) {
            const z = (x - mu[c]) * invSigma[c];
            row[c] += logC[c] - 0.5 * z * z;
          }
          continue;
        }
        let mass = cache.get(x);
        if (mass === undefined) {
          mass = new Float64Array(k);
          cellBounds(this.dims[d], x, cell);
          for (let c = 0; c < k; c++) {
            mass[c] =
              logGaussMass((cell[0] - mu[c]) * invSigma[c], (cell[1] - mu[c]) * invSigma[c]) +
              logC[c];
          }
          cache.set(x, mass);
        }
        for (let c = 0; c < k; c++) row[c] += mass[c];
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) if (row[c] > max) max = row[c];
      if (max === Number.NEGATIVE_INFINITY) {
        out[j] = max;
        continue;
      }
      // Terms more than 50 nats below the largest add under 2e-22 each: skip their exp.
      const cut = max - 50;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = row[c];
        if (v > cut) sum += expNonPositive(v - max);
      }
      out[j] = max + Math.log(sum);
    }
    return out;
  }

  /** Kernel centres and bandwidths of a numeric dimension (for inspection and tests). */
  kernels(d: number): { mu: Float64Array; sigma: Float64Array } | { probs: Float64Array } {
    const cat = this.categorical[d];
    if (cat !== null) return { probs: cat.probs };
    const num = this.numeric[d] as NumericKernels;
    return { mu: num.mu, sigma: num.sigma };
  }

  /** Normalised component weights. */
  weights(): Float64Array {
    return this.logWeights.map(Math.exp);
  }
}

function componentWeights(
  n: number,
  prior: boolean,
  options: ParzenOptions,
  predetermined: ArrayLike<number> | null,
): Float64Array {
  const k = n + (prior ? 1 : 0);
  const w = new Float64Array(k);
  if (n > 0) {
    const raw = predetermined ?? options.weights(n);
    if (raw.length < n)
      throw new InvalidArgumentError(
        'weights',
        raw.length,
        `must return ${n} weights for ${n} observations`,
      );
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new InvalidArgumentError('weights', v, 'weights must be finite and non-negative');
      }
      w[i] = v;
      sum += v;
    }
    if (!(sum > 0))
      throw new InvalidArgumentError('weights', Array.from(raw), 'weights must not all be zero');
  }
  if (prior) w[n] = options.priorWeight;
  let total = 0;
  for (let i = 0; i < k; i++) total += w[i];
  for (let i = 0; i < k; i++) w[i] /= total;
  return w;
}

function numericKernels(
  dim: KernelDim,
  obs: Float64Array,
  prior: boolean,
  options: ParzenOptions,
  shrink: number,
): NumericKernels {
  const n = obs.length;
  const k = n + (prior ? 1 : 0);
  const { lo, hi } = dim;
  const range = hi - lo;
  const mu = new Float64Array(k);
  mu.set(obs);
  if (prior) mu[n] = 0.5 * (lo + hi);
  const sigma = new Float64Array(k);
  let order: Uint32Array | null = null;
  if (options.multivariate && options.bandwidth === 'scott' && n >= 2) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += obs[i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (obs[i] - mean) ** 2;
    const sd = Math.sqrt(v / (n - 1));
    sigma.fill(options.scottFactor * sd * shrink);
  } else if (options.multivariate) {
    sigma.fill(options.sigma0Magnitude * shrink * range);
  } else {
    order = neighbourBandwidths(mu, lo, hi, options.considerEndpoints, sigma);
  }
  const maxSigma = range;
  const minSigma = options.considerMagicClip ? range / Math.min(100, 1 + k) : 1e-12;
  for (let i = 0; i < k; i++)
    sigma[i] = sigma[i] < minSigma ? minSigma : Math.min(sigma[i], maxSigma);
  if (prior) sigma[n] = range;
  const invSigma = new Float64Array(k);
  const logC = new Float64Array(k);
  const discrete = dim.kind === 'discrete';
  for (let i = 0; i < k; i++) {
    const s = sigma[i];
    invSigma[i] = 1 / s;
    const logZ = logGaussMass((lo - mu[i]) / s, (hi - mu[i]) / s);
    logC[i] = discrete ? -logZ : -Math.log(s) - LOG_SQRT_2PI - logZ;
  }
  return { mu, sigma, invSigma, logC, order };
}

/**
 * Univariate bandwidths (Bergstra 2011 / Optuna): each centre's sigma is the larger distance
 * to its neighbours once sorted, the axis ends acting as neighbours. Without
 * `considerEndpoints`, the outermost centres use only their inner neighbour. Equal centres
 * are ordered by index, so duplicates get 0 towards each other (magic clip lifts them).
 */
export function neighbourBandwidths(
  mu: Float64Array,
  lo: number,
  hi: number,
  considerEndpoints: boolean,
  out: Float64Array,
): Uint32Array {
  const k = mu.length;
  const order = sortedOrder(mu);
  for (let p = 0; p < k; p++) {
    const left = p === 0 ? lo : mu[order[p - 1]];
    const right = p === k - 1 ? hi : mu[order[p + 1]];
    const m = mu[order[p]];
    out[order[p]] = Math.max(m - left, right - m);
  }
  if (!considerEndpoints && k >= 2) {
    out[order[0]] = mu[order[1]] - mu[order[0]];
    out[order[k - 1]] = mu[order[k - 1]] - mu[order[k - 2]];
  }
  return order;
}

function categoricalKernels(
  nc: number,
  obs: Float64Array,
  prior: boolean,
  priorWeight: number,
): CategoricalKernels {
  const n = obs.length;
  const k = n + (prior ? 1 : 0);
  const probs = new Float64Array(k * nc);
  // Every row carries priorWeight / (n + 1) on each choice (n without the prior component),
  // plus 1 on the observed choice; the prior row is uniform.
  const base = priorWeight / (prior ? n + 1 : n);
  probs.fill(base);
  for (let i = 0; i < n; i++) probs[i * nc + obs[i]] += 1;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let c = 0; c < nc; c++) s += probs[i * nc + c];
    for (let c = 0; c < nc; c++) probs[i * nc + c] /= s;
  }
  return { probs, logProbs: probs.map(Math.log) };
}
