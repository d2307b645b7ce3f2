import { choleskyInPlace } from '@tunekit/core/linalg';
import { CholeskyError } from './errors.js';

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
 * Cholesky factor of the symmetric matrix `a` (left unchanged unless it is `out` itself).
 * When the matrix is not numerically positive definite, retries with a jitter on the diagonal
 * that grows tenfold from `initialRelativeJitter` up to `maxRelativeJitter` (relative to the
 * mean diagonal), then throws CholeskyError.
 */
export function choleskyWithJitter(
  a: Float64Array,
  n: number,
  options: JitterOptions = {},
  out: Float64Array = new Float64Array(n * n),
): CholeskyResult {
  // A failed attempt leaves part of the factor in `out`; when that is `a`'s own memory, the
  // retries need the matrix kept aside first.
  const input = out.buffer === a.buffer ? a.slice(0, n * n) : a;
  out.set(input.subarray(0, n * n));
  if (choleskyInPlace(out, n)) return { factor: out, jitter: 0 };
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += input[i * n + i];
  meanDiag = n > 0 && meanDiag > 0 && Number.isFinite(meanDiag) ? meanDiag / n : 1;
  const maxJitter = (options.maxRelativeJitter ?? 1e-2) * meanDiag;
  let jitter = (options.initialRelativeJitter ?? 1e-10) * meanDiag;
  let last = jitter;
  while (jitter <= maxJitter * (1 + 1e-12)) {
    out.set(input.subarray(0, n * n));
    for (let i = 0; i < n; i++) out[i * n + i] += jitter;
    if (choleskyInPlace(out, n)) return { factor: out, jitter };
    last = jitter;
    jitter *= 10;
  }
  throw new CholeskyError(n, last);
}
