import { describe, expect, it } from 'vitest';
import { crossValidate } from './cross-validate.js';
import { EvaluatorError } from './errors.js';
import type { Estimator, EstimatorType } from './estimator.js';
import { learningCurve } from './learning-curve.js';
import { permutationTestScore } from './permutation-test.js';
import type { Scorer } from './scorers.js';
import { validationCurve } from './validation-curve.js';

// X holds each row's index, so the rows an estimator sees name the folds.
const ids = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i]);

// Integer-valued regression target, every value distinct: the target-based guess calls it 12
// classes of one member each, which stratified folds cannot split.
const yCounts = [0, 1, 2, 3, 4, 5, 10, 12, 20, 22, 30, 32];
const X12 = ids(12);
// scikit-learn's KFold(5) rule on 12 rows: fold sizes 12 // 5 = 2, the first 12 % 5 = 2 folds
// one larger, taken in order.
const kFoldTests12 = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7],
  [8, 9],
  [10, 11],
];
// Predictions y + 0.5 (accuracy 0 everywhere): a 3-row fold {a, a+1, a+2} has SS_tot = 2,
// SSE = 0.75, R² = 0.625; a 2-row fold {b, b+2} has SS_tot = 2, SSE = 0.5, R² = 0.75.
const r2Folds12 = [0.625, 0.625, 0.75, 0.75, 0.75];

// Two classes of five: StratifiedKFold(5) puts one of each class in every test fold, in row
// order (class 0 rows 0..4, class 1 rows 5..9), so fold k tests rows k and 5 + k.
const yTwoClasses = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
const X10 = ids(10);
const stratifiedTests10 = [0, 1, 2, 3, 4].map((k) => [k, 5 + k]);
const kFoldTests10 = [0, 1, 2, 3, 4].map((k) => [2 * k, 2 * k + 1]);

/** Wrong class labels for yTwoClasses: accuracy 0 on every fold. */
const flip = (yi: number): number => 1 - yi;

/** A scorer that does not say which task it is for. */
const plain: Scorer = {
  name: 'sumOfPredictions',
  direction: 'maximize',
  needs: 'labels',
  score: (_y, p) => (p as number[]).reduce((a, b) => a + b, 0),
};

/**
 * An estimator factory that records the rows it is asked to predict and how often it ran.
 * It predicts `out(y)` of each row: by default y + 0.5, off by half for every row.
 */
function recorder(
  y: readonly number[],
  estimatorType?: EstimatorType | string,
  out: (yi: number) => number = (yi) => yi + 0.5,
) {
  const predicted: number[][] = [];
  let made = 0;
  const make = (): Estimator => {
    made++;
    return {
      ...(estimatorType === undefined ? {} : { estimatorType: estimatorType as EstimatorType }),
      fit() {},
      predict(X) {
        predicted.push(X.map((r) => r[0]));
        return X.map((r) => out(y[r[0]]));
      },
    };
  };
  return { make, predicted, made: () => made };
}

describe("crossValidate with cv: 5 decides by the estimator's estimatorType", () => {
  it('a regressor on an integer-valued target gets kFold and r2', async () => {
    const rec = recorder(yCounts, 'regressor');
    const r = await crossValidate(rec.make, X12, yCounts, { cv: 5 });
    expect(rec.predicted).toEqual(kFoldTests12);
    expect(r.metric).toBe('r2');
    expect(Object.keys(r.perMetric)).toEqual(['r2']);
    r.testScores.forEach((s, k) => {
      expect(s).toBeCloseTo(r2Folds12[k], 12);
    });
  });

  it('builds no estimator beyond one per fold: the first serves the first fold', async () => {
    const rec = recorder(yCounts, 'regressor');
    await crossValidate(rec.make, X12, yCounts, { cv: 5, concurrency: 3 });
    expect(rec.made()).toBe(5);
  });

  it('a classifier gets stratified folds and accuracy', async () => {
    const rec = recorder(yTwoClasses, 'classifier', flip);
    const r = await crossValidate(rec.make, X10, yTwoClasses, { cv: 5 });
    expect(rec.predicted).toEqual(stratifiedTests10);
    expect(r.metric).toBe('accuracy');
    expect(r.testScores).toEqual([0, 0, 0, 0, 0]);
  });

  it('a classifier on a continuous target gets kFold, as check_cv gives', async () => {
    const y = yTwoClasses.map((v) => v + 0.25);
    const rec = recorder(y, 'classifier');
    await crossValidate(rec.make, X10, y, { cv: 5, scoring: plain });
    expect(rec.predicted).toEqual(kFoldTests10);
  });

  it('outranks the scorers and the target when a scorer does not say its task', async () => {
    const rec = recorder(yCounts, 'regressor');
    await crossValidate(rec.make, X12, yCounts, { cv: 5, scoring: plain });
    expect(rec.predicted).toEqual(kFoldTests12);
  });

  it('an explicit task wins over the estimator type (and skips the scorer check)', async () => {
    const reg = recorder(yTwoClasses, 'regressor', flip);
    const r = await crossValidate(reg.make, X10, yTwoClasses, { cv: 5, task: 'classification' });
    expect(reg.predicted).toEqual(stratifiedTests10);
    expect(r.metric).toBe('accuracy');
    const cls = recorder(yTwoClasses, 'classifier');
    const c = await crossValidate(cls.make, X10, yTwoClasses, {
      cv: 5,
      task: 'regression',
      scoring: 'mae',
    });
    expect(cls.predicted).toEqual(kFoldTests10);
    expect(c.metric).toBe('mae');
  });

  it('a scorer meant for the other task is an error naming the scorer and the type', async () => {
    const reg = recorder(yCounts, 'regressor');
    const e = await crossValidate(reg.make, X12, yCounts, { cv: 5, scoring: 'accuracy' }).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(EvaluatorError);
    expect((e as EvaluatorError).param).toBe('scoring');
    expect((e as EvaluatorError).value).toBe('accuracy');
    expect((e as Error).message).toMatch(/classification scorer.*regressor/);
    expect(reg.predicted).toEqual([]);
    const cls = recorder(yTwoClasses, 'classifier');
    await expect(
      crossValidate(cls.make, X10, yTwoClasses, { scoring: ['accuracy', 'r2'] }),
    ).rejects.toThrow(/"r2": is a regression scorer but the estimator is a classifier/);
  });

  it('rejects an estimatorType other than classifier or regressor', async () => {
    const rec = recorder(yCounts, 'clusterer');
    await expect(crossValidate(rec.make, X12, yCounts)).rejects.toThrow(
      /estimator\.estimatorType = "clusterer": must be 'classifier', 'regressor' or absent/,
    );
  });
});

describe('an estimator without estimatorType behaves as before', () => {
  it('integer-valued targets are classes: stratified folds and accuracy', async () => {
    const rec = recorder(yTwoClasses, undefined, flip);
    const r = await crossValidate(rec.make, X10, yTwoClasses, { cv: 5 });
    expect(rec.predicted).toEqual(stratifiedTests10);
    expect(r.metric).toBe('accuracy');
    // ...so the one-member "classes" of an integer-valued regression target cannot be split.
    await expect(crossValidate(recorder(yCounts).make, X12, yCounts, { cv: 5 })).rejects.toThrow(
      EvaluatorError,
    );
  });

  it('non-integer targets get kFold and r2; a regression scorer means kFold', async () => {
    const y = yCounts.map((v) => v + 0.5);
    const rec = recorder(y);
    const r = await crossValidate(rec.make, X12, y, { cv: 5 });
    expect(rec.predicted).toEqual(kFoldTests12);
    expect(r.metric).toBe('r2');
    const mse = recorder(yCounts);
    await crossValidate(mse.make, X12, yCounts, { cv: 5, scoring: 'mse' });
    expect(mse.predicted).toEqual(kFoldTests12);
  });
});

describe('the curves and the permutation test follow estimatorType too', () => {
  it('learningCurve: a regressor on an integer-valued target gets kFold and r2', async () => {
    const rec = recorder(yCounts, 'regressor');
    const r = await learningCurve(rec.make, X12, yCounts, { cv: 5, trainSizes: [1, 2] });
    // per size, each fold's test rows then its training subset
    const tests = rec.predicted.filter((_, i) => i % 2 === 0);
    expect(tests).toEqual(kFoldTests12.flatMap((t) => [t, t]));
    expect(rec.made()).toBe(10);
    r.testScores.forEach((row) => {
      row.forEach((s, k) => {
        expect(s).toBeCloseTo(r2Folds12[k], 12);
      });
    });
  });

  it("validationCurve: the first value's estimator decides, and serves the first fit", async () => {
    const rec = recorder(yCounts, 'regressor');
    const r = await validationCurve(() => rec.make(), X12, yCounts, {
      cv: 5,
      paramName: 'unused',
      paramRange: [1, 2],
    });
    expect(rec.made()).toBe(10);
    const tests = rec.predicted.filter((_, i) => i % 2 === 0);
    expect(tests).toEqual([...kFoldTests12, ...kFoldTests12]);
    r.testScores.forEach((row) => {
      row.forEach((s, k) => {
        expect(s).toBeCloseTo(r2Folds12[k], 12);
      });
    });
  });

  it('permutationTestScore: a regressor on an integer-valued target gets kFold and r2', async () => {
    const rec = recorder(yCounts, 'regressor');
    const r = await permutationTestScore(rec.make, X12, yCounts, {
      cv: 5,
      nPermutations: 1,
      seed: 3,
    });
    expect(rec.made()).toBe(10);
    expect(rec.predicted).toEqual([...kFoldTests12, ...kFoldTests12]);
    expect(r.score).toBeCloseTo(r2Folds12.reduce((a, b) => a + b) / 5, 12);
  });

  it('the conflict check applies to them as well', async () => {
    const rec = recorder(yCounts, 'regressor');
    await expect(learningCurve(rec.make, X12, yCounts, { scoring: 'accuracy' })).rejects.toThrow(
      /accuracy.*regressor/,
    );
    await expect(permutationTestScore(rec.make, X12, yCounts, { scoring: 'f1' })).rejects.toThrow(
      /f1.*regressor/,
    );
  });
});
