import { EvaluatorError } from './errors.js';
import {
  accuracyScore,
  balancedAccuracyScore,
  matthewsCorrcoef,
} from './metrics/classification.js';
import { logLoss } from './metrics/log-loss.js';
import { f1Score, precisionScore, recallScore } from './metrics/precision-recall-f.js';
import { averagePrecisionScore, rocAucScore } from './metrics/ranking.js';
import {
  explainedVarianceScore,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './metrics/regression.js';
import { uniqueLabels } from './metrics/targets.js';

/** What a scorer needs from the estimator: predicted labels/values, positive-class scores, or the probability matrix. */
export type ScorerNeeds = 'labels' | 'scores' | 'proba';

/** Output handed to a scorer: predictions or scores (1-d) or probabilities (one row per sample). */
export type ScorerOutput = number[] | number[][];

/**
 * A named metric that knows whether higher is better, so no `neg_` names are needed. For
 * 'labels' and 'scores' the output is number[]; for 'proba' it is number[][] with columns in
 * sorted class order; for 'scores' on a binary target it is the greater class's column.
 */
export interface Scorer {
  readonly name: string;
  readonly direction: 'maximize' | 'minimize';
  readonly needs: ScorerNeeds;
  /** Which targets it is meant for; lets crossValidate pick stratified or plain folds. */
  readonly task?: 'classification' | 'regression';
  score(yTrue: readonly number[], output: ScorerOutput): number;
}

/** Names of the built-in scorers. */
export type ScorerName =
  | 'accuracy'
  | 'balancedAccuracy'
  | 'f1'
  | 'f1Macro'
  | 'f1Micro'
  | 'f1Weighted'
  | 'precision'
  | 'recall'
  | 'rocAuc'
  | 'rocAucOvr'
  | 'averagePrecision'
  | 'logLoss'
  | 'mcc'
  | 'mse'
  | 'rmse'
  | 'mae'
  | 'medianAe'
  | 'r2'
  | 'mape'
  | 'explainedVariance';

type Vec = readonly number[];
const vec = (o: ScorerOutput): Vec => o as Vec;
const mat = (o: ScorerOutput): readonly (readonly number[])[] =>
  o as readonly (readonly number[])[];

function make(
  name: ScorerName,
  direction: Scorer['direction'],
  needs: ScorerNeeds,
  task: 'classification' | 'regression',
  score: (yTrue: Vec, output: ScorerOutput) => number,
): Scorer {
  return Object.freeze({ name, direction, needs, task, score });
}

const C = 'classification';
const R = 'regression';

/** The built-in scorers by name. */
export const scorers: Readonly<Record<ScorerName, Scorer>> = Object.freeze({
  accuracy: make('accuracy', 'maximize', 'labels', C, (y, o) => accuracyScore(y, vec(o))),
  balancedAccuracy: make('balancedAccuracy', 'maximize', 'labels', C, (y, o) =>
    balancedAccuracyScore(y, vec(o)),
  ),
  f1: make('f1', 'maximize', 'labels', C, (y, o) => f1Score(y, vec(o))),
  f1Macro: make('f1Macro', 'maximize', 'labels', C, (y, o) =>
    f1Score(y, vec(o), { average: 'macro' }),
  ),
  f1Micro: make('f1Micro', 'maximize', 'labels', C, (y, o) =>
    f1Score(y, vec(o), { average: 'micro' }),
  ),
  f1Weighted: make('f1Weighted', 'maximize', 'labels', C, (y, o) =>
    f1Score(y, vec(o), { average: 'weighted' }),
  ),
  precision: make('precision', 'maximize', 'labels', C, (y, o) => precisionScore(y, vec(o))),
  recall: make('recall', 'maximize', 'labels', C, (y, o) => recallScore(y, vec(o))),
  rocAuc: make('rocAuc', 'maximize', 'scores', C, (y, o) => rocAucScore(y, vec(o))),
  rocAucOvr: make('rocAucOvr', 'maximize', 'proba', C, (y, o) =>
    rocAucScore(y, mat(o), { multiClass: 'ovr' }),
  ),
  // The scores are the greater class's column (as for rocAuc), so that class is positive; for
  // 0/1 labels this is scikit-learn's pos_label=1.
  averagePrecision: make('averagePrecision', 'maximize', 'scores', C, (y, o) => {
    const labels = uniqueLabels(y);
    return averagePrecisionScore(y, vec(o), { posLabel: labels.length === 2 ? labels[1] : 1 });
  }),
  logLoss: make('logLoss', 'minimize', 'proba', C, (y, o) => logLoss(y, mat(o))),
  mcc: make('mcc', 'maximize', 'labels', C, (y, o) => matthewsCorrcoef(y, vec(o))),
  mse: make('mse', 'minimize', 'labels', R, (y, o) => meanSquaredError(y, vec(o))),
  rmse: make('rmse', 'minimize', 'labels', R, (y, o) => rootMeanSquaredError(y, vec(o))),
  mae: make('mae', 'minimize', 'labels', R, (y, o) => meanAbsoluteError(y, vec(o))),
  medianAe: make('medianAe', 'minimize', 'labels', R, (y, o) => medianAbsoluteError(y, vec(o))),
  r2: make('r2', 'maximize', 'labels', R, (y, o) => r2Score(y, vec(o))),
  mape: make('mape', 'minimize', 'labels', R, (y, o) => meanAbsolutePercentageError(y, vec(o))),
  explainedVariance: make('explainedVariance', 'maximize', 'labels', R, (y, o) =>
    explainedVarianceScore(y, vec(o)),
  ),
});

/** A scorer given by name or as an object. */
export type Scoring = ScorerName | Scorer;

/** Looks up a scorer by name, or checks a scorer object's fields. */
export function getScorer(scoring: Scoring, param = 'scoring'): Scorer {
  if (typeof scoring === 'string') {
    const s = (scorers as Record<string, Scorer>)[scoring];
    if (s === undefined || !Object.hasOwn(scorers, scoring)) {
      throw new EvaluatorError(
        param,
        scoring,
        `is not a built-in scorer; use one of ${Object.keys(scorers).join(', ')} or a { name, direction, needs, score } object`,
      );
    }
    return s;
  }
  const s = scoring as Partial<Scorer> | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.name !== 'string' ||
    (s.direction !== 'maximize' && s.direction !== 'minimize') ||
    (s.needs !== 'labels' && s.needs !== 'scores' && s.needs !== 'proba') ||
    typeof s.score !== 'function'
  ) {
    throw new EvaluatorError(
      param,
      scoring,
      "must be a scorer name or { name, direction: 'maximize' | 'minimize', needs: 'labels' | 'scores' | 'proba', score(yTrue, output) }",
    );
  }
  return s as Scorer;
}

/** One or more scorers, deduplicated by name check. */
export function getScorers(
  scoring: Scoring | readonly Scoring[] | undefined,
  fallback: ScorerName,
): Scorer[] {
  const list =
    scoring === undefined ? [fallback] : Array.isArray(scoring) ? scoring : [scoring as Scoring];
  if (list.length === 0)
    throw new EvaluatorError('scoring', scoring, 'must name at least one scorer');
  const out = list.map((s, i) =>
    getScorer(s, Array.isArray(scoring) ? `scoring[${i}]` : 'scoring'),
  );
  const names = new Set<string>();
  for (const s of out) {
    if (names.has(s.name))
      throw new EvaluatorError('scoring', s.name, 'scorer names must be unique');
    names.add(s.name);
  }
  return out;
}
