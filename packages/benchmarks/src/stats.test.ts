import { describe, expect, it } from 'vitest';
import { bestSoFar, normalisedAuc, quantile, summarize } from './stats.js';

describe('stats', () => {
  it('quantiles interpolate linearly (numpy default)', () => {
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75.
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(summarize([5, 1, 3])).toEqual({ median: 3, q25: 2, q75: 4 });
    expect(quantile([], 0.5)).toBeNaN();
  });
  it('best so far follows the direction', () => {
    expect(bestSoFar([3, 5, 1, 2], 'minimize')).toEqual([3, 3, 1, 1]);
    expect(bestSoFar([3, 5, 1, 2], 'maximize')).toEqual([3, 5, 5, 5]);
  });
  it('normalised AUC is the mean regret over the scale', () => {
    // Regrets 2, 2, 0, 0 -> mean 1, scale 4.
    expect(normalisedAuc([3, 3, 1, 1], 1, 4)).toBe(0.25);
  });
});
