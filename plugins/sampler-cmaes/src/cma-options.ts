import { InvalidArgumentError } from '@tunekit/core';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { checkPopsize, checkPositiveFinite } from './checks.js';
import type { CmaEsOptions, CmaEsRestoreOptions } from './cma.js';

/**
 * Throws InvalidArgumentError for options `CmaEs.create` cannot start from. Unchecked, a NaN
 * or negative sigma gave NaN points and a wrong-sized covariance a bare TypeError.
 */
export function checkCreateOptions(
  options: Partial<CmaEsOptions>,
): asserts options is CmaEsOptions {
  const { mean, sigma, cov, popsize } = options;
  const n = mean?.length;
  if (
    mean === undefined ||
    typeof n !== 'number' ||
    n < 1 ||
    !Array.from(mean).every(Number.isFinite)
  ) {
    throw new InvalidArgumentError('mean', mean, 'must hold at least one finite number');
  }
  checkPositiveFinite('sigma', sigma);
  if (popsize !== undefined) checkPopsize('popsize', popsize);
  checkBoolean('separable', options.separable);
  if (cov !== undefined) checkCovariance(Array.from(cov), n, options.separable === true);
  checkRestoreOptions(options, n);
}

/** Throws InvalidArgumentError for settings a run of dimension n cannot use. */
export function checkRestoreOptions(options: CmaEsRestoreOptions, n: number): void {
  const { discrete, margin, maxResampling } = options;
  if (discrete !== undefined && (!Array.isArray(discrete) || discrete.length !== n)) {
    throw new InvalidArgumentError(
      'discrete',
      Array.isArray(discrete) ? `${discrete.length} axes` : discrete,
      `must give one entry (an axis or null) per dimension, ${n}`,
    );
  }
  if (margin !== undefined && !(typeof margin === 'number' && margin > 0 && margin < 1)) {
    throw new InvalidArgumentError('margin', margin, 'must be a number in (0, 1)');
  }
  if (maxResampling !== undefined && !(Number.isInteger(maxResampling) && maxResampling >= 0)) {
    throw new InvalidArgumentError('maxResampling', maxResampling, 'must be an integer >= 0');
  }
  checkBoolean('bounded', options.bounded);
  checkBoolean('history', options.history);
}

/** Throws InvalidArgumentError unless the option is absent or a boolean. */
export function checkBoolean(param: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidArgumentError(param, value, 'must be true or false');
  }
}

/** Row-major n x n, finite, symmetric and positive definite (sep-CMA reads the diagonal only). */
function checkCovariance(cov: number[], n: number, separable: boolean): void {
  const rule = `must be a row-major ${n} x ${n} symmetric positive definite matrix`;
  if (cov.length !== n * n || !cov.every(Number.isFinite)) {
    throw new InvalidArgumentError('cov', `${cov.length} entries`, rule);
  }
  if (separable) {
    if (Array.from({ length: n }, (_, i) => cov[i * n + i]).some((v) => v <= 0)) {
      throw new InvalidArgumentError('cov', 'a diagonal entry <= 0', rule);
    }
    return;
  }
  // A loop, not Math.max(...cov): spreading n^2 arguments overflows the stack from n ~ 350.
  let scale = 0;
  for (const v of cov) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(cov[i * n + j] - cov[j * n + i]) > 1e-12 * scale) {
        throw new InvalidArgumentError('cov', `entries (${i}, ${j}) and (${j}, ${i}) differ`, rule);
      }
    }
  }
  // Symmetrised as the run itself uses it: a product such as B D B^T is symmetric only up to
  // rounding, and ml-matrix's Cholesky throws a plain Error on any asymmetry.
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (cov[i * n + j] + cov[j * n + i]) / 2),
  );
  if (!new CholeskyDecomposition(new Matrix(rows)).isPositiveDefinite()) {
    throw new InvalidArgumentError('cov', 'not positive definite', rule);
  }
}
