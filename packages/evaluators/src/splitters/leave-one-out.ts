import { EvaluatorError } from '../errors.js';
import { foldFromTest } from './complement.js';
import type { Fold, Sized, Splitter } from './types.js';

function count(X: Sized | undefined): number {
  if (X === undefined || typeof X.length !== 'number') {
    throw new EvaluatorError(
      'X',
      X,
      'leaveOneOut needs X (or anything with a length) to count folds',
    );
  }
  if (X.length <= 1) {
    throw new EvaluatorError('X.length', X.length, 'leave-one-out needs at least 2 samples');
  }
  return X.length;
}

/** Each sample is the test set once (scikit-learn's LeaveOneOut). */
export function leaveOneOut(): Splitter {
  return {
    getNSplits: (X?: Sized) => count(X),
    *split(X: Sized): Generator<Fold> {
      const n = count(X);
      for (let i = 0; i < n; i++) yield foldFromTest(n, [i]);
    },
  };
}
