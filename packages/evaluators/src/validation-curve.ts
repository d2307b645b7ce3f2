import type { CrossValidateOptions } from './cross-validate.js';
import { prepare } from './cross-validate.js';
import { EvaluatorError } from './errors.js';
import type { Estimator } from './estimator.js';
import { fitAndScore } from './fit-and-score.js';
import type { Scoring } from './scorers.js';

export interface ValidationCurveOptions<V>
  extends Pick<CrossValidateOptions, 'cv' | 'groups' | 'task'> {
  /** Name of the varied hyperparameter (for labelling results). */
  paramName: string;
  /** Values to try, in order. */
  paramRange: readonly V[];
  /** One scorer (name or object). Default 'accuracy' or 'r2' by task. */
  scoring?: Scoring | undefined;
}

export interface ValidationCurveResult<V> {
  paramName: string;
  paramRange: V[];
  /** trainScores[i][k]: score on fold k's training rows with paramRange[i]. */
  trainScores: number[][];
  /** testScores[i][k]: score on fold k's test rows with paramRange[i]. */
  testScores: number[][];
}

/**
 * scikit-learn's validation_curve: the same folds for every value of one hyperparameter,
 * scored on training and test rows.
 */
export async function validationCurve<V>(
  makeEstimatorFromParam: (value: V) => Estimator,
  X: number[][],
  y: number[],
  options: ValidationCurveOptions<V>,
): Promise<ValidationCurveResult<V>> {
  if (typeof makeEstimatorFromParam !== 'function') {
    throw new EvaluatorError(
      'makeEstimatorFromParam',
      makeEstimatorFromParam,
      'must be a function (value) => Estimator',
    );
  }
  const { paramName, paramRange } = options ?? ({} as ValidationCurveOptions<V>);
  if (typeof paramName !== 'string')
    throw new EvaluatorError('paramName', paramName, 'must be a string');
  if (!Array.isArray(paramRange) || paramRange.length === 0) {
    throw new EvaluatorError('paramRange', paramRange, 'must be a non-empty array of values');
  }
  // The first value's estimator tells the task, then serves that value's first fold.
  const {
    scorers,
    X: Xc,
    y: yc,
    folds,
    make,
  } = prepare(() => makeEstimatorFromParam(paramRange[0]), X, y, options);
  const trainScores: number[][] = [];
  const testScores: number[][] = [];
  for (const [i, value] of paramRange.entries()) {
    const makeForValue = i === 0 ? make : () => makeEstimatorFromParam(value);
    const tr: number[] = [];
    const te: number[] = [];
    for (const fold of folds) {
      const r = await fitAndScore(makeForValue, Xc, yc, fold.train, fold.test, scorers, true);
      tr.push(r.train![0]);
      te.push(r.test[0]);
    }
    trainScores.push(tr);
    testScores.push(te);
  }
  return { paramName, paramRange: [...paramRange], trainScores, testScores };
}
