import { EvaluatorError } from '@tunekit/evaluators';

/** Row counts per class code. */
export function classCounts(codes: Int32Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (const c of codes) out[c]++;
  return out;
}

/**
 * Log class priors: given `priors` (validated: k non-negative numbers summing to 1), else
 * the training frequencies when `fitPrior`, else uniform.
 */
export function logPriors(
  counts: Float64Array,
  priors: readonly number[] | undefined,
  fitPrior: boolean,
  param: string,
): Float64Array {
  const k = counts.length;
  const n = counts.reduce((s, v) => s + v, 0);
  if (priors !== undefined) {
    if (!Array.isArray(priors) || priors.length !== k) {
      throw new EvaluatorError(param, priors, `must hold one prior per class (${k})`);
    }
    let sum = 0;
    for (const p of priors) {
      if (typeof p !== 'number' || !(p >= 0) || !Number.isFinite(p))
        throw new EvaluatorError(param, priors, 'priors must be finite and non-negative');
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-8) throw new EvaluatorError(param, priors, 'priors must sum to 1');
    return Float64Array.from(priors, Math.log);
  }
  return Float64Array.from(counts, (c) => (fitPrior ? Math.log(c / n) : -Math.log(k)));
}

/** Normalises one row of joint log-likelihoods into probabilities (log-sum-exp). */
export function softmaxRow(jll: Float64Array): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of jll) if (v > max) max = v;
  // Divide after shifting by the max: adding log(sum) back to a huge max would be lost to rounding.
  const e = Array.from(jll, (v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** Index of the largest entry; the first one on ties (numpy's argmax). */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}
