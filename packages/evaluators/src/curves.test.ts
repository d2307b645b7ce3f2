import { describe, expect, it } from 'vitest';
import fx from '../fixtures/cv.json' with { type: 'json' };
import { knnClassifier, knnRegressor, meanRegressor } from '../test/estimators.js';
import type { Estimator } from './estimator.js';
import { learningCurve, translateTrainSizes } from './learning-curve.js';
import { permutationTestScore } from './permutation-test.js';
import { kFold } from './splitters/k-fold.js';
import { stratifiedKFold } from './splitters/stratified-k-fold.js';
import { validationCurve } from './validation-curve.js';

// Expected values: scikit-learn 1.2.1's learning_curve and validation_curve,
// fixtures/cv.json (scripts/cv-fixtures.py).

function closeMatrix(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected[i][j])),
      );
    });
  });
}

describe('learningCurve equals scikit-learn', () => {
  it('fractions, 4 stratified folds', async () => {
    const r = await learningCurve(() => knnClassifier(1), fx.binary.X, fx.binary.y, {
      cv: 4,
      trainSizes: [0.1, 0.325, 0.55, 0.775, 1],
      scoring: 'accuracy',
    });
    expect(r.trainSizes).toEqual(fx.learningCurve.trainSizes);
    closeMatrix(r.trainScores, fx.learningCurve.trainScores);
    closeMatrix(r.testScores, fx.learningCurve.testScores);
  });
  it('counts, regression, mse', async () => {
    const r = await learningCurve(() => knnRegressor(1), fx.regression.X, fx.regression.y, {
      cv: 3,
      trainSizes: [3, 8, 20],
      scoring: 'mse',
    });
    expect(r.trainSizes).toEqual(fx.learningCurveCounts.trainSizes);
    closeMatrix(
      r.testScores,
      fx.learningCurveCounts.testScores.map((row) => row.map((v) => -v)),
    );
  });
  it('translates sizes as scikit-learn (truncation, clipping to 1, duplicates removed)', () => {
    expect(translateTrainSizes([0.1, 0.325, 0.55, 0.775, 1], 30)).toEqual([3, 9, 16, 23, 30]);
    expect(translateTrainSizes([0.01, 0.02], 30)).toEqual([1]);
    expect(() => translateTrainSizes([0, 0.5], 30)).toThrow(/\(0, 1\]/);
    expect(() => translateTrainSizes([5, 31], 30)).toThrow(/\(0, 30\]/);
  });
  it('shuffle with a seed is reproducible', async () => {
    const run = () =>
      learningCurve(meanRegressor, fx.regression.X, fx.regression.y, {
        cv: kFold({ nSplits: 3 }),
        trainSizes: [0.3, 0.6],
        shuffle: true,
        seed: 5,
      });
    const a = await run();
    expect((await run()).testScores).toEqual(a.testScores);
  });
});

describe('validationCurve equals scikit-learn', () => {
  it('kNN n_neighbors 1, 3, 5 on 3 stratified folds', async () => {
    const r = await validationCurve(
      (k: number) => knnClassifier(k),
      fx.multiclass.X,
      fx.multiclass.y,
      {
        paramName: 'nNeighbors',
        paramRange: fx.validationCurve.paramRange,
        cv: stratifiedKFold({ nSplits: 3 }),
        scoring: 'accuracy',
      },
    );
    expect(r.paramName).toBe('nNeighbors');
    closeMatrix(r.trainScores, fx.validationCurve.trainScores);
    closeMatrix(r.testScores, fx.validationCurve.testScores);
  });
  it('rejects an empty paramRange', async () => {
    await expect(
      validationCurve(() => meanRegressor(), [[1]], [1], { paramName: 'a', paramRange: [] }),
    ).rejects.toThrow(/paramRange/);
  });
});

describe('permutationTestScore', () => {
  // A lookup "estimator" that predicts each row's label from its first feature: perfect on the
  // true labels, and a permutation scores 1 only if it leaves every test label in place.
  const X = Array.from({ length: 12 }, (_, i) => [i]);
  const y = X.map(([i]) => i % 2);
  const oracle = (): Estimator => ({ fit() {}, predict: (Xs) => Xs.map(([i]) => i % 2) });

  it('p-value is (C + 1) / (n + 1) with C the permutations scoring at least as well', async () => {
    const r = await permutationTestScore(oracle, X, y, { cv: 3, nPermutations: 19, seed: 1 });
    expect(r.score).toBe(1);
    expect(r.permutationScores).toHaveLength(19);
    const c = r.permutationScores.filter((s) => s >= 1).length;
    expect(r.pValue).toBe((c + 1) / 20);
    expect(r.pValue).toBeLessThan(0.2);
  });

  it('same seed gives the same permutations; a constant predictor has p-value 1', async () => {
    const a = await permutationTestScore(oracle, X, y, { cv: 3, nPermutations: 5, seed: 2 });
    const b = await permutationTestScore(oracle, X, y, { cv: 3, nPermutations: 5, seed: 2 });
    expect(a).toEqual(b);
    const constant = (): Estimator => ({ fit() {}, predict: (Xs) => Xs.map(() => 0) });
    // Stratified folds keep 2 zeros of 4 per test fold whatever the permutation: always 0.5.
    const r = await permutationTestScore(constant, X, y, { cv: 3, nPermutations: 4, seed: 2 });
    expect(r.permutationScores).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(r.pValue).toBe(1);
  });

  it('for a loss, "at least as good" means lower', async () => {
    const Xr = Array.from({ length: 10 }, (_, i) => [i]);
    const yr = Xr.map(([i]) => 2 * i);
    const exact = (): Estimator => ({ fit() {}, predict: (Xs) => Xs.map(([i]) => 2 * i) });
    const r = await permutationTestScore(exact, Xr, yr, {
      cv: 5,
      scoring: 'mse',
      nPermutations: 9,
      seed: 3,
    });
    expect(r.score).toBe(0);
    expect(r.pValue).toBe((r.permutationScores.filter((s) => s <= 0).length + 1) / 10);
  });

  it('permutes within groups only', async () => {
    const groups = X.map(([i]) => (i < 6 ? 'a' : 'b'));
    const seen: number[][] = [];
    const spy = (): Estimator => ({
      fit(_Xs, ys) {
        seen.push(ys);
      },
      predict: (Xs) => Xs.map(() => 0),
    });
    const yg = X.map(([i]) => (i < 6 ? 0 : 1));
    await permutationTestScore(spy, X, yg, {
      cv: kFold({ nSplits: 2 }),
      groups,
      nPermutations: 3,
      seed: 4,
      task: 'classification',
    });
    // kFold(2) trains on the other half: all-"b" rows (1s) or all-"a" rows (0s), permuted or not.
    for (const ys of seen) expect(new Set(ys).size).toBe(1);
  });
});
