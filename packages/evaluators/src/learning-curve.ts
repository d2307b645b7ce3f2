import { type CrossValidateOptions, prepare } from './cross-validate.js';
import { EvaluatorError } from './errors.js';
import type { Estimator } from './estimator.js';
import { fitAndScore } from './fit-and-score.js';
import { createSplitRng } from './rng.js';
import type { Scoring } from './scorers.js';
import { checkSeed } from './splitters/options.js';

export interface LearningCurveOptions extends Pick<CrossValidateOptions, 'cv' | 'groups' | 'task'> {
  /**
   * Training set sizes: all whole numbers are counts (1 .. the first fold's training size),
   * otherwise fractions in (0, 1] of it. Default [0.1, 0.325, 0.55, 0.775, 1].
   */
  trainSizes?: readonly number[] | undefined;
  /** One scorer (name or object). Default 'accuracy' or 'r2' by task. */
  scoring?: Scoring | undefined;
  /** Shuffle each fold's training rows before taking the first n. Default false. */
  shuffle?: boolean | undefined;
  /** Seed for that shuffle. */
  seed?: number | undefined;
}

export interface LearningCurveResult {
  /** Distinct absolute training sizes used, ascending. */
  trainSizes: number[];
  /** trainScores[i][k]: score on the training rows at size i, fold k. */
  trainScores: number[][];
  /** testScores[i][k]: score on fold k's test rows at size i. */
  testScores: number[][];
  fitTimesMs: number[][];
}

/** scikit-learn's `_translate_train_sizes`: fractions of, or counts up to, the largest training set. */
export function translateTrainSizes(sizes: readonly number[], maxTrain: number): number[] {
  if (
    !Array.isArray(sizes) ||
    sizes.length === 0 ||
    sizes.some((s) => typeof s !== 'number' || !Number.isFinite(s))
  ) {
    throw new EvaluatorError('trainSizes', sizes, 'must be a non-empty array of finite numbers');
  }
  const counts = sizes.every((s) => Number.isInteger(s));
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  let abs: number[];
  if (counts) {
    if (lo <= 0 || hi > maxTrain) {
      throw new EvaluatorError(
        'trainSizes',
        sizes,
        `whole numbers are counts of training samples and must lie in (0, ${maxTrain}]`,
      );
    }
    abs = [...sizes];
  } else {
    if (lo <= 0 || hi > 1) {
      throw new EvaluatorError(
        'trainSizes',
        sizes,
        'fractions of the largest training set must lie in (0, 1]',
      );
    }
    abs = sizes.map((s) => Math.min(Math.max(Math.trunc(s * maxTrain), 1), maxTrain));
  }
  return [...new Set(abs)].sort((a, b) => a - b);
}

/**
 * scikit-learn's learning_curve: for each fold and training size n, fits on the first n of the
 * fold's training rows (after an optional seeded shuffle) and scores on the training subset and
 * the fold's test rows.
 */
export async function learningCurve(
  makeEstimator: () => Estimator,
  X: number[][],
  y: number[],
  options: LearningCurveOptions = {},
): Promise<LearningCurveResult> {
  const { scorers, X: Xc, y: yc, folds, make } = prepare(makeEstimator, X, y, options);
  const sizes = translateTrainSizes(
    options.trainSizes ?? [0.1, 0.325, 0.55, 0.775, 1],
    folds[0].train.length,
  );
  const rng = options.shuffle ? createSplitRng(checkSeed(options.seed)) : undefined;
  const trainScores = sizes.map(() => [] as number[]);
  const testScores = sizes.map(() => [] as number[]);
  const fitTimesMs = sizes.map(() => [] as number[]);
  for (const fold of folds) {
    const train = rng ? rng.shuffle(fold.train.slice()) : fold.train;
    for (let i = 0; i < sizes.length; i++) {
      const subset = train.slice(0, sizes[i]).sort((a, b) => a - b);
      const r = await fitAndScore(make, Xc, yc, subset, fold.test, scorers, true);
      trainScores[i].push(r.train![0]);
      testScores[i].push(r.test[0]);
      fitTimesMs[i].push(r.fitTimeMs);
    }
  }
  return { trainSizes: sizes, trainScores, testScores, fitTimesMs };
}
