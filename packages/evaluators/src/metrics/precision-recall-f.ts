import type { Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { npSum } from '../numeric.js';
import { checkClassificationTargets } from './targets.js';

/** How per-class scores are combined, as scikit-learn's `average`. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/** Value for a ratio with a zero denominator; 'warn' gives 0 (scikit-learn also warns). */
export type ZeroDivision = 'warn' | 0 | 1;

export interface PrfOptions {
  /** Default 'binary': score only the class posLabel. */
  average?: Average;
  /** The positive class for average 'binary'. Default 1. */
  posLabel?: Label;
  /** Classes to include (and their order); labels absent from the data score by zeroDivision. */
  labels?: readonly Label[];
  /** Default 'warn' (returns 0 silently). */
  zeroDivision?: ZeroDivision;
}

export interface FbetaOptions extends PrfOptions {
  /** Weight of recall against precision. */
  beta: number;
}

const AVERAGES: readonly string[] = ['binary', 'micro', 'macro', 'weighted'];

/** Precision, recall and F-beta as scikit-learn's precision_recall_fscore_support with an average. */
function prf(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  beta: number,
  options: PrfOptions,
): { precision: number; recall: number; f: number } {
  const average = options.average ?? 'binary';
  const posLabel = options.posLabel ?? 1;
  const zd = options.zeroDivision ?? 'warn';
  if (!AVERAGES.includes(average)) {
    throw new EvaluatorError('average', average, `must be one of ${AVERAGES.join(', ')}`);
  }
  if (zd !== 'warn' && zd !== 0 && zd !== 1) {
    throw new EvaluatorError('zeroDivision', zd, "must be 'warn', 0 or 1");
  }
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new EvaluatorError('beta', beta, 'must be a number >= 0');
  }
  const { type, labels: present } = checkClassificationTargets(yTrue, yPred);
  let labels: readonly Label[] | undefined = options.labels;
  if (average === 'binary') {
    if (type !== 'binary') {
      throw new EvaluatorError(
        'average',
        average,
        "the target is multiclass: choose 'micro', 'macro' or 'weighted'",
      );
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw new EvaluatorError(
        'posLabel',
        posLabel,
        `is not a label of the data; it should be one of ${JSON.stringify(present)}`,
      );
    }
    labels = [posLabel];
  }
  const chosen = labels ?? present;
  const index = new Map<Label, number>();
  chosen.forEach((l, i) => {
    if (!index.has(l)) index.set(l, i);
  });
  const k = chosen.length;
  const tp = new Array<number>(k).fill(0);
  const predSum = new Array<number>(k).fill(0);
  const trueSum = new Array<number>(k).fill(0);
  for (let s = 0; s < yTrue.length; s++) {
    const it = index.get(yTrue[s]);
    const ip = index.get(yPred[s]);
    if (it !== undefined) trueSum[it]++;
    if (ip !== undefined) predSum[ip]++;
    if (it !== undefined && it === ip) tp[it]++;
  }
  let tps = tp;
  let preds = predSum;
  let trues = trueSum;
  if (average === 'micro') {
    tps = [npSum(tp)];
    preds = [npSum(predSum)];
    trues = [npSum(trueSum)];
  }
  const zeroValue = zd === 1 ? 1 : 0;
  const divide = (num: number[], den: number[]): number[] =>
    num.map((v, i) => (den[i] === 0 ? zeroValue : v / den[i]));
  const precision = divide(tps, preds);
  const recall = divide(tps, trues);
  const beta2 = beta * beta;
  const f =
    beta === Infinity
      ? recall
      : precision.map((p, i) => {
          const denom = beta2 * p + recall[i];
          return ((1 + beta2) * p * recall[i]) / (denom === 0 ? 1 : denom);
        });
  if (average === 'weighted') {
    const wSum = npSum(trues);
    if (wSum === 0) {
      if (npSum(preds) === 0) return { precision: zeroValue, recall: zeroValue, f: zeroValue };
      return { precision: 0, recall: zeroValue, f: 0 };
    }
    const wavg = (a: number[]): number => npSum(a.map((v, i) => v * trues[i])) / wSum;
    return { precision: wavg(precision), recall: wavg(recall), f: wavg(f) };
  }
  const avg = (a: number[]): number => npSum(a) / a.length;
  return { precision: avg(precision), recall: avg(recall), f: avg(f) };
}

/** tp / (tp + fp): of the samples predicted positive, the fraction that are. */
export function precisionScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrfOptions = {},
): number {
  return prf(yTrue, yPred, 1, options).precision;
}

/** tp / (tp + fn): of the positive samples, the fraction found. */
export function recallScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrfOptions = {},
): number {
  return prf(yTrue, yPred, 1, options).recall;
}

/** Harmonic mean of precision and recall. */
export function f1Score(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrfOptions = {},
): number {
  return prf(yTrue, yPred, 1, options).f;
}

/** Weighted harmonic mean of precision and recall; recall counts beta times as much. */
export function fbetaScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: FbetaOptions,
): number {
  if (options === undefined || options.beta === undefined) {
    throw new EvaluatorError('beta', options?.beta, 'fbetaScore needs options.beta');
  }
  return prf(yTrue, yPred, options.beta, options).f;
}
