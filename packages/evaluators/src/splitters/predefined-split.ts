import { checkLabels, compareLabels, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { foldsFromAssignment } from './complement.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface PredefinedSplitOptions {
  /** Each sample's test fold id; -1 keeps a sample in every training set. */
  testFold: readonly Label[];
}

/**
 * Folds given in advance (scikit-learn's PredefinedSplit): one fold per distinct id other
 * than -1, in sorted order.
 */
export function predefinedSplit(options: PredefinedSplitOptions): Splitter {
  const testFold = options?.testFold;
  checkLabels(testFold, 'testFold');
  const folds = [...new Set(testFold)].filter((f) => f !== -1).sort(compareLabels);
  if (folds.length === 0) {
    throw new EvaluatorError('testFold', testFold, 'needs at least one fold id other than -1');
  }
  const index = new Map(folds.map((f, i) => [f, i]));
  const assignment = testFold.map((f) => index.get(f) ?? -1);
  return {
    getNSplits: () => folds.length,
    *split(X?: Sized): Generator<Fold> {
      if (X !== undefined && X.length !== testFold.length) {
        throw new EvaluatorError(
          'X.length',
          X.length,
          `must equal testFold's length (${testFold.length})`,
        );
      }
      yield* foldsFromAssignment(
        assignment,
        folds.map((_, i) => i),
      );
    },
  };
}
