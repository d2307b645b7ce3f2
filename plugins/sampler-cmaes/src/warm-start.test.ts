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

  it('rejects an x of another length than the first, an empty x, a non-finite x and a NaN value', () => {
    const ten = (change: (s: { x: number[]; value: number }[]) => void) => {
      const sols = [{ x: [0.3, 0.7], value: 0 }, ...worse(9)];
      change(sols);
      return () => warmStartDistribution(sols);
    };
    const bad: [() => unknown, RegExp][] = [
      // The best one ragged: its dimension was used silently.
      [
        ten((s) => {
          s[0].x = [0.3];
        }),
        /^solutions\[1\]\.x = "length 2": must hold 1 finite numbers \(as solutions\[0\]\.x does\)/,
      ],
      [
        ten((s) => {
          s[5].x = [0.3, 0.7, 0.1];
        }),
        /^solutions\[5\]\.x = "length 3": must hold 2 finite numbers/,
      ],
      [
        ten((s) => {
          for (const sol of s) sol.x = [];
        }),
        /^solutions\[0\]\.x = \[\]: must hold at least one finite number/,
      ],
      // A NaN in a best x failed inside ml-matrix with a bare TypeError.
      [
        ten((s) => {
          s[0].x = [Number.NaN, 0.7];
        }),
        /^solutions\[0\]\.x\[0\] = NaN: must be a finite number/,
      ],
      [
        ten((s) => {
          s[3].x = [0.1, Number.POSITIVE_INFINITY];
        }),
        /^solutions\[3\]\.x\[1\] = Infinity: must be a finite number/,
      ],
      [
        ten((s) => {
          s[2].value = Number.NaN;
        }),
        /^solutions\[2\]\.value = NaN: must be a number other than NaN \(solutions are ranked by value/,
      ],
      [() => warmStartDistribution(null as never), /^solutions = null: must be an array/],
    ];
    for (const [call, message] of bad) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });

  it('ranks -Infinity first and Infinity last, as CmaEsSampler passes them from completed trials', () => {
    const infinite = { x: [0.3, 0.7], value: Number.POSITIVE_INFINITY };
    expect(warmStartDistribution([infinite, ...worse(9)]).mean).toEqual([0.9, 0.9]);
    const best = { x: [0.1, 0.2], value: Number.NEGATIVE_INFINITY };
    expect(warmStartDistribution([infinite, ...worse(8), best]).mean).toEqual([0.1, 0.2]);
  });
});
