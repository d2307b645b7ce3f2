import { InvalidArgumentError } from '../errors.js';
import { checkFactor, checkLength } from './check.js';
import { dotUnchecked as dot } from './dot.js';
import { dots2x4 } from './dots2x4.js';
import { lowerRowsFrom, solveFourRowsFrom } from './triangular-solve.js';

/**
 * U = (L⁻¹)ᵀ into `out` for the lower-triangular n×n factor L: row j of U is column j of L⁻¹,
 * the solution of L·u = e_j, zero before j (so U is upper triangular), in n³/6 multiply-adds.
 *
 * For when many right-hand sides differ from one another in a few entries: L⁻¹(a + Σ c_j e_j)
 * = L⁻¹a + Σ c_j·(row j of U) costs one solve and a few row additions instead of a solve
 * each. To solve one system, use `solveLowerInPlace`: it is cheaper and more accurate.
 */
export function lowerInverseTransposed(l: Float64Array, n: number, out: Float64Array): void {
  checkFactor(l, n);
  checkLength('out', out, n * n, 'n×n');
  // Writing U over L would read back the identity rows it starts from, not L.
  if (out.buffer === l.buffer && n > 0) {
    throw new InvalidArgumentError('out', 'a view of l', 'must not share memory with l');
  }
  transposedInverse(l, n, out);
}

/**
 * U = (L⁻¹)ᵀ into `work`: row j of U is column j of L⁻¹, the solution of L·u = e_j, zero
 * before j. Solved from identity rows, four together from their first row's start (n³/6).
 */
function transposedInverse(l: Float64Array, n: number, work: Float64Array): void {
  work.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) work[j * n + j] = 1;
  const sums = new Float64Array(8);
  let j = 0;
  for (; j + 3 < n; j += 4) solveFourRowsFrom(l, n, work, j * n, j, sums);
  // The last rows (fewer than four) one by one, from the first one's start.
  lowerRowsFrom(l, n, work, j * n, n - j, j);
}

/**
 * The lower triangle (with the diagonal) of (L·Lᵀ)⁻¹, written into `out` from the Cholesky
 * factor L; the strict upper triangle of `out` is left as it was. `work` (n×n, overwritten)
 * holds U = (L⁻¹)ᵀ. Entry (a, b) of the inverse is the dot product of rows a and b of U from
 * max(a, b) on, where both can be nonzero: rows b, b + 1 go against rows a..a+3. n³/3
 * multiply-adds in all.
 *
 * For what needs the entries of the inverse themselves, such as the gradient of a Gaussian
 * process's log marginal likelihood (the trace of C⁻¹·∂C). To solve a system, use
 * `choleskySolveInPlace`: it is cheaper and more accurate.
 */
export function choleskyInverseLower(
  l: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array = new Float64Array(n * n),
): void {
  checkFactor(l, n);
  checkLength('out', out, n * n, 'n×n');
  checkLength('work', work, n * n, 'n×n');
  transposedInverse(l, n, work);
  const sums = new Float64Array(8);
  let b = 0;
  for (; b + 1 < n; b += 2) {
    let a = b;
    for (; a + 3 < n; a += 4) {
      dots2x4(work, b * n, b * n + n, work, a * n, n, a, n, sums);
      for (let q = 0; q < 4; q++) {
        out[(a + q) * n + b] = sums[q];
        // (b, b + 1) is the one pair here above the diagonal: skipped.
        if (a + q > b) out[(a + q) * n + b + 1] = sums[4 + q];
      }
    }
    for (; a < n; a++) {
      out[a * n + b] = dot(work, b * n + a, work, a * n + a, n - a);
      if (a > b) out[a * n + b + 1] = dot(work, b * n + n + a, work, a * n + a, n - a);
    }
  }
  if (b < n) out[b * n + b] = dot(work, b * n + b, work, b * n + b, n - b);
}

/**
 * The diagonal of (L·Lᵀ)⁻¹ from the Cholesky factor L: the squared norms of the rows of
 * U = (L⁻¹)ᵀ, n³/6 multiply-adds. For the posterior variances of a Gaussian process at its
 * own training points, without the whole inverse. `work` (n×n) is overwritten.
 */
export function choleskyInverseDiagonal(
  l: Float64Array,
  n: number,
  work: Float64Array = new Float64Array(n * n),
): Float64Array {
  checkFactor(l, n);
  checkLength('work', work, n * n, 'n×n');
  transposedInverse(l, n, work);
  return Float64Array.from({ length: n }, (_, a) => dot(work, a * n + a, work, a * n + a, n - a));
}
