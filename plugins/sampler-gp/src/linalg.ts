import { CholeskyError } from './errors.js';

/**
 * Dense linear algebra on row-major Float64Arrays for the GP. ml-matrix's
 * CholeskyDecomposition has no triangular solve and allocates per call, and the GP needs
 * factorisations and solves in tight loops, so these small kernels replace it.
 * Nothing here inverts a matrix to solve a system: solves go through the factor.
 */

/**
 * Σ_{k<len} a[oa+k]·b[ob+k] with four accumulators: the dependency chain of a single sum
 * is what limits a plain loop (about twice slower in V8 here).
 */
export function dotRange(
  a: Float64Array,
  oa: number,
  b: Float64Array,
  ob: number,
  len: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[oa + k] * b[ob + k];
    s1 += a[oa + k + 1] * b[ob + k + 1];
    s2 += a[oa + k + 2] * b[ob + k + 2];
    s3 += a[oa + k + 3] * b[ob + k + 3];
  }
  for (; k < len; k++) s0 += a[oa + k] * b[ob + k];
  return s0 + s1 + (s2 + s3);
}

/**
 * The eight dot products of the runs of x at x0 and x1 with the runs of y at y0 + k·stride
 * (k = 0..3), over positions from..to-1, into sums (x0's four, then x1's four). The n³ loops
 * are built on it: one pass reads six numbers for eight multiply-adds, where a dot product
 * reads two per multiply-add, and element reads are what bound plain loops in V8. Of the
 * shapes 2×2, 2×4, 3×4 and 4×4, 2×4 measured fastest (more sums spill out of the sixteen
 * floating-point registers): about twice the speed of `dotRange` loops at n = 200 to 500.
 */
function dots2x4(
  x: Float64Array,
  x0: number,
  x1: number,
  y: Float64Array,
  y0: number,
  stride: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  const y1 = y0 + stride;
  const y2 = y1 + stride;
  const y3 = y2 + stride;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let t = from; t < to; t++) {
    const a = x[x0 + t];
    const b = x[x1 + t];
    const c0 = y[y0 + t];
    const c1 = y[y1 + t];
    const c2 = y[y2 + t];
    const c3 = y[y3 + t];
    s00 += a * c0;
    s01 += a * c1;
    s02 += a * c2;
    s03 += a * c3;
    s10 += b * c0;
    s11 += b * c1;
    s12 += b * c2;
    s13 += b * c3;
  }
  sums[0] = s00;
  sums[1] = s01;
  sums[2] = s02;
  sums[3] = s03;
  sums[4] = s10;
  sums[5] = s11;
  sums[6] = s12;
  sums[7] = s13;
}

/**
 * Entries (row r, columns j..j+3) of the factor in `a`, given the dot products of row r with
 * rows j..j+3 over columns before j in sums[offset..offset+3]; the terms of columns j..j+2
 * are added as those entries are found.
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
    a[ri + j] = (a[ri + j] - dotRange(a, ri, a, rj, j)) / a[rj + j];
  }
  const s = a[ri + i] - dotRange(a, ri, a, ri, i);
  if (!(s > 0)) return false;
  a[ri + i] = Math.sqrt(s);
  return true;
}

/**
 * In-place Cholesky A = L·Lᵀ of the n×n symmetric matrix in `a` (only the lower triangle
 * is read); on success the lower triangle holds L and the strict upper triangle is zeroed.
 * Returns false (with `a` partly overwritten) when a pivot is not positive. Rows go in pairs,
 * four columns at a time (`dots2x4`).
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
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

export interface JitterOptions {
  /** First jitter tried, relative to the mean diagonal (default 1e-10). */
  readonly initialRelativeJitter?: number;
  /** Largest jitter tried, relative to the mean diagonal (default 1e-2). */
  readonly maxRelativeJitter?: number;
}

export interface CholeskyResult {
  /** The lower factor L (row-major n×n, upper triangle zero). */
  readonly factor: Float64Array;
  /** What was added to the diagonal (0 when the matrix factorised as given). */
  readonly jitter: number;
}

/**
 * Cholesky factor of the symmetric matrix `a` (left unchanged). When the matrix is not
 * numerically positive definite, retries with a jitter on the diagonal that grows tenfold
 * from `initialRelativeJitter` up to `maxRelativeJitter` (relative to the mean diagonal),
 * then throws CholeskyError.
 */
export function choleskyWithJitter(
  a: Float64Array,
  n: number,
  options: JitterOptions = {},
  out: Float64Array = new Float64Array(n * n),
): CholeskyResult {
  out.set(a.subarray(0, n * n));
  if (choleskyInPlace(out, n)) return { factor: out, jitter: 0 };
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i];
  meanDiag = n > 0 && meanDiag > 0 && Number.isFinite(meanDiag) ? meanDiag / n : 1;
  const maxJitter = (options.maxRelativeJitter ?? 1e-2) * meanDiag;
  let jitter = (options.initialRelativeJitter ?? 1e-10) * meanDiag;
  let last = jitter;
  while (jitter <= maxJitter * (1 + 1e-12)) {
    out.set(a.subarray(0, n * n));
    for (let i = 0; i < n; i++) out[i * n + i] += jitter;
    if (choleskyInPlace(out, n)) return { factor: out, jitter };
    last = jitter;
    jitter *= 10;
  }
  throw new CholeskyError(n, last);
}

/** Solves L·x = b in place (b becomes x) for the lower-triangular factor L. */
export function solveLowerInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    b[i] = (b[i] - dotRange(l, ri, b, 0, i)) / l[ri + i];
  }
}

/**
 * Solves L·x = b in place for m right-hand sides, the rows of `b` (m×n, row-major): each
 * row becomes its x. Four rows and two entries at a time (`dots2x4`), rows left over one by
 * one; the same arithmetic per row as m calls of `solveLowerInPlace` up to summation order.
 */
export function solveLowerRowsInPlace(
  l: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
): void {
  const sums = new Float64Array(8);
  let p = 0;
  for (; p + 3 < m; p += 4) solveFourRowsFrom(l, n, b, p * n, 0, sums);
  for (; p < m; p++) solveLowerInPlace(l, n, b.subarray(p * n, p * n + n));
}

/**
 * Forward substitution L·x = b for the four rows of b at `row`, two entries at a time, where
 * every row is zero before `from` (so are its solution's entries, and the sums skip them).
 */
function solveFourRowsFrom(
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
      b[rq + i] = (b[rq + i] - dotRange(l, i * n + from, b, rq + from, i - from)) / l[i * n + i];
    }
  }
}

/** Solves Lᵀ·x = b in place (b becomes x), reading L by rows (column-oriented back substitution). */
export function solveUpperTransposedInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = b[i] / l[ri + i];
    b[i] = xi;
    for (let k = 0; k < i; k++) b[k] -= l[ri + k] * xi;
  }
}

/** Solves (L·Lᵀ)·x = b in place: the system of the factorised matrix. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  solveLowerInPlace(l, n, b);
  solveUpperTransposedInPlace(l, n, b);
}

/**
 * The lower triangle of (L·Lᵀ)⁻¹ written into `out` (upper triangle left as is). Only the
 * gradient of the log marginal likelihood needs these entries (the trace of K⁻¹·∂K);
 * they are built from the factor by solving against the identity: Z = L⁻¹ is held
 * transposed in `work` (row j = column j of Z, zero before j) so that both Z and ZᵀZ come
 * from contiguous dot products, about n³/3 multiply-adds in all. Both steps take rows in
 * blocks (`dots2x4`): four rows of Zᵀ two entries at a time, then two rows of the product
 * against four, summed from the block's first column over the zeros before each row's own.
 */
export function choleskyInverseLower(
  l: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array = new Float64Array(n * n),
): void {
  const sums = new Float64Array(8);
  // Row j of Zᵀ solves L·z = e_j; it is zero before j, so four rows solve together from j.
  work.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) work[j * n + j] = 1;
  let j = 0;
  for (; j + 3 < n; j += 4) solveFourRowsFrom(l, n, work, j * n, j, sums);
  for (; j < n; j++) solveLowerInPlace(l, n, work.subarray(j * n, j * n + n));

  // out[a][b] (b <= a) = Σ_{t >= a} Zᵀ[a][t]·Zᵀ[b][t]: rows b, b + 1 against a..a+3.
  let b = 0;
  for (; b + 1 < n; b += 2) {
    let a = b;
    for (; a + 3 < n; a += 4) {
      dots2x4(work, b * n, b * n + n, work, a * n, n, a, n, sums);
      for (let q = 0; q < 4; q++) {
        out[(a + q) * n + b] = sums[q];
        // (b + 1, b) is the one pair here above the diagonal: skipped.
        if (a + q > b) out[(a + q) * n + b + 1] = sums[4 + q];
      }
    }
    for (; a < n; a++) {
      out[a * n + b] = dotRange(work, b * n + a, work, a * n + a, n - a);
      if (a > b) out[a * n + b + 1] = dotRange(work, b * n + n + a, work, a * n + a, n - a);
    }
  }
  if (b < n) out[b * n + b] = dotRange(work, b * n + b, work, b * n + b, n - b);
}
