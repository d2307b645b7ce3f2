import { checkLabels, checkSameLength, type Label, takeRows } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { createSplitRng } from '../rng.js';
import { checkSeed, samplesForSplits } from './options.js';
import { shuffleSplitSizes } from './shuffle-split.js';
import { stratifiedDraws } from './stratified-shuffle-split.js';

export interface TrainTestSplitOptions {
  /** A fraction in (0, 1) or a count >= 1. Default 0.25 unless trainSize is set. */
  testSize?: number;
  /** A fraction in (0, 1) or a count >= 1. Default: the complement of testSize. */
  trainSize?: number;
  /** Keep class shares: `true` stratifies on y, an array on those labels. Default false. */
  stratify?: boolean | readonly Label[];
  /** Shuffle before splitting. Default true; without it the first samples train. */
  shuffle?: boolean;
  /** Seed for the shuffle. */
  seed?: number;
}

export interface TrainTestSplitResult<T, L> {
  XTrain: T[];
  XTest: T[];
  yTrain: L[];
  yTest: L[];
  /** Positions of the training samples in X, ascending. */
  trainIndices: number[];
  /** Positions of the test samples in X, ascending. */
  testIndices: number[];
}

/**
 * One train/test split (scikit-learn's train_test_split) with the same sizes. Rows keep
 * their original order within each part (scikit-learn returns them shuffled).
 */
export function trainTestSplit<T, L extends Label>(
  X: readonly T[],
  y: readonly L[],
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult<T, L> {
  if (!Array.isArray(X)) throw new EvaluatorError('X', X, 'must be an array of samples');
  checkLabels(y, 'y');
  checkSameLength(X, 'X', y, 'y');
  const n = samplesForSplits(X, 1);
  const shuffle = options.shuffle ?? true;
  const seed = checkSeed(options.seed);
  const strat = options.stratify === true ? y : options.stratify || undefined;
  let train: number[];
  let test: number[];
  if (!shuffle) {
    if (strat !== undefined) {
      throw new EvaluatorError(
        'stratify',
        options.stratify,
        'stratified splits need shuffle: true',
      );
    }
    const { nTrain, nTest } = shuffleSplitSizes(n, options.testSize, options.trainSize, 0.25);
    train = Array.from({ length: nTrain }, (_, i) => i);
    test = Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else if (strat !== undefined) {
    checkLabels(strat, 'stratify');
    checkSameLength(X, 'X', strat, 'stratify');
    const fold = stratifiedDraws(
      n,
      X,
      strat,
      options.testSize,
      options.trainSize,
      0.25,
      1,
      seed,
    ).next().value!;
    train = fold.train;
    test = fold.test;
  } else {
    const { nTrain, nTest } = shuffleSplitSizes(n, options.testSize, options.trainSize, 0.25);
    const perm = createSplitRng(seed).permutation(n);
    test = perm.slice(0, nTest).sort((a, b) => a - b);
    train = perm.slice(nTest, nTest + nTrain).sort((a, b) => a - b);
  }
  return {
    XTrain: takeRows(X, train),
    XTest: takeRows(X, test),
    yTrain: takeRows(y, train),
    yTest: takeRows(y, test),
    trainIndices: train,
    testIndices: test,
  };
}
