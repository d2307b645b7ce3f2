import { type Matrix, takeRows } from './check.js';
import { EvaluatorError } from './errors.js';
import type { Estimator } from './estimator.js';
import type { Scorer, ScorerOutput } from './scorers.js';

/** One fit on the training rows and its scores on test (and optionally training) rows. */
export interface FoldScores {
  test: number[];
  train?: number[];
  fitTimeMs: number;
  scoreTimeMs: number;
}

/** Makes an estimator and checks it has what the scorers will call, before any fitting. */
export function makeChecked(make: () => Estimator, scorers: readonly Scorer[]): Estimator {
  if (typeof make !== 'function') {
    throw new EvaluatorError(
      'makeEstimator',
      make,
      'must be a function returning a fresh Estimator',
    );
  }
  const est = make();
  if (
    est === null ||
    typeof est !== 'object' ||
    typeof est.fit !== 'function' ||
    typeof est.predict !== 'function'
  ) {
    throw new EvaluatorError(
      'makeEstimator',
      est,
      'must return an object with fit(X, y) and predict(X) methods',
    );
  }
  for (const s of scorers) {
    if (s.needs !== 'labels' && typeof est.predictProba !== 'function') {
      throw new EvaluatorError(
        'scoring',
        s.name,
        `needs predicted ${s.needs === 'proba' ? 'probabilities' : 'scores'}, but the estimator has no predictProba method`,
      );
    }
  }
  return est;
}

function checkPrediction(out: unknown, n: number): number[] {
  if (!Array.isArray(out) || out.length !== n) {
    throw new EvaluatorError(
      'estimator.predict(X)',
      Array.isArray(out) ? `[array of length ${out.length}]` : out,
      `must return an array with one number per row (${n})`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (typeof out[i] !== 'number' || Number.isNaN(out[i])) {
      throw new EvaluatorError(`estimator.predict(X)[${i}]`, out[i], 'must be a number');
    }
  }
  return out;
}

function checkProba(out: unknown, n: number): number[][] {
  if (!Array.isArray(out) || out.length !== n) {
    throw new EvaluatorError(
      'estimator.predictProba(X)',
      Array.isArray(out) ? `[array of length ${out.length}]` : out,
      `must return one row of class probabilities per sample (${n})`,
    );
  }
  const width = Array.isArray(out[0]) ? out[0].length : -1;
  for (let i = 0; i < n; i++) {
    const row = out[i];
    if (!Array.isArray(row) || row.length !== width || width < 1) {
      throw new EvaluatorError(
        `estimator.predictProba(X)[${i}]`,
        row,
        'every row must be an array with one probability per class, all rows the same length',
      );
    }
  }
  return out;
}

/** Calls predict / predictProba once each as needed and hands every scorer its kind of output. */
async function scoreAll(
  est: Estimator,
  X: number[][],
  y: number[],
  scorers: readonly Scorer[],
): Promise<number[]> {
  let labels: number[] | undefined;
  let proba: number[][] | undefined;
  const out: number[] = [];
  for (const s of scorers) {
    let input: ScorerOutput;
    if (s.needs === 'labels') {
      labels ??= checkPrediction(await est.predict(X), X.length);
      input = labels;
    } else {
      proba ??= checkProba(await est.predictProba!(X), X.length);
      if (s.needs === 'proba') input = proba;
      else if (proba[0].length === 2) input = proba.map((r) => r[1]);
      else {
        // 'scores' means the positive class's column, which only a binary problem has.
        throw new EvaluatorError(
          'scoring',
          s.name,
          `needs positive-class scores, i.e. a binary target and a 2-column predictProba, got ${proba[0].length} column(s)${s.name === 'rocAuc' ? "; use 'rocAucOvr' for multiclass" : ''}`,
        );
      }
    }
    const v = s.score(y, input);
    if (typeof v !== 'number') {
      throw new EvaluatorError(`scorer ${s.name}`, v, 'score(yTrue, output) must return a number');
    }
    out.push(v);
  }
  return out;
}

/** Fits a fresh estimator on `train` and scores it on `test` (and `train` when asked). */
export async function fitAndScore(
  make: () => Estimator,
  X: Matrix,
  y: readonly number[],
  train: readonly number[],
  test: readonly number[],
  scorers: readonly Scorer[],
  returnTrainScore: boolean,
): Promise<FoldScores> {
  const est = makeChecked(make, scorers);
  const XTrain = takeRows(X, train) as number[][];
  const yTrain = takeRows(y, train);
  const t0 = performance.now();
  await est.fit(XTrain, yTrain);
  const t1 = performance.now();
  const testScores = await scoreAll(
    est,
    takeRows(X, test) as number[][],
    takeRows(y, test),
    scorers,
  );
  const t2 = performance.now();
  const trainScores = returnTrainScore ? await scoreAll(est, XTrain, yTrain, scorers) : undefined;
  return { test: testScores, train: trainScores, fitTimeMs: t1 - t0, scoreTimeMs: t2 - t1 };
}
