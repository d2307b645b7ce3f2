/**
 * numpy's `nanpercentile(values, q)` with the default 'linear' method: NaN values are
 * dropped, the rest sorted, and the value at fractional rank q/100 * (n - 1) interpolated
 * between its neighbours. NaN when no value is left.
 */
export function nanPercentile(values: readonly number[], q: number): number {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const rank = (q / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const t = rank - lo;
  const a = xs[lo];
  const b = xs[hi];
  // numpy's _lerp: interpolate from the nearer end so that t = 1 gives b exactly.
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
