import { describe, expect, it } from 'vitest';
import { defaultGamma, defaultWeights, hyperoptGamma, uniformWeights } from './gamma-weights.js';

describe('gamma', () => {
  it('default: ceil(0.1 n), capped at 25', () => {
    expect([0, 1, 10, 11, 100, 240, 241, 1000].map(defaultGamma)).toEqual([
      0, 1, 1, 2, 10, 24, 25, 25,
    ]);
  });
  it('hyperopt: ceil(0.25 sqrt(n)), capped at 25', () => {
    expect([1, 16, 17, 100, 10000, 100000].map(hyperoptGamma)).toEqual([1, 1, 2, 3, 25, 25]);
  });
});

describe('weights', () => {
  it('uniform below 25 observations', () => {
    expect(Array.from(defaultWeights(0))).toEqual([]);
    expect(Array.from(defaultWeights(24))).toEqual(new Array(24).fill(1));
  });
  it('from 25 on: linspace(1/n, 1, n - 25) for the oldest, then 25 ones', () => {
    // n = 30: five ramp points from 1/30 to 1 in steps of (1 - 1/30) / 4.
    const step = (1 - 1 / 30) / 4;
    const w = Array.from(defaultWeights(30));
    expect(w.slice(0, 5)).toEqual(
      [0, 1, 2, 3, 4].map((i) => expect.closeTo(1 / 30 + i * step, 14)),
    );
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
    // n = 26: linspace with one point is its start, 1/26.
    expect(defaultWeights(26)[0]).toBeCloseTo(1 / 26, 15);
    expect(Array.from(defaultWeights(25))).toEqual(new Array(25).fill(1));
  });
  it('uniformWeights', () => {
    expect(Array.from(uniformWeights(3))).toEqual([1, 1, 1]);
  });
});
