import { checkSameLength, checkVector } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { npMean, npMedian, npSum } from '../numeric.js';

function check(yTrue: readonly number[], yPred: readonly number[]): void {
  checkVector(yTrue, 'yTrue');
  checkVector(yPred, 'yPred');
  checkSameLength(yTrue, 'yTrue', yPred, 'yPred');
  if (yTrue.length === 0) throw new EvaluatorError('yTrue', yTrue, 'must not be empty');
}

function map2(
  a: readonly number[],
  b: readonly number[],
  f: (x: number, y: number) => number,
): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i], b[i]);
  return out;
}

/** Mean of squared errors. */
export function meanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  return npMean(map2(yTrue, yPred, (t, p) => (t - p) * (t - p)));
}

/** Square root of the mean squared error. */
export function rootMeanSquaredError(yTrue: readonly number[], yPred: readonly number[]): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** Mean of absolute errors. */
export function meanAbsoluteError(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  return npMean(map2(yTrue, yPred, (t, p) => Math.abs(p - t)));
}

/** Median of absolute errors (mean of the middle two for an even count). */
export function medianAbsoluteError(yTrue: readonly number[], yPred: readonly number[]): number {
  check(yTrue, yPred);
  return npMedian(map2(yTrue, yPred, (t, p) => Math.abs(p - t)));
}

/**
 * Mean of |error| / |yTrue|, as a fraction (not a percentage); |yTrue| is floored at machine
 * epsilon, so a zero target gives a huge value rather than Infinity, as in scikit-learn.
 */
export function meanAbsolutePercentageError(
  yTrue: readonly number[],
  yPred: readonly number[],
): number {
  check(yTrue, yPred);
  return npMean(
    map2(yTrue, yPred, (t, p) => Math.abs(p - t) / Math.max(Math.abs(t), Number.EPSILON)),
  );
}

export interface R2Options {
  /**
   * With a constant yTrue the ratio is undefined: true (default, scikit-learn >= 1.1) gives
   * 1 for a perfect prediction and 0 otherwise; false gives NaN or -Infinity.
   */
  forceFinite?: boolean;
}

/** scikit-learn's handling of a zero numerator or denominator. */
function assemble(num: number, den: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - num / den;
  if (num === 0) return 1;
  if (den === 0) return 0;
  return 1 - num / den;
}

/**
 * Coefficient of determination, 1 - SS_res / SS_tot. NaN for fewer than two samples (as
 * scikit-learn, which also warns).
 */
export function r2Score(
  yTrue: readonly number[],
  yPred: readonly number[],
  options: R2Options = {},
): number {
  check(yTrue, yPred);
  if (yTrue.length < 2) return Number.NaN;
  const mean = npMean(yTrue);
  const num = npSum(map2(yTrue, yPred, (t, p) => (t - p) * (t - p)));
  const den = npSum(yTrue.map((t) => (t - mean) * (t - mean)));
  return assemble(num, den, options.forceFinite ?? true);
}

/** 1 - Var(yTrue - yPred) / Var(yTrue); unlike R², a constant bias is not penalised. */
export function explainedVarianceScore(
  yTrue: readonly number[],
  yPred: readonly number[],
  options: R2Options = {},
): number {
  check(yTrue, yPred);
  const diff = map2(yTrue, yPred, (t, p) => t - p);
  const diffMean = npMean(diff);
  const num = npMean(diff.map((d) => (d - diffMean) * (d - diffMean)));
  const mean = npMean(yTrue);
  const den = npMean(yTrue.map((t) => (t - mean) * (t - mean)));
  return assemble(num, den, options.forceFinite ?? true);
}
