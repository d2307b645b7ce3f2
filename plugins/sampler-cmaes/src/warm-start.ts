import { InvalidArgumentError } from '@tunekit/core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { checkPositiveFinite, checkSolutions } from './checks.js';

/** The least number of source solutions whose best `gamma` share holds one. */
export function minSourceSolutions(gamma = 0.1): number {
  return Math.ceil(1 / gamma);
}

/**
 * The initial distribution of WS-CMA-ES (M. Nomura, S. Watanabe, Y. Akimoto, Y. Ozaki,
 * M. Onishi, "Warm Starting CMA-ES for Hyperparameter Optimization", AAAI 2021): the Gaussian
 * closest in KL divergence to a mixture of N(x_i, alpha^2 I) over the top gamma fraction of
 * a source study's solutions, i.e. mean = their average and
 * Sigma = alpha^2 I + their covariance; then sigma0 = det(Sigma)^(1/2n), C = Sigma / sigma0^2.
 *
 * Throws InvalidArgumentError unless every x holds the same number (>= 1) of finite numbers and
 * no value is NaN. Like the `cmaes` library's get_warm_start_mgd, it ranks the solutions by
 * value, and NaN has no rank (CmaEsSampler never passes one: a NaN objective fails its trial);
 * +-Infinity ranks last or first.
 */
export function warmStartDistribution(
  solutions: readonly { readonly x: ArrayLike<number>; readonly value: number }[],
  gamma = 0.1,
  alpha = 0.1,
): { mean: number[]; sigma: number; cov: number[] } {
  if (!(typeof gamma === 'number' && gamma > 0 && gamma <= 1)) {
    throw new InvalidArgumentError('gamma', gamma, 'must be a number in (0, 1]');
  }
  // alpha^2 I is what keeps the covariance positive definite when the top solutions coincide.
  checkPositiveFinite('alpha', alpha);
  if (!Array.isArray(solutions)) {
    throw new InvalidArgumentError('solutions', solutions, 'must be an array of { x, value }');
  }
  const top = Math.floor(solutions.length * gamma);
  if (top < 1) {
    throw new InvalidArgumentError(
      'solutions',
      `${solutions.length} solutions`,
      `a warm start needs at least ${minSourceSolutions(gamma)} (its best ${gamma} share must hold one)`,
    );
  }
  // The first x sets the dimension; unchecked, rows of another length went unnoticed, and a
  // NaN failed inside ml-matrix with a bare TypeError.
  const n = solutions[0]?.x?.length;
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new InvalidArgumentError(
      'solutions[0].x',
      solutions[0]?.x,
      'must hold at least one finite number',
    );
  }
  checkSolutions(solutions, n, 'as solutions[0].x does');
  const best = [...solutions].sort((a, b) => a.value - b.value).slice(0, top);
  const mean = Array.from({ length: n }, (_, j) => best.reduce((acc, s) => acc + s.x[j], 0) / top);
  const cov = new Array(n * n).fill(0);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let acc = 0;
      for (const s of best) acc += (s.x[a] - mean[a]) * (s.x[b] - mean[b]);
      cov[a * n + b] = acc / top + (a === b ? alpha * alpha : 0);
    }
  }
  const rows = Array.from({ length: n }, (_, i) => cov.slice(i * n, (i + 1) * n));
  const eig = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true })
    .realEigenvalues;
  const logDet = eig.reduce((acc, e) => acc + Math.log(Math.max(e, 1e-300)), 0);
  const sigma = Math.exp(logDet / (2 * n));
  return { mean, sigma, cov: cov.map((c) => c / (sigma * sigma)) };
}
