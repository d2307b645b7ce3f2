import { createRng } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyFitnessHistory,
  recordGeneration,
  stagnates,
  stagnationWindow,
  tolFunHolds,
} from './fitness-history.js';

/** Median as the tutorial means it (middle value, or mean of the two middle ones). */
function naiveMedian(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Hansen's tutorial, appendix B.3, from its text with the whole history kept: best and median
 * of each generation over the last 20% but at least 120 + 30 n / lambda and at most 20 000
 * generations; stop when, in both, the median of the newest 30% is not better than that of the
 * oldest 30%.
 */
function tutorialStagnation(
  best: readonly number[],
  median: readonly number[],
  n: number,
  lambda: number,
): boolean {
  const g = best.length;
  const window = Math.min(20000, Math.max(Math.ceil(0.2 * g), 120 + Math.ceil((30 * n) / lambda)));
  if (g < window) return false;
  const k = Math.ceil(0.3 * window);
  const stale = (h: readonly number[]) => {
    const w = h.slice(g - window);
    return naiveMedian(w.slice(window - k)) >= naiveMedian(w.slice(0, k));
  };
  return stale(best) && stale(median);
}

describe('fitness history', () => {
  it('window: 20% of the generations, at least 120 + ceil(30 n / lambda), at most 20 000', () => {
    // n = 5, lambda = 8: 120 + ceil(150 / 8) = 139.
    expect(stagnationWindow(10, 5, 8)).toBe(139);
    expect(stagnationWindow(695, 5, 8)).toBe(139);
    expect(stagnationWindow(696, 5, 8)).toBe(140);
    expect(stagnationWindow(1000, 5, 8)).toBe(200);
    expect(stagnationWindow(10 ** 6, 5, 8)).toBe(20000);
  });

  it('stagnation equals the tutorial rule on the full history up to 5 (120 + 30 n / lambda) generations', () => {
    // n = 1, lambda = 30: the window is 121 generations until generation 605, and the stored
    // history is then never thinned, so the test must agree with the rule at every generation.
    const n = 1;
    const lambda = 30;
    const seen = { stale: 0, fresh: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        (seed, drift) => {
          const rng = createRng(seed);
          const h = emptyFitnessHistory();
          const best: number[] = [];
          const median: number[] = [];
          let level = 0;
          for (let g = 1; g <= 605; g++) {
            level += drift + 0.1 * rng.normal();
            const sorted = [level, level + rng.random(), level + 1 + rng.random()];
            best.push(sorted[0]);
            median.push(sorted[1]);
            recordGeneration(h, g, sorted, n, lambda);
            const want = tutorialStagnation(best, median, n, lambda);
            if (stagnates(h, g, n, lambda) !== want) return false;
            if (g >= 121) seen[want ? 'stale' : 'fresh']++;
          }
          return true;
        },
      ),
      { numRuns: 15, seed: 11 },
    );
    // Both outcomes occurred, so the comparison above could have failed either way.
    expect(seen.stale).toBeGreaterThan(0);
    expect(seen.fresh).toBeGreaterThan(0);
  });

  it('beyond that, keeps every stride-th generation of the window: bounded, and covering it', () => {
    // Each generation's best is its own number, so the stored entries name their generations.
    const n = 5;
    const lambda = 8;
    const cap = 120 + Math.ceil((30 * n) / lambda); // 139
    const h = emptyFitnessHistory();
    for (let g = 1; g <= 4000; g++) {
      recordGeneration(h, g, [g, g + 0.25, g + 0.5], n, lambda);
      const window = Math.min(20000, Math.max(Math.ceil(0.2 * g), cap));
      const want: number[] = [];
      const first = Math.max(1, g - window + 1);
      for (let t = Math.ceil(first / h.stride) * h.stride; t <= g; t += h.stride) want.push(t);
      // (Compared as text first: 4,000 deep comparisons would dominate the test's run time.)
      if (h.best.join() !== want.join()) expect(h.best).toEqual(want);
      const medians = want.map((t) => t + 0.25);
      if (h.median.join() !== medians.join()) expect(h.median).toEqual(medians);
      if (h.best.length > cap) expect(h.best.length).toBeLessThanOrEqual(cap);
      // Thinning halves the entries only when they pass the cap: the window stays well covered.
      if (g >= cap && h.best.length < Math.floor(cap / 2))
        expect(h.best.length).toBeGreaterThanOrEqual(Math.floor(cap / 2));
    }
    expect(Math.log2(h.stride) % 1).toBe(0);
    expect(h.stride).toBeGreaterThan(1);
  });

  it('tolfun reads best and worst of the last 10 + ceil(30 n / lambda) generations only', () => {
    const n = 2;
    const lambda = 6; // 10 + ceil(60 / 6) = 20 generations
    const h = emptyFitnessHistory();
    for (let g = 1; g <= 100; g++) recordGeneration(h, g, [g, g + 1e-13], n, lambda);
    expect(h.fun).toHaveLength(40);
    expect(h.fun[0]).toBe(81);
    expect(h.fun[39]).toBe(100 + 1e-13);
    // Flat from generation 101 on: it holds once all 20 remembered generations are flat.
    let firedAt = -1;
    for (let g = 101; g <= 130 && firedAt < 0; g++) {
      recordGeneration(h, g, [7, 7], n, lambda);
      if (tolFunHolds(h, g, n, lambda)) firedAt = g;
    }
    expect(firedAt).toBe(120);
  });
});
