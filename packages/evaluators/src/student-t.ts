import { EvaluatorError } from './errors.js';

/**
 * P(|T| < t) for Student's t with an integer number of degrees of freedom, by the finite
 * series of Abramowitz & Stegun 26.7.3-4 (exact up to rounding; no special functions needed).
 */
export function studentTCentralProbability(t: number, df: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    let sum = 0;
    let term = Math.cos(theta);
    for (let k = 3; k <= df; k += 2) {
      sum += term;
      term *= (c2 * (k - 1)) / k;
    }
    return (2 / Math.PI) * (theta + s * sum);
  }
  let sum = 1;
  let term = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return s * sum;
}

/** The two-sided critical value t such that P(|T| < t) = level, for integer df >= 1. */
export function studentTCritical(level: number, df: number): number {
  if (!(level > 0 && level < 1)) {
    throw new EvaluatorError('confidenceLevel', level, 'must be strictly between 0 and 1');
  }
  if (!Number.isInteger(df) || df < 1)
    throw new EvaluatorError('df', df, 'must be an integer >= 1');
  let lo = 0;
  let hi = 1;
  while (studentTCentralProbability(hi, df) < level) hi *= 2;
  // Bisection to full double precision: the CDF is monotone and cheap.
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCentralProbability(mid, df) < level) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
