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

/**
 * The probability that a run of `a` ends better than a run of `b` (ties count half), from all
 * pairs: Mann-Whitney's U over n_a * n_b, the "probability of superiority". 0.5 means no
 * difference; it needs no distributional assumption, unlike a p-value.
 */
export function probabilityBetter(
  a: readonly number[],
  b: readonly number[],
  direction: 'minimize' | 'maximize',
): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  const sign = direction === 'minimize' ? 1 : -1;
  const sortedB = b.map((v) => sign * v).sort((x, y) => x - y);
  // Values of b below v (or at most v), by binary search on the sorted copy.
  const countBelow = (v: number, orEqual: boolean) => {
    let lo = 0;
    let hi = sortedB.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (orEqual ? sortedB[mid] <= v : sortedB[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let wins = 0;
  for (const raw of a) {
    const v = sign * raw;
    const below = countBelow(v, false);
    const atMost = countBelow(v, true);
    // b values worse than v win outright; ties count half.
    wins += sortedB.length - atMost + 0.5 * (atMost - below);
  }
  return wins / (a.length * b.length);
}

/**
 * Splits paired seed sequences into consecutive blocks of `size` seeds (a trailing partial
 * block is dropped) and returns, per block, whether the median of `a` is at least as good as
 * the median of `b`: how often a comparison over `size` seeds would find `a` no worse.
 */
export function blockVerdicts(
  a: readonly number[],
  b: readonly number[],
  size: number,
  direction: 'minimize' | 'maximize',
): boolean[] {
  const n = Math.min(a.length, b.length);
  const out: boolean[] = [];
  for (let start = 0; start + size <= n; start += size) {
    const ma = quantile(a.slice(start, start + size), 0.5);
    const mb = quantile(b.slice(start, start + size), 0.5);
    out.push(direction === 'minimize' ? ma <= mb : ma >= mb);
  }
  return out;
}
