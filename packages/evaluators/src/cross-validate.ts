import {
  checkInt,
  checkLabels,
  checkMatrix,
  checkSameLength,
  checkVector,
  type Label,
} from './check.js';
import { EvaluatorError, TrialPrunedError } from './errors.js';
import type { Estimator, TrialLike } from './estimator.js';
import { takeFirstEstimator } from './first-estimator.js';
import { type FoldScores, fitAndScore } from './fit-and-score.js';
import { npMean, npStd, sampleStd } from './numeric.js';
import { resolveCv, resolveTask, type Task } from './resolve-cv.js';
import { createSplitRng } from './rng.js';
import { getScorers, type Scorer, type Scoring } from './scorers.js';
import type { Fold, Splitter } from './splitters/types.js';
import { studentTCritical } from './student-t.js';

export interface CrossValidateOptions extends SelectionOptions {
  /** Also score each fold's training rows. Default false. */
  returnTrainScore?: boolean | undefined;
  /** Folds fitted at once (useful for async estimators). Default 1. */
  concurrency?: number | undefined;
  /** Reports the primary metric to the trial after each fold and prunes on request. */
  trial?: TrialLike | undefined;
  /**
   * What is reported to `trial` after each fold: `'mean'`, the running mean of the n folds run
   * so far at step n - 1, for pruners that compare trials at a step (Median, Percentile,
   * successive halving); `'fold'`, the fold's own score at step = its fold index, for pruners
   * that pair folds across trials (Wilcoxon). In the default fold order the two steps agree.
   * Default `'mean'`.
   */
  report?: CrossValidateReport | undefined;
  /**
   * The order in which the folds are fitted and reported; the results stay in fold order,
   * and so do the steps of `report: 'fold'`. `'ascending'` (default); `{ seed }`, a seeded
   * random order, which Optuna advises for WilcoxonPruner so that pruning does not always lean
   * on the same first folds (seed it with the trial number); or a permutation of 0..k-1.
   */
  foldOrder?: FoldOrder | undefined;
  /** Level of the t-based confidence interval on the mean. Default 0.95. */
  confidenceLevel?: number | undefined;
}

/** The order of the folds in `crossValidate` (see `CrossValidateOptions.foldOrder`). */
export type FoldOrder = 'ascending' | { readonly seed: number } | readonly number[];

/** What `crossValidate` reports to a trial after each fold (see `CrossValidateOptions.report`). */
export type CrossValidateReport = 'mean' | 'fold';

/** Summary of one metric over the folds. */
export interface MetricSummary {
  direction: 'maximize' | 'minimize';
  testScores: number[];
  trainScores?: number[];
  mean: number;
  /** Population standard deviation (np.std, ddof 0). */
  std: number;
  /** mean ± t(n-1) · s / √n with the sample std s; [NaN, NaN] for a single fold. */
  confidenceInterval: [number, number];
  meanTrainScore?: number;
}

export interface CrossValidateResult {
  /** Name of the primary (first) metric. */
  metric: string;
  /** The primary metric's test score of each fold, in fold order (every metric's: perMetric). */
  testScores: number[];
  /** The primary metric's training score of each fold (with returnTrainScore). */
  trainScores?: number[];
  fitTimesMs: number[];
  /** Time to predict and score each fold's test rows. */
  scoreTimesMs: number[];
  /** Mean test score of the primary metric. */
  meanTestScore: number;
  /** Population std of the primary metric's test scores. */
  stdTestScore: number;
  confidenceInterval: [number, number];
  perMetric: Record<string, MetricSummary>;
}

/** What every model-selection function shares: where the folds and the scores come from. */
export interface SelectionOptions {
  /**
   * Folds: a count (stratifiedKFold for classification of class labels, kFold otherwise; see
   * `task`) or a splitter. Default 5.
   */
  cv?: number | Splitter | undefined;
  /** Scorer name, scorer object, or several; the first is the primary one. Default 'accuracy' or 'r2'. */
  scoring?: Scoring | readonly Scoring[] | undefined;
  /** Group id per sample, for group splitters. */
  groups?: readonly Label[] | undefined;
  /**
   * Classification or regression: picks stratified or plain folds for a `cv` count and the
   * default scorer. Default: the estimator's `estimatorType`, else what the scorers are meant
   * for, else integer-valued targets are classes. Given, it also silences the check that the
   * scorers suit the estimator's type.
   */
  task?: Task | undefined;
}

/**
 * Checks X, y and groups, resolves the scorers and the splitter, and lists the folds. The
 * returned `make` is the factory to fit with: its first call gives back the estimator made
 * here to learn its type.
 */
export function prepare(
  makeEstimator: () => Estimator,
  X: unknown,
  y: unknown,
  options: SelectionOptions,
): {
  splitter: Splitter;
  scorers: Scorer[];
  X: number[][];
  y: number[];
  folds: Fold[];
  make: () => Estimator;
} {
  const { scoring, groups } = options;
  checkMatrix(X, 'X');
  checkVector(y, 'y');
  checkSameLength(X, 'X', y, 'y');
  if (groups !== undefined) {
    checkLabels(groups, 'groups');
    checkSameLength(X, 'X', groups, 'groups');
  }
  const explicit = scoring === undefined ? undefined : getScorers(scoring, 'accuracy');
  const first = takeFirstEstimator(makeEstimator);
  const task = resolveTask(y, options.task, explicit, first.estimatorType);
  const scorers = explicit ?? getScorers(undefined, task === 'classification' ? 'accuracy' : 'r2');
  const splitter = resolveCv(options.cv, task, y);
  const Xm = X as number[][];
  const yv = y as number[];
  const folds = listFolds(splitter, Xm, yv, groups);
  return { splitter, scorers, X: Xm, y: yv, folds, make: first.make };
}

/** Materialises the folds, checking what a custom splitter returns. */
export function listFolds(
  splitter: Splitter,
  X: number[][],
  y: number[],
  groups: readonly Label[] | undefined,
): Fold[] {
  const folds = [...splitter.split(X, y, groups)];
  if (folds.length === 0) throw new EvaluatorError('cv', '[splitter]', 'produced no folds');
  folds.forEach((f, k) => {
    for (const part of ['train', 'test'] as const) {
      const idx = f?.[part];
      if (!Array.isArray(idx) || idx.length === 0) {
        throw new EvaluatorError(
          `cv fold ${k}.${part}`,
          idx,
          'must be a non-empty array of sample positions',
        );
      }
    }
  });
  return folds;
}

/** Mean, population std and t interval of a list of scores. */
export function summarise(
  scores: readonly number[],
  level: number,
): {
  mean: number;
  std: number;
  confidenceInterval: [number, number];
} {
  const mean = npMean(scores);
  const std = npStd(scores);
  if (scores.length < 2) return { mean, std, confidenceInterval: [Number.NaN, Number.NaN] };
  const half =
    (studentTCritical(level, scores.length - 1) * sampleStd(scores)) / Math.sqrt(scores.length);
  return { mean, std, confidenceInterval: [mean - half, mean + half] };
}

/**
 * Runs the folds with at most `concurrency` in flight, starting and reporting them to the
 * trial in `order`. Once a prune is requested or a fold fails, no further folds start.
 * Returns the results by fold index.
 */
async function runFolds(
  order: readonly number[],
  concurrency: number,
  run: (k: number) => Promise<FoldScores>,
  trial: TrialLike | undefined,
  report: CrossValidateReport,
): Promise<FoldScores[]> {
  const count = order.length;
  const results: (FoldScores | undefined)[] = new Array(count);
  let next = 0;
  let reported = 0;
  const scores: number[] = [];
  let runningSum = 0;
  let stop: { error: unknown } | undefined;
  const flush = (): void => {
    while (trial !== undefined && stop === undefined && reported < count) {
      const step = order[reported];
      const done = results[step];
      if (done === undefined) return;
      const score = done.test[0];
      scores.push(score);
      runningSum += score;
      reported++;
      // A running mean's step counts the folds in it, so that a step means the same in every
      // trial whatever the order; a fold's own score is paired by its fold index.
      if (report === 'fold') trial.report(score, step);
      else trial.report(runningSum / reported, reported - 1);
      if (trial.shouldPrune()) {
        stop = {
          error: new TrialPrunedError(
            `trial pruned after cross-validation fold ${step}`,
            step,
            scores.slice(),
          ),
        };
      }
    }
  };
  const worker = async (): Promise<void> => {
    while (stop === undefined && next < count) {
      const k = order[next++];
      try {
        results[k] = await run(k);
        flush();
      } catch (e) {
        stop ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (stop !== undefined) throw stop.error;
  return results as FoldScores[];
}

/** The fold indices in the order `foldOrder` asks for, checked. */
function resolveFoldOrder(foldOrder: unknown, count: number): number[] {
  if (foldOrder === undefined || foldOrder === 'ascending')
    return Array.from({ length: count }, (_, k) => k);
  if (Array.isArray(foldOrder)) {
    const seen = new Set<number>();
    for (const k of foldOrder) {
      if (!Number.isInteger(k) || k < 0 || k >= count || seen.has(k)) break;
      seen.add(k);
    }
    if (seen.size !== count || foldOrder.length !== count) {
      throw new EvaluatorError(
        'foldOrder',
        foldOrder,
        `must be a permutation of the fold indices 0..${count - 1}`,
      );
    }
    return foldOrder.slice();
  }
  if (typeof foldOrder === 'object' && foldOrder !== null && 'seed' in foldOrder) {
    const { seed } = foldOrder as { seed: unknown };
    if (typeof seed !== 'number' || !Number.isFinite(seed))
      throw new EvaluatorError('foldOrder.seed', seed, 'must be a finite number');
    return createSplitRng(seed).permutation(count);
  }
  throw new EvaluatorError(
    'foldOrder',
    foldOrder,
    "must be 'ascending', { seed } or a permutation of the fold indices",
  );
}

/**
 * scikit-learn's cross_validate: fits a fresh estimator per fold and scores it with each
 * scorer. With a trial, reports the primary metric after each fold (the running mean at
 * step = folds run - 1, or with `report: 'fold'` the fold's score at step = fold index) and
 * throws TrialPrunedError when the trial should be pruned.
 */
export async function crossValidate(
  makeEstimator: () => Estimator,
  X: number[][],
  y: number[],
  options: CrossValidateOptions = {},
): Promise<CrossValidateResult> {
  const { scorers, X: Xc, y: yc, folds, make } = prepare(makeEstimator, X, y, options);
  const concurrency = checkInt(options.concurrency ?? 1, 'concurrency', 1);
  const level = options.confidenceLevel ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new EvaluatorError('confidenceLevel', level, 'must be strictly between 0 and 1');
  }
  const trial = options.trial;
  if (
    trial !== undefined &&
    (typeof trial.report !== 'function' || typeof trial.shouldPrune !== 'function')
  ) {
    throw new EvaluatorError(
      'trial',
      trial,
      'must have report(value, step) and shouldPrune() methods',
    );
  }
  const report = options.report ?? 'mean';
  if (report !== 'mean' && report !== 'fold') {
    throw new EvaluatorError('report', report, "must be 'mean' or 'fold'");
  }
  const order = resolveFoldOrder(options.foldOrder, folds.length);
  const returnTrain = options.returnTrainScore ?? false;
  const results = await runFolds(
    order,
    concurrency,
    (k) => fitAndScore(make, Xc, yc, folds[k].train, folds[k].test, scorers, returnTrain),
    trial,
    report,
  );
  const perMetric: Record<string, MetricSummary> = {};
  scorers.forEach((s, m) => {
    const test = results.map((r) => r.test[m]);
    const summary: MetricSummary = {
      direction: s.direction,
      testScores: test,
      ...summarise(test, level),
    };
    if (returnTrain) {
      const train = results.map((r) => r.train![m]);
      summary.trainScores = train;
      summary.meanTrainScore = npMean(train);
    }
    perMetric[s.name] = summary;
  });
  const primary = perMetric[scorers[0].name];
  return {
    metric: scorers[0].name,
    testScores: primary.testScores,
    ...(returnTrain ? { trainScores: primary.trainScores } : {}),
    fitTimesMs: results.map((r) => r.fitTimeMs),
    scoreTimesMs: results.map((r) => r.scoreTimeMs),
    meanTestScore: primary.mean,
    stdTestScore: primary.std,
    confidenceInterval: primary.confidenceInterval,
    perMetric,
  };
}
