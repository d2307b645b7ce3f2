import { InvalidArgumentError } from '@tunekit/core';

/**
 * The exact star discrepancy of a non-empty 2-D point set in [0, 1]^2:
 * sup over anchored boxes [0, a) x [0, b) of |#points in box / N - a b|.
 * The supremum is reached with a and b at point coordinates or 1 (open boxes for the
 * "too few points" side, closed boxes for the "too many" side), so a sweep over the sorted
 * x coordinates with a sorted list of the y seen so far is exact, in O(N^2).
 */
export function starDiscrepancy2d(points: readonly ArrayLike<number>[]): number {
  checkPoints(points);
  const n = points.length;
  const pts = points.map((p) => [p[0], p[1]] as const).sort((p, q) => p[0] - q[0]);
  const xs = [...pts.map((p) => p[0]), 1];
  const ys = [...new Set([...pts.map((p) => p[1]), 1])].sort((p, q) => p - q);
  let worst = 0;
  let included = 0;
  // countLess[k] / countLeq[k]: included points with y < ys[k] / y <= ys[k].
  const below = new Int32Array(ys.length);
  const atOrBelow = new Int32Array(ys.length);
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i];
    // Open box in x: points with x < a are those already included.
    for (let k = 0; k < ys.length; k++) worst = Math.max(worst, a * ys[k] - below[k] / n);
    // Closed box in x: include every point with x == a, then count y <= b.
    while (included < n && pts[included][0] <= a) {
      const y = pts[included][1];
      for (let k = 0; k < ys.length; k++) {
        if (y < ys[k]) below[k]++;
        if (y <= ys[k]) atOrBelow[k]++;
      }
      included++;
    }
    for (let k = 0; k < ys.length; k++) worst = Math.max(worst, atOrBelow[k] / n - a * ys[k]);
  }
  return worst;
}

/**
 * The sweep reads p[0] and p[1] only and takes 1 as the largest box edge: a 1-D point gives
 * NaN, a 3-D one would be cut to its first two coordinates unnoticed, and a coordinate above
 * 1 gives a "discrepancy" above 1; no points have no discrepancy (#points / N is 0/0). A
 * coordinate of exactly 1 is fine: the closed boxes reach it.
 */
function checkPoints(points: readonly ArrayLike<number>[]): void {
  if (!Array.isArray(points) || points.length === 0) {
    throw new InvalidArgumentError('points', points, 'must be a non-empty array of [x, y] points');
  }
  points.forEach((p: unknown, i) => {
    const pair =
      typeof p === 'object' && p !== null && 'length' in p ? (p as ArrayLike<unknown>) : null;
    if (pair === null || pair.length !== 2 || !isUnit(pair[0]) || !isUnit(pair[1])) {
      throw new InvalidArgumentError(
        `points[${i}]`,
        pair === null ? p : pair.length <= 8 ? Array.from(pair) : `${pair.length} coordinates`,
        'must be a pair [x, y] of numbers in [0, 1]',
      );
    }
  });
}

function isUnit(v: unknown): boolean {
  return typeof v === 'number' && v >= 0 && v <= 1;
}
