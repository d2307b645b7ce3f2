import { InvalidArgumentError } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MedianPruner } from './median.js';
import { PercentilePruner } from './percentile.js';
import { nanPercentile } from './percentile-math.js';
import { completeWith, trialWith, viewOf } from './test-utils.js';

describe('nanPercentile (numpy linear interpolation)', () => {
  it('interpolates at rank q/100 * (n - 1)', () => {
    // rank 0.75 between 1 and 2; rank 1.5 between 2 and 3; rank 3 is the maximum.
    expect(nanPercentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(nanPercentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(nanPercentile([4, 1, 3, 2], 100)).toBe(4);
    expect(nanPercentile([10, 7, 4], 50)).toBe(7);
  });
  it('drops NaN and is NaN when nothing is left', () => {
    expect(nanPercentile([Number.NaN, 1, 3], 50)).toBe(2);
    expect(nanPercentile([Number.NaN], 50)).toBeNaN();
    expect(nanPercentile([], 50)).toBeNaN();
  });
  it('lies between the minimum and the maximum and grows with q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, q1, q2) => {
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = nanPercentile(xs, lo);
          const b = nanPercentile(xs, hi);
          return a <= b && a >= Math.min(...xs) && b <= Math.max(...xs);
        },
      ),
    );
  });
});

/** Five COMPLETE trials whose value at every step s is k (k = 1..5): median 3 at each step. */
function fiveCompleted(nSteps = 5) {
  return [1, 2, 3, 4, 5].map((k, i) =>
    completeWith(
      i,
      Array.from({ length: nSteps }, () => k),
    ),
  );
}

describe('MedianPruner', () => {
  it('prunes a trial whose best value so far is worse than the median at its step', () => {
    const done = fiveCompleted();
    // best so far 3.5 > median 3 -> prune; best so far 2.9 (an earlier step) <= 3 -> keep.
    const bad = trialWith(5, [10, 9, 3.5]);
    const good = trialWith(5, [10, 2.9, 3.5]);
    expect(new MedianPruner().prune(viewOf([...done, bad]), bad)).toBe(true);
    expect(new MedianPruner().prune(viewOf([...done, good]), good)).toBe(false);
    // Equal to the median is not worse.
    const tie = trialWith(5, [3]);
    expect(new MedianPruner().prune(viewOf([...done, tie]), tie)).toBe(false);
  });

  it("compares with the completed trials' raw values at the step, not their best so far", () => {
    // Completed trials went 0 -> 10: the median at step 1 is 10 (their best so far would be 0).
    const done = [0, 1, 2, 3, 4].map((i) => completeWith(i, [0, 10]));
    const t = trialWith(5, [5, 6]);
    expect(new MedianPruner().prune(viewOf([...done, t]), t)).toBe(false);
  });

  it('does nothing before nStartupTrials trials are COMPLETE (PRUNED ones do not count)', () => {
    const done = fiveCompleted().slice(0, 4);
    const prunedOne = trialWith(4, [0], { state: 'PRUNED' });
    const t = trialWith(5, [100]);
    expect(new MedianPruner().prune(viewOf([...done, prunedOne, t]), t)).toBe(false);
    expect(new MedianPruner({ nStartupTrials: 4 }).prune(viewOf([...done, t]), t)).toBe(true);
    // Even with nStartupTrials 0, no COMPLETE trial means nothing to compare with.
    expect(new MedianPruner({ nStartupTrials: 0 }).prune(viewOf([t]), t)).toBe(false);
  });

  it('waits nWarmupSteps steps (0-based)', () => {
    const done = fiveCompleted();
    const p = new MedianPruner({ nWarmupSteps: 3 });
    const at2 = trialWith(5, [100, 100, 100]);
    const at3 = trialWith(5, [100, 100, 100, 100]);
    expect(p.prune(viewOf([...done, at2]), at2)).toBe(false);
    expect(p.prune(viewOf([...done, at3]), at3)).toBe(true);
  });

  it('judges once per interval, postponing a check point without a report', () => {
    const done = fiveCompleted(8);
    const p = new MedianPruner({ intervalSteps: 3 });
    // Check points 0, 3, 6.
    const judged = (steps: number[]) => {
      const t = trialWith(5, Object.fromEntries(steps.map((s) => [s, 100])));
      return p.prune(viewOf([...done, t]), t);
    };
    expect(judged([0])).toBe(true);
    expect(judged([0, 1])).toBe(false); // previous report 0 already covered check point 0
    expect(judged([0, 1, 2, 3])).toBe(true);
    expect(judged([0, 1, 2, 3, 4])).toBe(false);
    expect(judged([0, 2, 5])).toBe(true); // check point 3 had no report: judged at 5
    expect(judged([0, 2, 5, 7])).toBe(true); // check point 6 was skipped too: judged at 7
    // With warm-up 2 and interval 3 the check points are 2, 5, 8.
    const q = new MedianPruner({ nWarmupSteps: 2, intervalSteps: 3 });
    const at = (steps: number[]) => {
      const t = trialWith(5, Object.fromEntries(steps.map((s) => [s, 100])));
      return q.prune(viewOf([...done, t]), t);
    };
    expect(at([0, 1, 2])).toBe(true);
    expect(at([0, 1, 2, 3])).toBe(false);
    expect(at([0, 1, 2, 3, 4, 5])).toBe(true);
  });

  it('prunes a trial that reported only NaN; NaN among numbers is ignored', () => {
    const done = fiveCompleted();
    const allNaN = trialWith(5, [Number.NaN, Number.NaN]);
    const someNaN = trialWith(5, [1, Number.NaN]);
    expect(new MedianPruner().prune(viewOf([...done, allNaN]), allNaN)).toBe(true);
    expect(new MedianPruner().prune(viewOf([...done, someNaN]), someNaN)).toBe(false);
  });

  it('maximises: worse means below the median', () => {
    const done = fiveCompleted();
    const low = trialWith(5, [2.9]);
    const high = trialWith(5, [3.1]);
    expect(new MedianPruner().prune(viewOf([...done, low], 'maximize'), low)).toBe(true);
    expect(new MedianPruner().prune(viewOf([...done, high], 'maximize'), high)).toBe(false);
  });

  it('needs nMinTrials completed trials reporting the step', () => {
    // Only trials 0 and 1 reached step 3.
    const done = [
      completeWith(0, [1, 1, 1, 1]),
      completeWith(1, [2, 2, 2, 2]),
      ...[2, 3, 4].map((i) => completeWith(i, [3])),
    ];
    const t = trialWith(5, [9, 9, 9, 9]);
    expect(new MedianPruner({ nMinTrials: 3 }).prune(viewOf([...done, t]), t)).toBe(false);
    expect(new MedianPruner({ nMinTrials: 2 }).prune(viewOf([...done, t]), t)).toBe(true);
    // No completed trial reached step 5: nothing to compare with.
    const far = trialWith(5, { 5: 9 });
    expect(new MedianPruner().prune(viewOf([...done, far]), far)).toBe(false);
  });
});

describe('PercentilePruner', () => {
  it('keeps the top `percentile` percent (mirrored when maximising)', () => {
    const done = fiveCompleted();
    // Minimise, 25th percentile of 1..5 = 2: 2.1 pruned, 2 kept.
    const p = new PercentilePruner({ percentile: 25 });
    const t1 = trialWith(5, [2.1]);
    const t2 = trialWith(5, [2]);
    expect(p.prune(viewOf([...done, t1]), t1)).toBe(true);
    expect(p.prune(viewOf([...done, t2]), t2)).toBe(false);
    // Maximise, keep the top 25%: compare with the 75th percentile, 4.
    const t3 = trialWith(5, [3.9]);
    const t4 = trialWith(5, [4]);
    expect(p.prune(viewOf([...done, t3], 'maximize'), t3)).toBe(true);
    expect(p.prune(viewOf([...done, t4], 'maximize'), t4)).toBe(false);
  });

  it('rejects invalid options with InvalidArgumentError naming the parameter', () => {
    const bad: [Record<string, number>, string][] = [
      [{ percentile: 101 }, 'percentile'],
      [{ percentile: -1 }, 'percentile'],
      [{ percentile: Number.NaN }, 'percentile'],
      [{ percentile: 50, nStartupTrials: -1 }, 'nStartupTrials'],
      [{ percentile: 50, nStartupTrials: 1.5 }, 'nStartupTrials'],
      [{ percentile: 50, nWarmupSteps: -1 }, 'nWarmupSteps'],
      [{ percentile: 50, intervalSteps: 0 }, 'intervalSteps'],
      [{ percentile: 50, nMinTrials: 0 }, 'nMinTrials'],
    ];
    for (const [options, param] of bad) {
      const err = (() => {
        try {
          new PercentilePruner(options as { percentile: number });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).param).toBe(param);
    }
  });

  it("has Optuna's defaults", () => {
    const p = new MedianPruner();
    expect([p.percentile, p.nStartupTrials, p.nWarmupSteps, p.intervalSteps, p.nMinTrials]).toEqual(
      [50, 5, 0, 1, 1],
    );
  });
});
