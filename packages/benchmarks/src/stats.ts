/** Order statistics used by the benchmark tables. */

/** The q-quantile (0..1) with linear interpolation between order statistics (numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median and quartiles. */
export interface Summary {
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    median: quantile(values, 0.5),
    q25: quantile(values, 0.25),
    q75: quantile(values, 0.75),
  };
}

/** The running best of a sequence (minimum when minimising, maximum when maximising). */
export function bestSoFar(values: readonly number[], direction: 'minimize' | 'maximize'): number[] {
  const out: number[] = [];
  let best = direction === 'minimize' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (direction === 'minimize' ? v < best : v > best) best = v;
    out.push(best);
  }
  return out;
}

/**
 * Normalised area under the best-so-far curve: the mean over the budget of the regret
 * |best_t - optimum| divided by `scale` (the mean regret of a uniformly random point), so 0
 * is "optimum from the first trial" and 1 is "never better than a typical random point".
 */
export function normalisedAuc(curve: readonly number[], optimum: number, scale: number): number {
  if (curve.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of curve) sum += Math.abs(v - optimum);
  return sum / curve.length / (scale > 0 ? scale : 1);
}
