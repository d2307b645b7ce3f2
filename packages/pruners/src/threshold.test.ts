import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { NopPruner } from './nop.js';
import { trialWith, viewOf } from './test-utils.js';
import { ThresholdPruner } from './threshold.js';

const judge = (p: ThresholdPruner, values: Record<number, number> | number[]) => {
  const t = trialWith(0, values);
  return p.prune(viewOf([t]), t);
};

describe('ThresholdPruner', () => {
  it('prunes when the latest value leaves [lower, upper] or is NaN', () => {
    const p = new ThresholdPruner({ lower: 0, upper: 1 });
    expect(judge(p, [0.5])).toBe(false);
    expect(judge(p, [0, 1])).toBe(false); // bounds are inside
    expect(judge(p, [0.5, 1.01])).toBe(true);
    expect(judge(p, [0.5, -0.01])).toBe(true);
    expect(judge(p, [0.5, Number.NaN])).toBe(true);
    // Only the latest value counts.
    expect(judge(p, [5, 0.5])).toBe(false);
    expect(judge(new ThresholdPruner({ upper: 1 }), [-1e9])).toBe(false);
    expect(judge(new ThresholdPruner({ lower: 1 }), [1e9])).toBe(false);
  });

  it('respects warm-up and interval as the percentile pruner does', () => {
    const p = new ThresholdPruner({ upper: 0, nWarmupSteps: 2, intervalSteps: 2 });
    // Check points 2, 4, 6 ...
    expect(judge(p, [1, 1])).toBe(false);
    expect(judge(p, [1, 1, 1])).toBe(true);
    expect(judge(p, [1, 1, 1, 1])).toBe(false);
    expect(judge(p, { 0: 1, 5: 1 })).toBe(true); // check point 4 postponed to 5
  });

  it('rejects missing or crossed bounds and bad steps', () => {
    expect(() => new ThresholdPruner({})).toThrow(InvalidArgumentError);
    expect(() => new ThresholdPruner({ lower: 2, upper: 1 })).toThrow(/^lower/);
    expect(() => new ThresholdPruner({ lower: Number.NaN })).toThrow(/^lower/);
    expect(() => new ThresholdPruner({ lower: 0, nWarmupSteps: -1 })).toThrow(/^nWarmupSteps/);
    expect(() => new ThresholdPruner({ lower: 0, intervalSteps: 0 })).toThrow(/^intervalSteps/);
  });
});

describe('NopPruner', () => {
  it('never prunes', () => {
    const t = trialWith(0, [Number.NaN]);
    expect(new NopPruner().prune(viewOf([t]), t)).toBe(false);
  });
});
