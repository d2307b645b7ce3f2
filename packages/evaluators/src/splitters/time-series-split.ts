import { checkInt } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { checkNSplits, samplesForSplits } from './options.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface TimeSeriesSplitOptions {
  /** Number of folds, >= 2. Default 5. */
  nSplits?: number;
  /** Largest training set; older samples are dropped. Default: no limit. */
  maxTrainSize?: number;
  /** Test set size. Default n // (nSplits + 1). */
  testSize?: number;
  /** Samples left out between the end of each training set and its test set. Default 0. */
  gap?: number;
}

/**
 * Expanding-window folds for ordered data (scikit-learn's TimeSeriesSplit): the test sets
 * are the last nSplits blocks of testSize samples, and each training set is everything
 * before its test block minus `gap` samples, so no fold trains on the future.
 */
export function timeSeriesSplit(options: TimeSeriesSplitOptions = {}): Splitter {
  const nSplits = checkNSplits(options.nSplits ?? 5);
  const gap = checkInt(options.gap ?? 0, 'gap', 0);
  const maxTrainSize =
    options.maxTrainSize === undefined
      ? undefined
      : checkInt(options.maxTrainSize, 'maxTrainSize', 1);
  const fixedTest =
    options.testSize === undefined ? undefined : checkInt(options.testSize, 'testSize', 1);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized): Generator<Fold> {
      const n = samplesForSplits(X, 0);
      const nFolds = nSplits + 1;
      const testSize = fixedTest ?? Math.floor(n / nFolds);
      if (nFolds > n) {
        throw new EvaluatorError(
          'nSplits',
          nSplits,
          `nSplits + 1 = ${nFolds} folds cannot exceed the number of samples (${n})`,
        );
      }
      if (n - gap - testSize * nSplits <= 0) {
        throw new EvaluatorError(
          'nSplits',
          nSplits,
          `too many splits for ${n} samples with testSize = ${testSize} and gap = ${gap}`,
        );
      }
      for (let testStart = n - nSplits * testSize; testStart < n; testStart += testSize) {
        const trainEnd = testStart - gap;
        const trainStart =
          maxTrainSize !== undefined && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
        yield {
          train: range(trainStart, trainEnd),
          test: range(testStart, Math.min(testStart + testSize, n)),
        };
      }
    },
  };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
