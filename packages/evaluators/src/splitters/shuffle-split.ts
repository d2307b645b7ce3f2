import { checkInt, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { createSplitRng } from '../rng.js';
import { sortedFold } from './complement.js';
import { checkSeed, samplesForSplits } from './options.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface ShuffleSplitOptions {
  /** Number of independent random splits. Default 10. */
  nSplits?: number;
  /** A fraction in (0, 1) of the samples or a count >= 1. Default 0.1 (0.25 in trainTestSplit) unless trainSize is set. */
  testSize?: number;
  /** A fraction in (0, 1) or a count >= 1. Default: the complement of testSize. */
  trainSize?: number;
  /** Seed for the draws. */
  seed?: number;
}

function checkSize(v: number | undefined, param: string): void {
  if (v === undefined) return;
  const ok =
    typeof v === 'number' && Number.isFinite(v) && (Number.isInteger(v) ? v >= 1 : v > 0 && v < 1);
  if (!ok) {
    throw new EvaluatorError(param, v, 'must be a fraction in (0, 1) or a whole count >= 1');
  }
}

/**
 * Train and test set sizes as scikit-learn's `_validate_shuffle_split` computes them: a
 * fraction of test samples is rounded up, a fraction of train samples rounded down.
 */
export function shuffleSplitSizes(
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
  defaultTest: number,
): { nTrain: number; nTest: number } {
  checkSize(testSize, 'testSize');
  checkSize(trainSize, 'trainSize');
  if (testSize === undefined && trainSize === undefined) testSize = defaultTest;
  const isFrac = (v: number | undefined): boolean => v !== undefined && !Number.isInteger(v);
  if (testSize !== undefined && !isFrac(testSize) && testSize >= n) {
    throw new EvaluatorError(
      'testSize',
      testSize,
      `must be smaller than the number of samples (${n})`,
    );
  }
  if (trainSize !== undefined && !isFrac(trainSize) && trainSize >= n) {
    throw new EvaluatorError(
      'trainSize',
      trainSize,
      `must be smaller than the number of samples (${n})`,
    );
  }
  if (isFrac(testSize) && isFrac(trainSize) && testSize! + trainSize! > 1) {
    throw new EvaluatorError(
      'trainSize',
      trainSize,
      `trainSize + testSize (${testSize}) must not exceed 1 as fractions`,
    );
  }
  let nTest =
    testSize === undefined ? undefined : isFrac(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain =
    trainSize === undefined ? undefined : isFrac(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - nTest!;
  else if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest! > n) {
    throw new EvaluatorError(
      'trainSize',
      trainSize,
      `train (${nTrain}) + test (${nTest}) samples exceed the ${n} samples`,
    );
  }
  if (nTrain === 0) {
    throw new EvaluatorError(
      'testSize',
      testSize,
      `leaves an empty training set with ${n} samples; lower testSize or trainSize`,
    );
  }
  return { nTrain, nTest: nTest! };
}

/**
 * Independent random train/test draws (scikit-learn's ShuffleSplit). Sizes equal
 * scikit-learn's; the draws come from this package's seeded generator.
 */
export function shuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  const nSplits = checkInt(options.nSplits ?? 10, 'nSplits', 1);
  const seed = checkSeed(options.seed);
  checkSize(options.testSize, 'testSize');
  checkSize(options.trainSize, 'trainSize');
  return {
    getNSplits: () => nSplits,
    *split(X: Sized, _y?: readonly Label[]): Generator<Fold> {
      const n = samplesForSplits(X, 1);
      const { nTrain, nTest } = shuffleSplitSizes(n, options.testSize, options.trainSize, 0.1);
      const rng = createSplitRng(seed);
      for (let s = 0; s < nSplits; s++) {
        const perm = rng.permutation(n);
        yield sortedFold(perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest));
      }
    },
  };
}
