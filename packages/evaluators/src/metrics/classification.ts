import type { Label } from '../check.js';
import { npSum } from '../numeric.js';
import { confusionMatrix } from './confusion-matrix.js';
import { checkClassificationTargets } from './targets.js';

export interface AccuracyOptions {
  /** Return the fraction correct (default) or, with false, the count. */
  normalize?: boolean;
}

/** Fraction of samples whose predicted label equals the true one. */
export function accuracyScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: AccuracyOptions = {},
): number {
  checkClassificationTargets(yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return options.normalize === false ? correct : correct / yTrue.length;
}

export interface BalancedAccuracyOptions {
  /** Rescale so that chance scores 0 and perfect 1. Default false. */
  adjusted?: boolean;
}

/**
 * Mean recall over the classes present in yTrue (scikit-learn's balanced_accuracy_score;
 * classes only predicted are left out).
 */
export function balancedAccuracyScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BalancedAccuracyOptions = {},
): number {
  const cm = confusionMatrix(yTrue, yPred);
  const perClass: number[] = [];
  cm.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    if (total > 0) perClass.push(row[i] / total);
  });
  let score = npSum(perClass) / perClass.length;
  if (options.adjusted) {
    const chance = 1 / perClass.length;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

/**
 * Matthews correlation coefficient, multiclass form (Gorodkin's R_K) as scikit-learn
 * computes it; 0 when undefined (a constant yTrue or yPred).
 */
export function matthewsCorrcoef(yTrue: readonly Label[], yPred: readonly Label[]): number {
  const cm = confusionMatrix(yTrue, yPred);
  const k = cm.length;
  const t = cm.map((row) => row.reduce((a, b) => a + b, 0));
  const p = cm[0].map((_, j) => cm.reduce((s, row) => s + row[j], 0));
  let correct = 0;
  for (let i = 0; i < k; i++) correct += cm[i][i];
  const n = p.reduce((a, b) => a + b, 0);
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    tp += t[i] * p[i];
    pp += p[i] * p[i];
    tt += t[i] * t[i];
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
