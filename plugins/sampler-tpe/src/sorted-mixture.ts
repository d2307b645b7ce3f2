import { sortedOrder } from './sorted-order.js';
import { expNonPositive } from './special.js';

const BLOCK = 32;
/**
 * Terms this far (in nats) below the running maximum are dropped: each would add < 4.3e-18
 * of the sum, under 5e-15 relative for a thousand kernels.
 */
const CUT = 40;

/**
 * A one-dimensional Gaussian mixture evaluated with branch-and-bound over blocks of kernels
 * sorted by centre. A block is skipped when even its widest, heaviest kernel at the block's
 * nearest edge is more than CUT (40) nats below the best term found so far, so the result
 * equals the full sum to ~5e-15 relative (see CUT) while late-study univariate TPE (about 1000
 * kernels, most of them narrow) touches only the blocks near each candidate.
 */
export class SortedMixture {
  private readonly mu: Float64Array;
  private readonly invSigma: Float64Array;
  private readonly logCw: Float64Array;
  private readonly blockLo: Float64Array;
  private readonly blockHi: Float64Array;
  private readonly blockMaxSigma: Float64Array;
  private readonly blockMaxLogCw: Float64Array;
  private readonly nBlocks: number;
  private readonly extra: number;

  /**
   * `logCw[c]` is kernel c's log weight plus its log normaliser; kernel `extra` (the prior, or
   * -1) is evaluated for every point rather than blocked, since its width spans the axis.
   * `order` (the kernels sorted by centre) is computed when not given.
   */
  constructor(
    mu: Float64Array,
    sigma: Float64Array,
    logCw: Float64Array,
    extra: number,
    order: Uint32Array | null = null,
  ) {
    const k = mu.length;
    if (order === null) order = sortedOrder(mu);
    const n = extra >= 0 ? k - 1 : k;
    this.mu = new Float64Array(n + 1);
    this.invSigma = new Float64Array(n + 1);
    this.logCw = new Float64Array(n + 1);
    let p = 0;
    for (const c of order) {
      if (c === extra) continue;
      this.mu[p] = mu[c];
      this.invSigma[p] = 1 / sigma[c];
      this.logCw[p] = logCw[c];
      p++;
    }
    // The extra kernel sits at index n.
    if (extra >= 0) {
      this.mu[n] = mu[extra];
      this.invSigma[n] = 1 / sigma[extra];
      this.logCw[n] = logCw[extra];
    }
    this.extra = extra >= 0 ? n : -1;
    this.nBlocks = Math.ceil(n / BLOCK);
    this.blockLo = new Float64Array(this.nBlocks);
    this.blockHi = new Float64Array(this.nBlocks);
    this.blockMaxSigma = new Float64Array(this.nBlocks);
    this.blockMaxLogCw = new Float64Array(this.nBlocks);
    for (let b = 0; b < this.nBlocks; b++) {
      const start = b * BLOCK;
      const end = Math.min(n, start + BLOCK);
      this.blockLo[b] = this.mu[start];
      this.blockHi[b] = this.mu[end - 1];
      let s = 0;
      let w = Number.NEGATIVE_INFINITY;
      for (let i = start; i < end; i++) {
        s = Math.max(s, 1 / this.invSigma[i]);
        w = Math.max(w, this.logCw[i]);
      }
      this.blockMaxSigma[b] = s;
      this.blockMaxLogCw[b] = w;
    }
  }

  /** log Σ_c exp(logCw[c] - ½((x - mu[c]) / sigma[c])²). */
  logSum(x: number): number {
    const n = this.extra >= 0 ? this.extra : this.mu.length;
    const { mu, invSigma, logCw } = this;
    // One pass of a streaming log-sum-exp: `sum` is Σ exp(v - max) over the terms kept so far,
    // rescaled on the rare occasions the maximum rises (the home block usually holds it).
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    if (this.extra >= 0) {
      const z = (x - mu[this.extra]) * invSigma[this.extra];
      max = logCw[this.extra] - 0.5 * z * z;
      sum = 1;
    }
    // Start with the block holding x (the best terms are likely there), then all the others.
    let home = 0;
    while (home < this.nBlocks - 1 && this.blockHi[home] < x) home++;
    for (let step = 0; step < this.nBlocks; step++) {
      const b = step === 0 ? home : step <= home ? step - 1 : step;
      const lo = this.blockLo[b];
      const hi = this.blockHi[b];
      const gap = x < lo ? lo - x : x > hi ? x - hi : 0;
      const zMin = gap / this.blockMaxSigma[b];
      if (this.blockMaxLogCw[b] - 0.5 * zMin * zMin < max - CUT) continue;
      const end = Math.min(n, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) {
        const z = (x - mu[i]) * invSigma[i];
        const v = logCw[i] - 0.5 * z * z;
        if (v > max) {
          sum = sum * expNonPositive(max - v) + 1;
          max = v;
        } else if (v > max - CUT) {
          sum += expNonPositive(v - max);
        }
      }
    }
    return max === Number.NEGATIVE_INFINITY ? max : max + Math.log(sum);
  }
}
