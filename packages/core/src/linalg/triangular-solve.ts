import { checkFactor, checkLength, checkOrder } from './check.js';
import { dotUnchecked as dot } from './dot.js';
import { dots2x4 } from './dots2x4.js';

/** Solves L·x = b in place (b becomes x) for the lower-triangular n×n factor L. */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array): void {
  checkFactor(l, n);
  checkLength('b', b, n, 'n');
  lowerRowsFrom(l, n, b, 0, 1, 0);
}

/**
 * Forward substitution L·x = b for the four rows of b at `row`, two entries at a time, where
 * every row is zero before `from` (so are its solution's entries, and the sums skip them).
 */
export function solveFourRowsFrom(
  l: Float64Array,
  n: number,
  b: Float64Array,
  row: number,
  from: number,
  sums: Float64Array,
): void {
  let i = from;
  for (; i + 1 < n; i += 2) {
    const li = i * n;
    dots2x4(l, li, li + n, b, row, n, from, i, sums);
    const below = l[li + n + i];
    for (let q = 0; q < 4; q++) {
      const rq = row + q * n;
      const xi = (b[rq + i] - sums[q]) / l[li + i];
      b[rq + i] = xi;
      b[rq + i + 1] = (b[rq + i + 1] - sums[4 + q] - below * xi) / l[li + n + i + 1];
    }
  }
  if (i < n) {
    for (let q = 0; q < 4; q++) {
      const rq = row + q * n;
      b[rq + i] = (b[rq + i] - dot(l, i * n + from, b, rq + from, i - from)) / l[i * n + i];
    }
  }
}

/**
 * Solves L·x = b in place for m right-hand sides, the rows of `b` (m×n, row-major): each row
 * becomes its x. Four rows and two entries at a time, rows left over one by one; per row the
 * same arithmetic as `solveLowerInPlace` up to the order of summation.
 */
export function solveLowerRowsInPlace(
  l: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
): void {
  checkFactor(l, n);
  checkOrder(m, 'm', 'the number of right-hand sides');
  checkLength('b', b, m * n, 'm×n');
  lowerRowsFrom(l, n, b, 0, m, 0);
}

/**
 * Forward substitution for the `count` rows of b from offset `row`, each zero before `from`:
 * four at a time, then the rest one by one.
 */
export function lowerRowsFrom(
  l: Float64Array,
  n: number,
  b: Float64Array,
  row: number,
  count: number,
  from: number,
): void {
  // Counted in rows, not offsets: with n = 0 every offset is the same.
  let k = 0;
  if (count >= 4) {
    const sums = new Float64Array(8);
    for (; k + 3 < count; k += 4) solveFourRowsFrom(l, n, b, row + k * n, from, sums);
  }
  for (; k < count; k++) {
    const p = row + k * n;
    for (let i = from; i < n; i++) {
      const ri = i * n;
      b[p + i] = (b[p + i] - dot(l, ri + from, b, p + from, i - from)) / l[ri + i];
    }
  }
}

/**
 * Solves Lᵀ·x = b in place (b becomes x) for the lower-triangular factor L, reading L by rows:
 * once x_i is known, its multiples leave the entries before it.
 */
export function solveUpperTransposedInPlace(l: Float64Array, n: number, b: Float64Array): void {
  checkFactor(l, n);
  checkLength('b', b, n, 'n');
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = b[i] / l[ri + i];
    b[i] = xi;
    for (let k = 0; k < i; k++) b[k] -= l[ri + k] * xi;
  }
}

/** Solves (L·Lᵀ)·x = b in place: the system of the matrix that L factorises. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  solveLowerInPlace(l, n, b);
  solveUpperTransposedInPlace(l, n, b);
}
