import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestSoFar,
  blockVerdicts,
  normalisedAuc,
  probabilityBetter,
  quantile,
  summarize,
} from './stats.js';

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
  it('probability better counts pairs, ties half, in the direction', () => {
    expect(probabilityBetter([1, 2], [3, 4], 'minimize')).toBe(1);
    expect(probabilityBetter([1, 2], [3, 4], 'maximize')).toBe(0);
    // Pairs (1,2) (1,3) (2,3) won, (2,2) tied: 3.5 of 4.
    expect(probabilityBetter([1, 2], [2, 3], 'minimize')).toBe(0.875);
    expect(probabilityBetter([], [1], 'minimize')).toBeNaN();
  });
  it('probability better equals the count over all pairs and is complementary', () => {
    const values = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(values, values, fc.boolean(), (a, b, min) => {
        const direction = min ? 'minimize' : 'maximize';
        let wins = 0;
        for (const x of a) for (const y of b) wins += x === y ? 0.5 : (min ? x < y : x > y) ? 1 : 0;
        const p = probabilityBetter(a, b, direction);
        expect(p).toBeCloseTo(wins / (a.length * b.length), 12);
        expect(p + probabilityBetter(b, a, direction)).toBeCloseTo(1, 12);
      }),
    );
  });
  it('block verdicts compare block medians and drop a partial block', () => {
    const a = [1, 1, 1, 5, 5, 5, 0];
    const b = [2, 2, 2, 3, 3, 3, 9];
    expect(blockVerdicts(a, b, 3, 'minimize')).toEqual([true, false]);
    expect(blockVerdicts(a, b, 3, 'maximize')).toEqual([false, true]);
    // Equal medians count as at least as good.
    expect(blockVerdicts([1, 2, 3], [3, 2, 1], 3, 'minimize')).toEqual([true]);
  });
});
