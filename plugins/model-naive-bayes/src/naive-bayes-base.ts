import type { Label } from '@tunekit/evaluators';
import { NotFittedError } from '@tunekit/evaluators';
import { argmax, softmaxRow } from './class-stats.js';

/** What both naive Bayes models share: prediction from a joint log-likelihood, and the classes. */
export abstract class NaiveBayesBase<L extends Label, F extends { classes: L[] }> {
  /** Tells the evaluators this is a classifier: stratified folds and accuracy for a `cv` count. */
  readonly estimatorType = 'classifier' as const;
  protected fitted: F | undefined;

  /** log P(c) + log P(x | c) of each row (one Float64Array per row) and class. */
  abstract jointLogLikelihood(X: readonly (readonly number[])[]): Float64Array[];

  /** Sorted distinct training labels; column order of `predictProba`. */
  get classes(): L[] {
    return [...this.need('classes').classes];
  }

  predictProba(X: readonly (readonly number[])[]): number[][] {
    return this.jointLogLikelihood(X).map(softmaxRow);
  }

  /** The most probable class; the first in `classes` on ties. */
  predict(X: readonly (readonly number[])[]): L[] {
    const classes = this.need('predict').classes;
    return this.jointLogLikelihood(X).map((row) => classes[argmax(row)]);
  }

  protected need(method: string): F {
    if (!this.fitted) throw new NotFittedError(method);
    return this.fitted;
  }
}
