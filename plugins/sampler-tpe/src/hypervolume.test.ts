import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contributionWeights,
  greedyHssp,
  hypervolume,
  nondominatedRanks,
  referencePoint,
} from './hypervolume.js';

describe('hypervolume', () => {
  it('2-D by hand: union of boxes to the reference point', () => {
    // (1,3) and (2,1) against (4,4): 3·1 + 2·3 = 9 ... boxes 3x1 and 2x3 overlapping 2x1: 3 + 6 - 2 = 7.
    expect(
      hypervolume(
        [
          [1, 3],
          [2, 1],
        ],
        [4, 4],
      ),
    ).toBeCloseTo(7, 12);
    expect(hypervolume([[5, 0]], [4, 4])).toBe(0);
  });
  it('3-D by hand: two boxes with their overlap removed', () => {
    // [1,2]^3 box from (1,1,1) to (2,2,2) -> 1; (0,1.5,1.5) to ref 2 -> 2·0.5·0.5 = 0.5; overlap 1·0.5·0.5 = 0.25.
    expect(
      hypervolume(
        [
          [1, 1, 1],
          [0, 1.5, 1.5],
        ],
        [2, 2, 2],
      ),
    ).toBeCloseTo(1.25, 12);
  });
  it('3-D agrees with inclusion-exclusion on random sets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (pts) => {
          const ref = [1.1, 1.1, 1.1];
          let total = 0;
          // Inclusion-exclusion over subsets: the intersection of boxes is the box of the max corner.
          for (let mask = 1; mask < 1 << pts.length; mask++) {
            const corner = [0, 0, 0];
            let bits = 0;
            pts.forEach((p, i) => {
              if (mask & (1 << i)) {
                bits++;
                for (let d = 0; d < 3; d++) corner[d] = Math.max(corner[d], p[d]);
              }
            });
            const vol = (ref[0] - corner[0]) * (ref[1] - corner[1]) * (ref[2] - corner[2]);
            total += bits % 2 === 1 ? vol : -vol;
          }
          expect(hypervolume(pts, ref)).toBeCloseTo(total, 9);
        },
      ),
      { numRuns: 50 },
    );
  });
  it('ranks fronts', () => {
    expect(
      Array.from(
        nondominatedRanks([
          [1, 4],
          [2, 2],
          [4, 1],
          [3, 3],
          [5, 5],
          [2, 2],
        ]),
      ),
    ).toEqual([0, 0, 0, 1, 2, 0]);
  });
  it("reference point: Optuna's max(1.1·worst, 0.9·worst), zero nudged", () => {
    expect(
      referencePoint([
        [1, -2, 0],
        [3, -4, 0],
      ]),
    ).toEqual([expect.closeTo(3.3, 12), expect.closeTo(-1.8, 12), 1e-12]);
  });
  it('contribution weights: a lone point weighs 1', () => {
    expect(Array.from(contributionWeights([[1, 2]]))).toEqual([1]);
  });
});

describe('greedyHssp', () => {
  /** The plain greedy: every remaining point's gain recomputed at every step. */
  function plainGreedy(points: number[][], k: number, ref: number[]): number[] {
    const chosen: number[] = [];
    let base = 0;
    while (chosen.length < Math.min(k, points.length)) {
      let best = -1;
      let bestGain = Number.NEGATIVE_INFINITY;
      points.forEach((p, j) => {
        if (chosen.includes(j)) return;
        const gain = hypervolume([...chosen.map((c) => points[c]), p], ref) - base;
        if (gain > bestGain) {
          bestGain = gain;
          best = j;
        }
      });
      chosen.push(best);
      base += bestGain;
    }
    return chosen;
  }

  it('2-D by hand: the biggest box first, then the largest remaining gain', () => {
    // Against (4, 4): A(1,3) box 3, B(2,2) box 4, C(3,1) box 3. B first; then A and C each add
    // 1·1 = 1 beyond B's box: tie, the earlier (A).
    const pts = [
      [1, 3],
      [2, 2],
      [3, 1],
    ];
    expect(greedyHssp(pts, 2, [4, 4])).toEqual([1, 0]);
    expect(greedyHssp(pts, 5, [4, 4])).toEqual([1, 0, 2]);
  });

  it('picks what the plain greedy picks (3 objectives)', () => {
    // Integer coordinates keep every volume exact, so ties are true ties (floating-point
    // near-ties may legitimately break either way).
    const coord = fc.integer({ min: 0, max: 10 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 8 }),
        (xy, k) => {
          // Points on the plane x + y + z = 15 (clipped): mostly mutually non-dominated, as a front is.
          const pts = xy.map(([x, y]) => [x, y, Math.max(0, 15 - x - y)]);
          const ref = [11, 11, 16];
          expect(greedyHssp(pts, k, ref)).toEqual(plainGreedy(pts, k, ref));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('contributionWeights with infinite objective values', () => {
  it('falls back to equal weights when the hypervolume is not finite (as Optuna 4)', () => {
    // -Infinity in one objective makes the dominated volume infinite; +Infinity makes the
    // reference point infinite. Neither may yield NaN weights (they would stop the sampler).
    expect(
      Array.from(
        contributionWeights([
          [Number.NEGATIVE_INFINITY, 1],
          [1, 0],
          [2, -1],
        ]),
      ),
    ).toEqual([1, 1, 1]);
    expect(
      Array.from(
        contributionWeights([
          [Number.POSITIVE_INFINITY, 1],
          [1, 2],
        ]),
      ),
    ).toEqual([1, 1]);
  });
});
