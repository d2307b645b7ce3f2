import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { minSourceSolutions, warmStartDistribution } from './warm-start.js';

const worse = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ x: [0.9, 0.9 - i * 0.01], value: 100 + i }));

describe('warmStartDistribution', () => {
  it('one best solution of ten: N(it, alpha^2 I), so sigma = alpha and C = I', () => {
    // gamma 0.1 of 10 keeps 1; Sigma = 0.1^2 I; sigma0 = det(Sigma)^(1/4) = 0.1.
    const ws = warmStartDistribution([{ x: [0.3, 0.7], value: 0 }, ...worse(9)]);
    expect(ws.mean).toEqual([0.3, 0.7]);
    expect(ws.sigma).toBeCloseTo(0.1, 12);
    expect(ws.cov.map((c) => Number(c.toFixed(12)))).toEqual([1, 0, 0, 1]);
  });

  it('two best of twenty: their mean, and their covariance (divided by 2) plus alpha^2 I', () => {
    // Best two: (0, 0) and (0.2, 0). Mean (0.1, 0); variance 0.01 in x, 0 in y, so
    // Sigma = diag(0.02, 0.01), det 2e-4, sigma0 = (2e-4)^(1/4), C = Sigma / sigma0^2.
    const best = [
      { x: [0, 0], value: 0 },
      { x: [0.2, 0], value: 1 },
    ];
    const ws = warmStartDistribution([...best, ...worse(18)]);
    const sigma = 2e-4 ** 0.25;
    expect(ws.mean[0]).toBeCloseTo(0.1, 12);
    expect(ws.mean[1]).toBeCloseTo(0, 12);
    expect(ws.sigma).toBeCloseTo(sigma, 12);
    const expected = [0.02 / sigma ** 2, 0, 0, 0.01 / sigma ** 2];
    for (const [i, c] of ws.cov.entries()) expect(c).toBeCloseTo(expected[i], 10);
  });

  it('rejects too few solutions for gamma, and gamma or alpha out of range', () => {
    expect(minSourceSolutions()).toBe(10);
    expect(minSourceSolutions(0.25)).toBe(4);
    expect(() => warmStartDistribution(worse(9))).toThrow(InvalidArgumentError);
    expect(() => warmStartDistribution(worse(9))).toThrow(
      /^solutions = "9 solutions": a warm start needs at least 10/,
    );
    expect(warmStartDistribution(worse(4), 0.25).mean).toEqual([0.9, 0.9]);
    expect(() => warmStartDistribution(worse(10), 0)).toThrow(
      /^gamma = 0: must be a number in \(0, 1\]/,
    );
    expect(() => warmStartDistribution(worse(10), 0.1, -1)).toThrow(/^alpha = -1/);
    expect(() => warmStartDistribution(worse(10), 0.1, 0)).toThrow(
      /^alpha = 0: must be a positive finite number/,
    );
    expect(() => warmStartDistribution(worse(10), 0.1, Number.NaN)).toThrow(/^alpha = NaN/);
  });
});
