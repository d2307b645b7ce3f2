/**
 * What crossValidate and the curves drive: fit on rows and targets, then predict (and for
 * probability metrics, predictProba with one column per class in sorted label order).
 * Any method may be synchronous or return a promise.
 */
export interface Estimator {
  fit(X: number[][], y: number[]): void | Promise<void>;
  predict(X: number[][]): number[] | Promise<number[]>;
  predictProba?(X: number[][]): number[][] | Promise<number[][]>;
}

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
