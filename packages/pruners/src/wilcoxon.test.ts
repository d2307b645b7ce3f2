import { InvalidArgumentError, makeFrozenTrial } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
// Produced by scripts/scipy-wilcoxon-fixtures.py with scipy 1.10.1 (samples without ties or zeros).
import fixtures from './fixtures/scipy-wilcoxon.json' with { type: 'json' };
import { type Alternative, signedRankTest } from './signed-rank.js';
import { completeWith, trialWith, viewOf } from './test-utils.js';
import { WilcoxonPruner } from './wilcoxon.js';

describe('signedRankTest', () => {
  it("matches scipy.stats.wilcoxon(d, alternative, zero_method='zsplit')", () => {
    for (const c of fixtures.cases) {
      const r = signedRankTest(c.d, c.alternative as Alternative);
      expect(r.method).toBe(c.d.length <= 50 ? 'exact' : 'asymptotic');
      expect(r.pValue).toBeCloseTo(c.pValue, 6);
    }
  });

  it('enumerates the 2^n sign flips when there are ties or zeros and n <= 13', () => {
    // |d| = 0, 1, 2, 3, 3 -> ranks 1, 2, 3, 4.5, 4.5; r+ = 0.5 (zero split) + 2 + 4.5 + 4.5 = 11.5.
    // Flipping the non-zero ranks {2, 3, 4.5, 4.5}: r+ >= 11.5 iff the negative ones sum to
    // <= 3, i.e. {}, {2}, {3}: 3 of 16.
    const r = signedRankTest([0, 1, -2, 3, 3], 'greater');
    expect(r.rPlus).toBe(11.5);
    expect(r.method).toBe('permutation');
    expect(r.pValue).toBe(3 / 16);
    // 'less': r+ <= 11.5 for all but the subset sums > 11.5 - 0.5 = 11 (negatives sum < 3): {}, {2}.
    expect(signedRankTest([0, 1, -2, 3, 3], 'less').pValue).toBe(14 / 16);
  });

  it('uses the tie-corrected normal approximation with ties or zeros and 13 < n <= 50', () => {
    // scipy 1.10.1: wilcoxon(d, alternative=..., zero_method='zsplit', method='approx'), the
    // method scipy >= 1.13 picks by itself for this sample (n = 20 with ties and a zero).
    const d = [1, 1, 2, -2, 3, 0, 4, 4, 4, -5, 6, 7, 7, -8, 9, 10, 11, -12, 13, 14];
    const greater = signedRankTest(d, 'greater');
    expect(greater.method).toBe('asymptotic');
    expect(greater.pValue).toBeCloseTo(0.015132059823980618, 7);
    expect(signedRankTest(d, 'less').pValue).toBeCloseTo(0.9848679401760194, 7);
  });

  it('uses the exact distribution without ties: all positive differences of n = 8 give 1/256', () => {
    const r = signedRankTest([1, 2, 3, 4, 5, 6, 7, 8], 'greater');
    expect(r.pValue).toBe(1 / 256);
    expect(signedRankTest([1, 2, 3, 4, 5, 6, 7, 8], 'less').pValue).toBe(1);
  });

  it("rejects an alternative other than 'greater' or 'less', even with nothing to test", () => {
    // Any other value used to run as 'less': p = 0.9765625 here for all of them.
    const d = [1.2, -0.3, 2.1, 0.7, 1.5, -0.1, 0.9];
    for (const [alternative, shown] of [
      ['two-sided', '"two-sided"'],
      ['GREATER', '"GREATER"'],
      [undefined, 'undefined'],
    ]) {
      for (const sample of [d, [], [Number.NaN, 1]]) {
        const run = () => signedRankTest(sample, alternative as Alternative);
        expect(run).toThrow(InvalidArgumentError);
        expect(run).toThrow(`alternative = ${shown}: must be 'greater' or 'less'`);
      }
    }
  });

  it('gives NaN for a NaN difference wherever it sits, as scipy does', () => {
    // A NaN in the sort used to rank the others arbitrarily: p = 0.0625 with it first.
    for (const d of [
      [Number.NaN, 1, 2, 3, 4],
      [1, 2, 3, 4, Number.NaN],
      [1, Number.NaN, 2, 3, 4, 5],
    ]) {
      for (const alternative of ['greater', 'less'] as const)
        expect(signedRankTest(d, alternative).pValue).toBeNaN();
    }
  });
});

const steps = (values: number[]) => Object.fromEntries(values.map((v, i) => [i, v]));

describe('WilcoxonPruner', () => {
  const bestValues = [1, 2, 3, 4, 5, 6, 7, 8];
  const best = completeWith(0, steps(bestValues), { value: 4.5 });

  it('prunes a trial the one-sided test finds worse than the best trial (p < pThreshold)', () => {
    // Differences all positive on 8 steps: p = 1/256 < 0.1; the mean (5.5) is worse than 4.5.
    const t = trialWith(1, steps(bestValues.map((v) => v + 1)));
    expect(new WilcoxonPruner().prune(viewOf([best, t]), t)).toBe(true);
    // Better everywhere: never pruned.
    const u = trialWith(1, steps(bestValues.map((v) => v - 1)));
    expect(new WilcoxonPruner().prune(viewOf([best, u]), u)).toBe(false);
  });

  it('pairs steps by number, whatever order they were reported in', () => {
    // Optuna: instance ids may come in any order. Steps 7, 2, 5, 0, 3 of the best trial, each
    // 1 worse, reported in that order: n = 5 all positive, p = 1/32 < 0.1, as in step order.
    const order = [7, 2, 5, 0, 3];
    const t = makeFrozenTrial({
      number: 1,
      intermediateValues: new Map(order.map((k) => [k, bestValues[k] + 1])),
    });
    expect([...t.intermediateValues.keys()]).toEqual(order);
    expect(new WilcoxonPruner().prune(viewOf([best, t]), t)).toBe(true);
    // Better on the same steps in the same order: not pruned.
    const u = makeFrozenTrial({
      number: 1,
      intermediateValues: new Map(order.map((k) => [k, bestValues[k] - 1])),
    });
    expect(new WilcoxonPruner().prune(viewOf([best, u]), u)).toBe(false);
  });

  it('needs max(2, nStartupSteps) steps shared with the best trial', () => {
    const one = trialWith(1, { 0: 100 });
    expect(
      new WilcoxonPruner({ pThreshold: 1, nStartupSteps: 0 }).prune(viewOf([best, one]), one),
    ).toBe(false);
    const four = trialWith(1, steps([10, 10, 10, 10]));
    // n = 4 all positive: p = 1/16 < 0.1, but nStartupSteps 5 is not reached.
    expect(new WilcoxonPruner({ nStartupSteps: 5 }).prune(viewOf([best, four]), four)).toBe(false);
    expect(new WilcoxonPruner({ nStartupSteps: 4 }).prune(viewOf([best, four]), four)).toBe(true);
  });

  it('does not prune a trial whose mean so far is not worse than the best trial’s mean', () => {
    // Best: per-step [0, 0, 0, 10] (mean 2.5). Three easy steps at 1 each are worse pairwise
    // (ties: n = 3, r+ = 6 = maximum, p = 1/8 by sign flips) but the mean 1 beats 2.5.
    const b = completeWith(0, steps([0, 0, 0, 10]), { value: 2.5 });
    const easy = trialWith(1, steps([1, 1, 1]));
    const hard = trialWith(1, steps([3, 3, 3]));
    const p = new WilcoxonPruner({ pThreshold: 0.2 });
    expect(p.prune(viewOf([b, easy]), easy)).toBe(false);
    expect(p.prune(viewOf([b, hard]), hard)).toBe(true);
  });

  it('maximises', () => {
    const b = completeWith(0, steps(bestValues), { value: 4.5 });
    const t = trialWith(1, steps(bestValues.map((v) => v - 1)));
    expect(new WilcoxonPruner().prune(viewOf([b, t], 'maximize'), t)).toBe(true);
  });

  it('never prunes with non-finite values or without a best trial', () => {
    const nan = trialWith(1, steps([...bestValues.map((v) => v + 1), Number.NaN]));
    expect(new WilcoxonPruner().prune(viewOf([best, nan]), nan)).toBe(false);
    const t = trialWith(1, steps(bestValues.map((v) => v + 1)));
    expect(new WilcoxonPruner().prune(viewOf([t]), t)).toBe(false);
    const bestInf = completeWith(0, steps([...bestValues, Number.POSITIVE_INFINITY]), { value: 1 });
    expect(new WilcoxonPruner().prune(viewOf([bestInf, t]), t)).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => new WilcoxonPruner({ pThreshold: 1.5 })).toThrow(/^pThreshold/);
    expect(() => new WilcoxonPruner({ nStartupSteps: -1 })).toThrow(/^nStartupSteps/);
  });
});
