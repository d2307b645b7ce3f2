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
 * In-place Cholesky A = L·Lᵀ of the n×n symmetric matrix in `a` (only the lower triangle
 * is read); on success the lower triangle holds L and the strict upper triangle is zeroed.
 * Returns false (with `a` partly overwritten) when a pivot is not positive.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = a[ri + j] - dotRange(a, ri, a, rj, j);
      if (i === j) {
        if (!(s > 0)) return false;
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
  }
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
 * transposed in `work` (row j = column j of Z) so that both Z and ZᵀZ come from
 * contiguous dot products, about n³/3 multiply-adds in all.
 */
export function choleskyInverseLower(
  l: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array = new Float64Array(n * n),
): void {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    work[rj + j] = 1 / l[rj + j];
    for (let i = j + 1; i < n; i++) {
      work[rj + i] = -dotRange(l, i * n + j, work, rj + j, i - j) / l[i * n + i];
    }
  }
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    for (let b = 0; b <= a; b++) out[ra + b] = dotRange(work, ra + a, work, b * n + a, n - a);
  }
}
