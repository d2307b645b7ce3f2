/**
 * `@tunekit/core/linalg`: dense linear algebra for samplers and pruners that fit Gaussian
 * processes or other models with a symmetric positive definite system: Cholesky
 * factorisation, triangular solves, and the entries of the inverse and the inverse factor from
 * the factor, on row-major n×n Float64Arrays. No function here inverts a matrix to solve a
 * system.
 */
export { choleskyInPlace } from './cholesky.js';
export {
  choleskyInverseDiagonal,
  choleskyInverseLower,
  lowerInverseTransposed,
} from './cholesky-inverse.js';
export { dot } from './dot.js';
export {
  choleskySolveInPlace,
  solveLowerInPlace,
  solveLowerRowsInPlace,
  solveUpperTransposedInPlace,
} from './triangular-solve.js';
