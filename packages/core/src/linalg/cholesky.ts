import { checkLength, checkOrder } from './check.js';
import { dotUnchecked as dot } from './dot.js';
import { dots2x4 } from './dots2x4.js';

/**
 * Entries (row r, columns j..j+3) of the factor in `a`, given the dot products of row r with
 * rows j..j+3 over the columns before j in sums[offset..offset+3]; the terms of columns
 * j..j+2 are added as those entries are found.
 */
function finishFour(
  a: Float64Array,
  n: number,
  r: number,
  j: number,
  sums: Float64Array,
  offset: number,
): void {
  for (let q = 0; q < 4; q++) {
    const c = (j + q) * n;
    let s = a[r + j + q] - sums[offset + q];
    for (let p = 0; p < q; p++) s -= a[r + j + p] * a[c + j + p];
    a[r + j + q] = s / a[c + j + q];
  }
}

/** Row i of the factor in `a` from column `from` on, by dot products; false at a bad pivot. */
function factorRowFrom(a: Float64Array, n: number, i: number, from: number): boolean {
  const ri = i * n;
  for (let j = from; j < i; j++) {
    const rj = j * n;
    a[ri + j] = (a[ri + j] - dot(a, ri, a, rj, j)) / a[rj + j];
  }
  const s = a[ri + i] - dot(a, ri, a, ri, i);
  // Written so that NaN fails too.
  if (!(s > 0)) return false;
  a[ri + i] = Math.sqrt(s);
  return true;
}

/**
 * In-place Cholesky factorisation A = L·Lᵀ of the symmetric n×n matrix in `a` (row-major;
 * only the lower triangle is read). On success the lower triangle holds L, the strict upper
 * triangle is zeroed, and the result is true. It is false, with `a` partly overwritten, when
 * a pivot is not positive (or not a number): the matrix is not numerically positive definite.
 * A caller that wants to retry with a jitter on the diagonal keeps a copy.
 *
 * Rows go in pairs, four columns at a time; the rows and columns left over at the edges take
 * plain dot products. n³/6 multiply-adds.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  checkOrder(n);
  checkLength('a', a, n * n, 'n×n');
  const sums = new Float64Array(8);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let j = 0;
    for (; j + 3 < i; j += 4) {
      dots2x4(a, r0, r1, a, j * n, n, 0, j, sums);
      finishFour(a, n, r0, j, sums, 0);
      finishFour(a, n, r1, j, sums, 4);
    }
    // Row i + 1 finishes after row i: its entry in column i needs row i's diagonal.
    if (!factorRowFrom(a, n, i, j) || !factorRowFrom(a, n, i + 1, j)) return false;
  }
  if (i < n && !factorRowFrom(a, n, i, 0)) return false;
  for (let r = 0; r < n; r++) a.fill(0, r * n + r + 1, r * n + n);
  return true;
}
