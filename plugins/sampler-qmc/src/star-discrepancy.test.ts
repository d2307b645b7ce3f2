import { createRng, InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { HaltonSequence } from './halton.js';
import { SobolSequence } from './sobol.js';
import { starDiscrepancy2d } from './star-discrepancy.js';

describe('starDiscrepancy2d', () => {
  it('is exact on hand-computed sets', () => {
    // One point at the centre: the closed box [0, .5]^2 holds it with area 1/4 -> 3/4.
    expect(starDiscrepancy2d([[0.5, 0.5]])).toBeCloseTo(0.75, 15);
    // One point at the origin: any box [0, a] x [0, b] holds it; a, b -> 0 gives 1.
    expect(starDiscrepancy2d([[0, 0]])).toBeCloseTo(1, 15);
    // (.25, .25) and (.75, .75): the open box [0, 1) x [0, .75) holds one point for area .75 -> .25;
    // the closed box [0, .25]^2 holds one for area 1/16 -> 1/2 - 1/16 = .4375.
    expect(
      starDiscrepancy2d([
        [0.25, 0.25],
        [0.75, 0.75],
      ]),
    ).toBeCloseTo(0.4375, 15);
  });

  it('takes coordinates of exactly 1: a point at the far corner leaves the box just below it empty', () => {
    expect(starDiscrepancy2d([[1, 1]])).toBe(1);
    expect(starDiscrepancy2d([new Float64Array([0.5, 0.5])])).toBeCloseTo(0.75, 15);
  });

  it('rejects no points, points that are not pairs, and coordinates outside [0, 1], naming points', () => {
    expect(() => starDiscrepancy2d([])).toThrow(/^points = \[\]: must be a non-empty array/);
    for (const bad of [[0.5], [2, 0.5], [0.5, -0.1], [0.5, Number.NaN], [0.1, 0.2, 0.3]]) {
      expect(() => starDiscrepancy2d([[0.5, 0.5], bad])).toThrow(InvalidArgumentError);
    }
    expect(() => starDiscrepancy2d([[0.5]])).toThrow(
      /^points\[0\] = \[0\.5\]: must be a pair \[x, y\] of numbers in \[0, 1\]$/,
    );
    expect(() =>
      starDiscrepancy2d([
        [0.5, 0.5],
        [2, 0.5],
      ]),
    ).toThrow(/^points\[1\] = \[2,0\.5\]: /);
    expect(() => starDiscrepancy2d([new Float64Array(3)])).toThrow(/^points\[0\] = \[0,0,0\]: /);
    expect(() => starDiscrepancy2d([null as never])).toThrow(/^points\[0\] = null: /);
  });

  it('agrees with a brute-force search over a fine grid of boxes (lower bound, nearly tight)', () => {
    const rng = createRng(4);
    const pts = Array.from({ length: 20 }, () => [rng.random(), rng.random()]);
    const exact = starDiscrepancy2d(pts);
    let grid = 0;
    for (let i = 1; i <= 400; i++) {
      for (let j = 1; j <= 400; j++) {
        const a = i / 400;
        const b = j / 400;
        const inside = pts.filter((p) => p[0] < a && p[1] < b).length;
        grid = Math.max(grid, Math.abs(inside / pts.length - a * b));
      }
    }
    expect(grid).toBeLessThanOrEqual(exact + 1e-12);
    expect(grid).toBeGreaterThan(exact - 0.01);
  });

  it('1,024 Sobol, scrambled Sobol and Halton points beat 1,024 random points', () => {
    const rng = createRng(0);
    const random = starDiscrepancy2d(
      Array.from({ length: 1024 }, () => [rng.random(), rng.random()]),
    );
    const sobol = starDiscrepancy2d(new SobolSequence(2).points(0, 1024));
    const scrambled = starDiscrepancy2d(
      new SobolSequence(2, { scramble: true, seed: 1 }).points(0, 1024),
    );
    const haltonSeq = new HaltonSequence(2);
    const halton = starDiscrepancy2d(
      Array.from({ length: 1024 }, (_, i) => haltonSeq.point(i + 1)),
    );
    // Random points: about 1/sqrt(N) ~ 0.03; a (0, m, 2)-net: O(log N / N) ~ 0.01 or less.
    expect(random).toBeGreaterThan(0.01);
    for (const d of [sobol, scrambled, halton]) expect(d).toBeLessThan(random / 3);
  });
});
