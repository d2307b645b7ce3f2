import { describe, expect, it } from 'vitest';
import * as datasets from './datasets.js';

const { datasetNames, foldSplit, loadDataset, sklearnFolds } = datasets;

const count = (y: number[]) =>
  y.reduce<Record<number, number>>((c, v) => {
    c[v] = (c[v] ?? 0) + 1;
    return c;
  }, {});

describe('loadDataset', () => {
  // Shapes and class counts from scikit-learn's documentation of load_iris, load_wine,
  // load_breast_cancer, load_digits and load_diabetes.
  it.each([
    ['iris', 150, 4, { 0: 50, 1: 50, 2: 50 }],
    ['wine', 178, 13, { 0: 59, 1: 71, 2: 48 }],
    ['breast_cancer', 569, 30, { 0: 212, 1: 357 }],
    ['digits', 1797, 64, undefined],
    ['diabetes', 442, 10, undefined],
  ] as const)('%s: %i rows x %i features', (name, rows, cols, classes) => {
    const d = loadDataset(name);
    expect(d.X.length).toBe(rows);
    expect(d.y.length).toBe(rows);
    expect(d.X.every((r) => r.length === cols && r.every(Number.isFinite))).toBe(true);
    expect(d.featureNames.length).toBe(cols);
    if (classes) expect(count(d.y)).toEqual(classes);
  });

  it('digits: 10 classes of pixel values 0..16; diabetes: targets 25..346', () => {
    const digits = loadDataset('digits');
    expect(Object.keys(count(digits.y))).toHaveLength(10);
    expect(Math.max(...digits.X.flat())).toBe(16);
    const diabetes = loadDataset('diabetes');
    expect([Math.min(...diabetes.y), Math.max(...diabetes.y)]).toEqual([25, 346]);
    expect(diabetes.targetNames).toBeUndefined();
    expect(diabetes.featureNames.slice(0, 3)).toEqual(['age', 'sex', 'bmi']);
  });

  it('names follow scikit-learn', () => {
    const iris = loadDataset('iris');
    expect(iris.featureNames[0]).toBe('sepal length (cm)');
    expect(iris.targetNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(loadDataset('breast_cancer').targetNames).toEqual(['malignant', 'benign']);
  });

  it('returns fresh arrays each call', () => {
    const a = loadDataset('iris');
    a.X[0][0] = -1;
    a.y[0] = 7;
    const b = loadDataset('iris');
    expect(b.X[0][0]).toBe(5.1);
    expect(b.y[0]).toBe(0);
  });

  it('rejects an unknown name', () => {
    expect(() => loadDataset('mnist' as datasets.DatasetName)).toThrow(/unknown dataset "mnist"/);
  });
});

describe('sklearnFolds', () => {
  it.each(datasetNames)(
    '%s: one fold id 0..4 per row, folds within one row of n/5 (stratified: per class)',
    (name) => {
      const d = loadDataset(name);
      const f = sklearnFolds(name);
      expect(f.length).toBe(d.y.length);
      const sizes = count(f);
      expect(Object.keys(sizes)).toEqual(['0', '1', '2', '3', '4']);
      for (const s of Object.values(sizes))
        expect(Math.abs(s - d.y.length / 5)).toBeLessThanOrEqual(name === 'diabetes' ? 1 : 3);
      if (name !== 'diabetes') {
        // StratifiedKFold: each class spread evenly over the folds.
        for (const [c, n] of Object.entries(count(d.y))) {
          const perFold = count(f.filter((_, i) => d.y[i] === Number(c)));
          for (const s of Object.values(perFold)) expect(Math.abs(s - n / 5)).toBeLessThan(1);
        }
      }
    },
  );

  it('KFold(5) on diabetes: contiguous blocks of 89, 89, 88, 88, 88', () => {
    const f = sklearnFolds('diabetes');
    expect(f.slice(0, 89).every((k) => k === 0)).toBe(true);
    expect(f.slice(354).every((k) => k === 4)).toBe(true);
    expect(Object.values(count(f))).toEqual([89, 89, 88, 88, 88]);
  });

  it('foldSplit: fold 0 is the test part', () => {
    const { train, test } = foldSplit('iris');
    expect(train.X.length + test.X.length).toBe(150);
    expect(test.X.length).toBe(30);
    expect(count(test.y)).toEqual({ 0: 10, 1: 10, 2: 10 });
  });
});
