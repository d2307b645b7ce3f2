import { type Distribution, numericAxis, toUnit } from '@tunekit/search-space';
import type { DiscreteAxis } from './margin.js';

/**
 * The cells of an int or stepped float distribution on its unit-cube axis, in the same
 * encoding as search-space's toUnit/fromUnit (log axes in log space, widened by half a step):
 * value k owns the interval between the images of its two half-step midpoints.
 * Continuous and single-valued distributions have none (null).
 */
export function discreteAxisOf(
  d: Exclude<Distribution, { type: 'categorical' }>,
): DiscreteAxis | null {
  const step = d.step;
  if (step === null) return null;
  const count = Math.round((d.high - d.low) / step) + 1;
  if (count < 2) return null;
  const ax = numericAxis(d);
  const boundary = (k: number): number => toUnit(d, d.low + (k + 0.5) * step);
  return {
    cell(v) {
      const t = ax.lo + v * (ax.hi - ax.lo);
      const raw = ax.log ? Math.exp(t) : t;
      const k = Math.min(count - 1, Math.max(0, Math.floor((raw - d.low) / step + 0.5)));
      return {
        lower: k === 0 ? Number.NEGATIVE_INFINITY : boundary(k - 1),
        upper: k === count - 1 ? Number.POSITIVE_INFINITY : boundary(k),
      };
    },
  };
}
