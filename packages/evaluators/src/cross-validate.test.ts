import { describe, expect, it, vi } from 'vitest';
import fx from '../fixtures/cv.json' with { type: 'json' };
import { knnClassifier, knnRegressor, meanRegressor } from '../test/estimators.js';
import { crossValidate } from './cross-validate.js';
import { EvaluatorError, TrialPrunedError } from './errors.js';
import type { Estimator, TrialLike } from './estimator.js';
import { groupKFold } from './splitters/group-k-fold.js';
import { kFold } from './splitters/k-fold.js';

// Expected scores come from scikit-learn 1.2.1's cross_validate: fixtures/cv.json, produced
// by scripts/cv-fixtures.py. test/estimators.ts re-implements the estimators used there.

function closeAll(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected[i])),
    );
  });
}

const { binary, multiclass, regression, groups } = fx;

describe('crossValidate equals scikit-learn cross_validate', () => {
  it('binary kNN, cv: 4 (stratified), labels, scores and proba metrics, train scores', async () => {
    const r = await crossValidate(() => knnClassifier(binary.k), binary.X, binary.y, {
      cv: 4,
      scoring: ['accuracy', 'rocAuc', 'logLoss', 'f1'],
      returnTrainScore: true,
    });
    const e = binary.result;
    closeAll(r.perMetric.accuracy.testScores, e.test_accuracy);
    closeAll(r.perMetric.rocAuc.testScores, e.test_roc_auc);
    closeAll(
      r.perMetric.logLoss.testScores,
      e.test_neg_log_loss.map((v) => -v),
    );
    closeAll(r.perMetric.f1.testScores, e.test_f1);
    closeAll(r.perMetric.accuracy.trainScores!, e.train_accuracy);
    closeAll(
      r.perMetric.logLoss.trainScores!,
      e.train_neg_log_loss.map((v) => -v),
    );
    expect(r.metric).toBe('accuracy');
    // The contract's testScores / trainScores: the primary (first) metric's per-fold scores.
    closeAll(r.testScores, e.test_accuracy);
    closeAll(r.trainScores!, e.train_accuracy);
    // mean and population std by hand from [0.8, 0.9, 0.6, 0.7]: 0.75 and sqrt(0.0125)
    expect(r.meanTestScore).toBeCloseTo(0.75, 14);
    expect(r.stdTestScore).toBeCloseTo(Math.sqrt(0.0125), 14);
    // t(0.975, 3) = 3.182446305284263 (scipy.stats.t.ppf); sample std = sqrt(0.05 / 3)
    const half = (3.182446305284263 * Math.sqrt(0.05 / 3)) / 2;
    expect(r.confidenceInterval[0]).toBeCloseTo(0.75 - half, 12);
    expect(r.confidenceInterval[1]).toBeCloseTo(0.75 + half, 12);
    expect(r.perMetric.logLoss.direction).toBe('minimize');
    expect(r.fitTimesMs).toHaveLength(4);
    expect(r.scoreTimesMs).toHaveLength(4);
  });

  it('multiclass 1-NN, default cv (5 stratified folds)', async () => {
    const r = await crossValidate(() => knnClassifier(1), multiclass.X, multiclass.y, {
      scoring: ['accuracy', 'f1Macro', 'balancedAccuracy'],
    });
    closeAll(r.perMetric.accuracy.testScores, multiclass.result.test_accuracy);
    closeAll(r.perMetric.f1Macro.testScores, multiclass.result.test_f1_macro);
    closeAll(r.perMetric.balancedAccuracy.testScores, multiclass.result.test_balanced_accuracy);
    expect(r.trainScores).toBeUndefined();
  });

  it('regression: cv: 5 means plain k-fold; default scoring is r2', async () => {
    const r = await crossValidate(meanRegressor, regression.X, regression.y, {
      scoring: ['r2', 'mse'],
    });
    closeAll(r.perMetric.r2.testScores, regression.dummy.test_r2);
    closeAll(
      r.perMetric.mse.testScores,
      regression.dummy.test_neg_mean_squared_error.map((v) => -v),
    );
    const d = await crossValidate(meanRegressor, regression.X, regression.y);
    expect(d.metric).toBe('r2');
    closeAll(d.perMetric.r2.testScores, regression.dummy.test_r2);
    const k = await crossValidate(() => knnRegressor(2), regression.X, regression.y, {
      cv: kFold({ nSplits: 3 }),
      scoring: 'mae',
    });
    closeAll(
      k.perMetric.mae.testScores,
      regression.knn2.test_neg_mean_absolute_error.map((v) => -v),
    );
  });

  it('group folds', async () => {
    const r = await crossValidate(() => knnClassifier(3), binary.X, binary.y, {
      cv: groupKFold({ nSplits: 4 }),
      groups: groups.groups,
      scoring: 'accuracy',
    });
    closeAll(r.perMetric.accuracy.testScores, groups.result.test_score);
  });
});

/** kNN (k = 3) whose k-th fit takes 40 - 10k ms: with all folds in flight they finish last first. */
function staggeredKnn(): () => Estimator {
  let made = 0;
  return () => {
    const inner = knnClassifier(3);
    const delay = 40 - 10 * made++;
    return {
      fit: async (X, y) => {
        await new Promise((r) => setTimeout(r, delay));
        inner.fit(X, y);
      },
      predict: async (X) => inner.predict(X),
    };
  };
}

/** A trial that never prunes and records each report as [value, step]. */
function recordingTrial(): { trial: TrialLike; reports: [number, number][] } {
  const reports: [number, number][] = [];
  return {
    trial: { report: (v, s) => void reports.push([v, s]), shouldPrune: () => false },
    reports,
  };
}

describe('crossValidate with a trial', () => {
  const foldMeans = [0.8, (0.8 + 0.9) / 2, (0.8 + 0.9 + 0.6) / 3, 0.75];

  it('reports the running mean of the first metric after each fold', async () => {
    const { trial, reports } = recordingTrial();
    await crossValidate(() => knnClassifier(3), binary.X, binary.y, {
      cv: 4,
      scoring: ['accuracy', 'f1'],
      trial,
    });
    expect(reports.map((r) => r[1])).toEqual([0, 1, 2, 3]);
    closeAll(
      reports.map((r) => r[0]),
      foldMeans,
    );
  });

  it("with report: 'fold', reports each fold's own score, for pairing across trials", async () => {
    const { trial, reports } = recordingTrial();
    await crossValidate(() => knnClassifier(3), binary.X, binary.y, {
      cv: 4,
      scoring: ['accuracy', 'f1'],
      trial,
      report: 'fold',
    });
    expect(reports.map((r) => r[1])).toEqual([0, 1, 2, 3]);
    // scikit-learn's per-fold accuracies (fixture): 0.8, 0.9, 0.6, 0.7.
    closeAll(
      reports.map((r) => r[0]),
      binary.result.test_accuracy,
    );
  });

  it('foldOrder: fits and reports the folds in that order, results by fold index', async () => {
    // scikit-learn's per-fold accuracies (fixture): 0.8, 0.9, 0.6, 0.7 for folds 0..3.
    const acc = binary.result.test_accuracy;
    const order = [2, 0, 3, 1];
    for (const report of ['fold', 'mean'] as const) {
      const { trial, reports } = recordingTrial();
      const r = await crossValidate(() => knnClassifier(3), binary.X, binary.y, {
        cv: 4,
        trial,
        report,
        foldOrder: order,
      });
      // A fold's score is paired by its fold index; a running mean's step counts its folds,
      // so that step 0 is a one-fold mean in every trial whatever the order.
      expect(reports.map((x) => x[1])).toEqual(report === 'fold' ? order : [0, 1, 2, 3]);
      // Fold scores in that order, 0.6, 0.8, 0.7, 0.9; their running means 0.6, 0.7, 0.7, 0.75.
      closeAll(
        reports.map((x) => x[0]),
        report === 'fold' ? order.map((k) => acc[k]) : [0.6, 0.7, 0.7, 0.75],
      );
      closeAll(r.testScores, acc);
    }
  });

  it('foldOrder: a prune names the fold and carries the scores in the order they ran', async () => {
    let fits = 0;
    const make = (): Estimator => {
      fits++;
      return knnClassifier(3);
    };
    let n = 0;
    const trial: TrialLike = { report: () => void n++, shouldPrune: () => n >= 2 };
    const err = await crossValidate(make, binary.X, binary.y, {
      cv: 4,
      trial,
      report: 'fold',
      foldOrder: [3, 1, 0, 2],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TrialPrunedError);
    expect(err.step).toBe(1);
    expect(fits).toBe(2);
    closeAll(err.testScores, [0.7, 0.9]);
  });

  it('foldOrder with folds in flight finishing out of order: reports still follow the order', async () => {
    // staggeredKnn's k-th fit (in start order) is the slowest: with all four in flight the
    // folds finish in reverse start order, and each must still be reported in turn.
    const order = [2, 0, 3, 1];
    const { trial, reports } = recordingTrial();
    const r = await crossValidate(staggeredKnn(), binary.X, binary.y, {
      cv: 4,
      concurrency: 4,
      trial,
      report: 'fold',
      foldOrder: order,
    });
    expect(reports.map((x) => x[1])).toEqual(order);
    closeAll(
      reports.map((x) => x[0]),
      order.map((k) => binary.result.test_accuracy[k]),
    );
    closeAll(r.testScores, binary.result.test_accuracy);
  });

  it('foldOrder { seed }: a seeded permutation, the same for the same seed', async () => {
    const stepsFor = async (seed: number): Promise<number[]> => {
      const steps: number[] = [];
      const trial: TrialLike = { report: (_, s) => void steps.push(s), shouldPrune: () => false };
      await crossValidate(() => knnClassifier(3), binary.X, binary.y, {
        cv: 4,
        trial,
        report: 'fold',
        foldOrder: { seed },
      });
      return steps;
    };
    const orders: string[] = [];
    for (let seed = 0; seed < 8; seed++) {
      const steps = await stepsFor(seed);
      expect([...steps].sort()).toEqual([0, 1, 2, 3]);
      expect(await stepsFor(seed)).toEqual(steps);
      orders.push(steps.join());
    }
    // 24 orders are possible; eight seeds giving one order would mean the seed is ignored.
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('refuses a foldOrder that is not a permutation of the folds, or a bad seed', async () => {
    const run = (foldOrder: unknown) =>
      crossValidate(() => knnClassifier(3), binary.X, binary.y, {
        cv: 4,
        foldOrder: foldOrder as never,
      });
    for (const bad of [
      [0, 0, 1, 2],
      [0, 1, 2],
      [0, 1, 2, 4],
      [0, 1, 2, 3, 0],
      [0.5, 1, 2, 3],
    ])
      await expect(run(bad)).rejects.toThrow(
        /^foldOrder = .*: must be a permutation of the fold indices 0\.\.3/,
      );
    await expect(run({ seed: Number.NaN })).rejects.toThrow(
      /^foldOrder\.seed = NaN: must be a finite number/,
    );
    await expect(run('random')).rejects.toThrow(/^foldOrder = "random": must be 'ascending'/);
  });

  it('refuses an unknown report kind, naming the option', async () => {
    const trial: TrialLike = { report: () => undefined, shouldPrune: () => false };
    await expect(
      crossValidate(() => knnClassifier(3), binary.X, binary.y, {
        cv: 4,
        trial,
        report: 'median' as 'mean',
      }),
    ).rejects.toThrow(`report = "median": must be 'mean' or 'fold'`);
  });

  it('throws a branded TrialPruned when the trial says so, and fits no further fold', async () => {
    let fits = 0;
    const make = (): Estimator => {
      const e = knnClassifier(3);
      const fit = e.fit.bind(e);
      e.fit = (X, y) => {
        fits++;
        return fit(X, y);
      };
      return e;
    };
    let n = 0;
    const trial: TrialLike = { report: () => void n++, shouldPrune: () => n >= 2 };
    const err = await crossValidate(make, binary.X, binary.y, { cv: 4, trial }).catch((e) => e);
    expect(err).toBeInstanceOf(TrialPrunedError);
    expect(err[Symbol.for('tunekit.TrialPruned')]).toBe(true);
    expect(err.step).toBe(1);
    expect(fits).toBe(2);
    closeAll(err.testScores, binary.result.test_accuracy.slice(0, 2));
  });

  it('a prune carries the scores of the reported folds only, even with later folds done', async () => {
    // With all four folds in flight, folds 3, 2, 1 finish before 0, and the prune after fold
    // 1's report must not include folds 2 and 3.
    const make = staggeredKnn();
    let n = 0;
    const trial: TrialLike = { report: () => void n++, shouldPrune: () => n >= 2 };
    const err = await crossValidate(make, binary.X, binary.y, {
      cv: 4,
      concurrency: 4,
      trial,
      report: 'fold',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TrialPrunedError);
    expect(err.step).toBe(1);
    closeAll(err.testScores, binary.result.test_accuracy.slice(0, 2));
  });

  it('with concurrency, async folds finishing out of order are still reported in fold order', async () => {
    const make = staggeredKnn();
    const steps: number[] = [];
    const values: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const trial: TrialLike = {
      report: (v, s) => {
        steps.push(s);
        values.push(v);
      },
      shouldPrune: () => false,
    };
    const wrapped = (): Estimator => {
      const e = make();
      return {
        fit: async (X, y) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await e.fit(X, y);
          inFlight--;
        },
        predict: e.predict,
      };
    };
    const r = await crossValidate(wrapped, binary.X, binary.y, { cv: 4, concurrency: 4, trial });
    expect(steps).toEqual([0, 1, 2, 3]);
    closeAll(values, foldMeans);
    expect(maxInFlight).toBe(4);
    closeAll(r.perMetric.accuracy.testScores, binary.result.test_accuracy);
  });
});

describe('crossValidate input checks', () => {
  const X = [
    [0, 1],
    [1, 0],
    [2, 1],
    [3, 0],
  ];
  const y = [0, 1, 0, 1];
  it('rejects ragged or non-finite X, naming row and column', async () => {
    await expect(crossValidate(meanRegressor, [[0, 1], [1]], [0, 1])).rejects.toThrow(
      /X\[1\].*rectangular/,
    );
    await expect(
      crossValidate(
        meanRegressor,
        [
          [0, 1],
          [1, Number.NaN],
        ],
        [0, 1],
      ),
    ).rejects.toThrow(/X\[1\]\[1\] = NaN.*row 1, column 1/);
    await expect(crossValidate(meanRegressor, [[0, Infinity]], [0])).rejects.toThrow(
      /X\[0\]\[1\] = Infinity/,
    );
  });
  it('rejects y and groups of the wrong length and more folds than samples', async () => {
    await expect(crossValidate(meanRegressor, X, [0, 1])).rejects.toThrow(
      /y = .*one entry per sample of X \(4\)/,
    );
    await expect(
      crossValidate(meanRegressor, X, y, { groups: [1, 2], cv: groupKFold({ nSplits: 2 }) }),
    ).rejects.toThrow(/groups/);
    await expect(crossValidate(meanRegressor, X, [0.5, 1.5, 2.5, 3.5], { cv: 5 })).rejects.toThrow(
      /nSplits = 5.*number of samples \(4\)/,
    );
  });
  it('rejects a class with fewer members than folds, naming it', async () => {
    await expect(
      crossValidate(() => knnClassifier(1), [...X, [4, 4]], [0, 0, 0, 1, 0], { cv: 2 }),
    ).rejects.toThrow(/class 1 with 1 members/);
  });
  it('rejects unknown scorers and probability metrics without predictProba', async () => {
    await expect(
      crossValidate(meanRegressor, X, y, { scoring: 'neg_log_loss' as 'logLoss' }),
    ).rejects.toThrow(/is not a built-in scorer/);
    const noProba = (): Estimator => ({ fit() {}, predict: (Xs) => Xs.map(() => 0) });
    await expect(crossValidate(noProba, X, y, { cv: 2, scoring: 'logLoss' })).rejects.toThrow(
      /logLoss.*no predictProba/,
    );
    await expect(crossValidate(noProba, X, y, { cv: 2, scoring: 'rocAuc' })).rejects.toThrow(
      EvaluatorError,
    );
  });
  it('rejects predictions of the wrong length and label metrics fed probabilities', async () => {
    const short = (): Estimator => ({ fit() {}, predict: () => [0] });
    await expect(crossValidate(short, X, y, { cv: 2 })).rejects.toThrow(
      /predict\(X\).*one number per row/,
    );
    const probs = (): Estimator => ({ fit() {}, predict: (Xs) => Xs.map(() => 0.3) });
    await expect(crossValidate(probs, X, y, { cv: 2, scoring: 'accuracy' })).rejects.toThrow(
      /continuous/,
    );
  });
  it('a failing fit propagates its own error', async () => {
    const bad = (): Estimator => ({
      fit() {
        throw new Error('boom');
      },
      predict: () => [],
    });
    await expect(crossValidate(bad, X, y, { cv: 2 })).rejects.toThrow('boom');
    const spy = vi.fn();
    await expect(
      crossValidate(bad, X, y, { cv: 2, trial: { report: spy, shouldPrune: () => false } }),
    ).rejects.toThrow('boom');
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('crossValidate output kinds', () => {
  it("'scores' scorers refuse a multiclass probability matrix and point to rocAucOvr", async () => {
    await expect(
      crossValidate(() => knnClassifier(1), multiclass.X, multiclass.y, { scoring: 'rocAuc' }),
    ).rejects.toThrow(/rocAuc.*binary target.*rocAucOvr/);
    const r = await crossValidate(() => knnClassifier(3), multiclass.X, multiclass.y, {
      scoring: 'rocAucOvr',
    });
    expect(r.perMetric.rocAucOvr.testScores).toHaveLength(5);
  });
});

describe('crossValidate reproducibility', () => {
  it('the same seeded splitter gives the same scores', async () => {
    const run = () =>
      crossValidate(() => knnClassifier(3), binary.X, binary.y, {
        cv: kFold({ nSplits: 4, shuffle: true, seed: 9 }),
        scoring: ['accuracy', 'logLoss'],
      });
    const a = await run();
    const b = await run();
    expect(b.perMetric).toEqual(a.perMetric);
  });
});
