import { EvaluatorError } from './errors.js';
import type { Estimator, EstimatorType } from './estimator.js';
import { makeChecked } from './fit-and-score.js';

/** The factory's first estimator, asked what it is and then kept for the first fit. */
export interface FirstEstimator {
  /** The estimator's declared type, undefined when it does not say. */
  readonly estimatorType: EstimatorType | undefined;
  /** The factory, except that its first call returns the estimator already made. */
  readonly make: () => Estimator;
}

/**
 * Makes one estimator up front to read its `estimatorType` (the task decides the folds before
 * anything is fitted) and hands that same, still unfitted estimator to the first fit, so the
 * factory runs exactly once per fit as before.
 */
export function takeFirstEstimator(make: () => Estimator): FirstEstimator {
  let pending: Estimator | undefined = makeChecked(make, []);
  const estimatorType = (pending as { estimatorType?: unknown }).estimatorType;
  if (
    estimatorType !== undefined &&
    estimatorType !== 'classifier' &&
    estimatorType !== 'regressor'
  ) {
    throw new EvaluatorError(
      'estimator.estimatorType',
      estimatorType,
      "must be 'classifier', 'regressor' or absent",
    );
  }
  return {
    estimatorType,
    make: () => {
      const est = pending ?? make();
      pending = undefined;
      return est;
    },
  };
}
