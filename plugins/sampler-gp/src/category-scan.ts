import { lowerInverseTransposed, solveLowerInPlace } from '@tunekit/core/linalg';
import type { GpPosterior } from './gp.js';
import { matern52, squaredDistance } from './kernel.js';

/** (L⁻¹)ᵀ per posterior, built at its first scan: n³/6, the cost of n/3 single solves. */
const inverseFactors = new WeakMap<GpPosterior, Float64Array>();

function inverseFactorOf(posterior: GpPosterior): Float64Array {
  let u = inverseFactors.get(posterior);
  if (u === undefined) {
    const { n } = posterior.data;
    u = new Float64Array(n * n);
    lowerInverseTransposed(posterior.factor, n, u);
    inverseFactors.set(posterior, u);
  }
  return u;
}

/**
 * Posterior mean and variance at `point` with its categorical axis `axis` set to each choice
 * 0..choices-1 in turn (the point's own value there is ignored), written into `mean` and
 * `variance` by choice: what `predict` gives for the `choices` points, for one solve and
 * O(n²) in all instead of a solve per choice.
 *
 * Why it works: with the other axes fixed, a trial's squared distance is r₀ + λ (another
 * choice) or r₀ (its own), so the kernel vector of choice c is k_c = a + Σ_{i holds c} (b_i -
 * a_i)·e_i, with a_i = s·m(r₀ᵢ + λ) and b_i = s·m(r₀ᵢ). Then L⁻¹k_c = L⁻¹a + Σ (b_i - a_i)·U_i,
 * U_i being row i of (L⁻¹)ᵀ, and every trial enters one choice's sum only. Choices that no
 * trial holds all get L⁻¹a.
 *
 * The rows of the inverse factor round differently from forward substitution, most where the
 * variance is small next to s, which log EI magnifies far in the tail; a caller that picks a
 * choice by these values confirms its pick with `predict`.
 */
export function predictAlongCategory(
  posterior: GpPosterior,
  point: Float64Array,
  axis: number,
  choices: number,
  mean: Float64Array,
  variance: Float64Array,
): void {
  const { n, d, x, isCategorical } = posterior.data;
  const lambda = posterior.params.inverseSquaredLengthscales;
  const s = posterior.params.signalVariance;
  const { alpha, factor } = posterior;
  const floor = 1e-12 * s;
  const other = new Float64Array(n);
  const delta = new Float64Array(n);
  // Trials listed by the choice they hold: first[c], then next[i], -1 ending each list.
  const first = new Int32Array(choices).fill(-1);
  const next = new Int32Array(n).fill(-1);
  // r₀ is the squared distance with the axis weighed 0: adding 0 leaves the sum exact.
  const lambdaOther = Float64Array.from(lambda);
  lambdaOther[axis] = 0;
  let meanOther = 0;
  for (let i = n - 1; i >= 0; i--) {
    const oi = i * d;
    const r0 = squaredDistance(point, 0, x, i, d, lambdaOther, isCategorical);
    const a = s * matern52(r0 + lambda[axis]);
    other[i] = a;
    delta[i] = s * matern52(r0) - a;
    meanOther += alpha[i] * a;
    const c = x[oi + axis];
    // A trial off the choices' range (none should be) shares every choice's `other` term.
    if (Number.isInteger(c) && c >= 0 && c < choices) {
      next[i] = first[c];
      first[c] = i;
    }
  }
  solveLowerInPlace(factor, n, other);
  // head[j] = Σ_{t < j} (L⁻¹a)_t²: a choice's vector equals L⁻¹a before its first trial.
  const head = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) head[j + 1] = head[j] + other[j] * other[j];
  const u = inverseFactorOf(posterior);
  const v = new Float64Array(n);
  for (let c = 0; c < choices; c++) {
    let mu = meanOther;
    let rawVariance = s - head[n];
    // Trials are listed in increasing order, so the first one is where v can leave L⁻¹a.
    const from = first[c];
    if (from >= 0) {
      v.set(other.subarray(from), from);
      for (let i = from; i >= 0; i = next[i]) {
        const di = delta[i];
        mu += alpha[i] * di;
        const ui = i * n;
        for (let t = i; t < n; t++) v[t] += di * u[ui + t];
      }
      let q = 0;
      for (let t = from; t < n; t++) q += v[t] * v[t];
      rawVariance = s - (head[from] + q);
    }
    mean[c] = mu;
    variance[c] = rawVariance;
    if (!(rawVariance > floor)) variance[c] = floor;
  }
}
