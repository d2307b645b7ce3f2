/**
 * What crossValidate and the curves drive: fit on rows and targets, then predict (and for
 * probability metrics, predictProba with one column per class in sorted label order).
 * Any method may be synchronous or return a promise.
 */
export interface Estimator {
  /**
   * What the estimator is, as scikit-learn's `_estimator_type` / `is_classifier`. The target
   * alone cannot tell: integer-valued regression targets (counts, diabetes progression) look
   * like class labels, so without this a `cv: 5` would mean stratified folds and accuracy.
   * When set, it decides the task (stratified or plain folds, default 'accuracy' or 'r2')
   * unless the caller passes `task`; leave it out and the task is guessed from the scorers,
   * then from the target.
   */
  readonly estimatorType?: EstimatorType;
  fit(X: number[][], y: number[]): void | Promise<void>;
  predict(X: number[][]): number[] | Promise<number[]>;
  predictProba?(X: number[][]): number[][] | Promise<number[][]>;
}

/** A classifier predicts class labels; a regressor predicts real values. */
export type EstimatorType = 'classifier' | 'regressor';

/** Builds a fresh estimator from hyperparameters (what model adapters export). */
export type EstimatorFactory<P> = (params: P) => Estimator;

/**
 * The part of a tunekit trial crossValidate uses: report intermediate values and ask whether to
 * prune. Structural, so this package needs no dependency on @tunekit/core.
 */
export interface TrialLike {
  report(value: number, step: number): void;
  shouldPrune(): boolean;
}
