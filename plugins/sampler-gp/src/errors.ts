import { TunekitError } from '@tunekit/core';

/**
 * The kernel matrix stayed numerically not positive definite even after adding the
 * largest allowed jitter to its diagonal. The sampler catches it and falls back to
 * independent sampling for that trial.
 */
export class CholeskyError extends TunekitError {
  override name = 'CholeskyError';
  constructor(
    /** Size of the matrix. */
    readonly size: number,
    /** The last jitter tried (added to every diagonal entry). */
    readonly jitter: number,
  ) {
    super(
      `Cholesky factorisation of a ${size}x${size} kernel matrix failed even with jitter ${jitter.toExponential(2)} on the diagonal: the matrix is not positive definite`,
    );
  }
}
