import { checkLabels, checkVector, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { npSum } from '../numeric.js';
import { checkProbaMatrix } from './ranking.js';
import { uniqueLabels } from './targets.js';

export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps]. Default 'auto' = 2.22e-16 (float64 machine
   * epsilon), scikit-learn 1.2's default; older releases used 1e-15.
   */
  eps?: number | 'auto';
  /** Mean over samples (default) or, with false, the sum. */
  normalize?: boolean;
  /** All class labels, when yTrue may lack some; columns follow their sorted order. */
  labels?: readonly Label[];
}

/**
 * Cross-entropy of predicted probabilities (scikit-learn's log_loss): yProba is a matrix with a
 * column per class in sorted label order, or for two classes the probability of the greater
 * one. Probabilities are clipped to [eps, 1 - eps] and each row renormalised to sum to 1.
 */
export function logLoss(
  yTrue: readonly Label[],
  yProba: readonly number[] | readonly (readonly number[])[],
  options: LogLossOptions = {},
): number {
  checkLabels(yTrue, 'yTrue');
  if (!Array.isArray(yProba)) throw new EvaluatorError('yProba', yProba, 'must be an array');
  if (yTrue.length === 0) throw new EvaluatorError('yTrue', yTrue, 'must not be empty');
  const eps = options.eps === undefined || options.eps === 'auto' ? Number.EPSILON : options.eps;
  if (typeof eps !== 'number' || !(eps >= 0 && eps < 0.5)) {
    throw new EvaluatorError('eps', options.eps, "must be 'auto' or a number in [0, 0.5)");
  }
  const classes = uniqueLabels(options.labels ?? yTrue);
  if (classes.length < 2) {
    throw new EvaluatorError(
      options.labels ? 'labels' : 'yTrue',
      options.labels ?? `[only class ${JSON.stringify(classes[0])}]`,
      options.labels
        ? 'must hold at least two labels for log loss'
        : 'holds a single class; pass all class labels through options.labels',
    );
  }
  const clip = (p: number): number => Math.min(Math.max(p, eps), 1 - eps);
  let rows: number[][];
  if (yProba.length > 0 && Array.isArray(yProba[0])) {
    const m = yProba as readonly (readonly number[])[];
    checkProbaMatrix(m, 'yProba', yTrue.length);
    rows = m.map((r) => (r.length === 1 ? [1 - clip(r[0]), clip(r[0])] : r.map(clip)));
  } else {
    const v = yProba as readonly number[];
    checkVector(v, 'yProba');
    if (v.length !== yTrue.length) {
      throw new EvaluatorError(
        'yProba',
        `[array of length ${v.length}]`,
        `must have one entry per sample (${yTrue.length})`,
      );
    }
    rows = v.map((p) => [1 - clip(p), clip(p)]);
  }
  if (rows[0].length !== classes.length) {
    throw new EvaluatorError(
      'yProba',
      `[${rows[0].length} columns]`,
      `needs one column per class (${classes.length}: ${JSON.stringify(classes)}); pass options.labels if yTrue lacks classes`,
    );
  }
  const col = new Map(classes.map((c, j) => [c, j]));
  const losses = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const j = col.get(yTrue[i]);
    if (j === undefined) {
      throw new EvaluatorError(
        `yTrue[${i}]`,
        yTrue[i],
        `is not one of labels ${JSON.stringify(classes)}`,
      );
    }
    const row = rows[i];
    losses[i] = -Math.log(row[j] / npSum(row));
  }
  return options.normalize === false ? npSum(losses) : npSum(losses) / losses.length;
}
