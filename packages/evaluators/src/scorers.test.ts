import { describe, expect, it } from 'vitest';
import { getScorer, type ScorerName, scorers } from './scorers.js';

describe('scorer registry', () => {
  it('holds exactly the documented names, each with its direction and needs', () => {
    const expected: Record<ScorerName, [string, string]> = {
      accuracy: ['maximize', 'labels'],
      balancedAccuracy: ['maximize', 'labels'],
      f1: ['maximize', 'labels'],
      f1Macro: ['maximize', 'labels'],
      f1Micro: ['maximize', 'labels'],
      f1Weighted: ['maximize', 'labels'],
      precision: ['maximize', 'labels'],
      recall: ['maximize', 'labels'],
      rocAuc: ['maximize', 'scores'],
      rocAucOvr: ['maximize', 'proba'],
      averagePrecision: ['maximize', 'scores'],
      logLoss: ['minimize', 'proba'],
      mcc: ['maximize', 'labels'],
      mse: ['minimize', 'labels'],
      rmse: ['minimize', 'labels'],
      mae: ['minimize', 'labels'],
      medianAe: ['minimize', 'labels'],
      r2: ['maximize', 'labels'],
      mape: ['minimize', 'labels'],
      explainedVariance: ['maximize', 'labels'],
    };
    expect(Object.keys(scorers).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [direction, needs]] of Object.entries(expected)) {
      const s = getScorer(name as ScorerName);
      expect([s.name, s.direction, s.needs]).toEqual([name, direction, needs]);
    }
  });
  it('scores by hand', () => {
    expect(scorers.accuracy.score([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75);
    expect(scorers.f1Micro.score([0, 1, 2], [0, 2, 2])).toBeCloseTo(2 / 3, 15);
    expect(scorers.rmse.score([0, 0], [3, 4])).toBeCloseTo(Math.sqrt(12.5), 15);
    expect(
      scorers.rocAucOvr.score(
        [0, 1, 2],
        [
          [0.8, 0.1, 0.1],
          [0.1, 0.8, 0.1],
          [0.1, 0.1, 0.8],
        ],
      ),
    ).toBe(1);
    expect(
      scorers.logLoss.score(
        [0, 1],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toBeCloseTo(Math.LN2, 15);
  });
  it('rejects unknown names, neg_ names and malformed scorer objects', () => {
    expect(() => getScorer('neg_mean_squared_error' as ScorerName)).toThrow(
      /not a built-in scorer/,
    );
    expect(() => getScorer('toString' as ScorerName)).toThrow(/not a built-in scorer/);
    expect(() =>
      getScorer({ name: 'x', direction: 'up' as 'maximize', needs: 'labels', score: () => 0 }),
    ).toThrow(/direction/);
  });
  it('accepts a custom scorer object as is', () => {
    const mine = {
      name: 'mine',
      direction: 'minimize' as const,
      needs: 'labels' as const,
      score: () => 1,
    };
    expect(getScorer(mine)).toBe(mine);
  });
});
