import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contributionWeights,
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
