import { foldSplit, loadDataset, sklearnFolds } from '@tunekit/datasets';
import { crossValidate, predefinedSplit } from '@tunekit/evaluators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sk from '../fixtures/sklearn-outputs.json' with { type: 'json' };
import { ModelArgumentError, NotFittedError } from './index.js';
import { knnClassifier, knnRegressor } from './knn.js';

describe('knnClassifier by hand', () => {
  const X = [[0], [1], [2], [10], [11]];
  const y = ['a', 'a', 'b', 'b', 'b'];

  it('votes among the k nearest and maps string labels back', () => {
    const m = knnClassifier<string>({ nNeighbors: 3 });
    m.fit(X, y);
    expect(m.classes).toEqual(['a', 'b']);
    // neighbours of 0.4: 0, 1, 2 -> a, a, b
    expect(m.predict([[0.4], [10.4]])).toEqual(['a', 'b']);
    expect(m.predictProba([[0.4]])[0]).toEqual([2 / 3, 1 / 3]);
  });

  it('distance weights: 1/d, and exact matches take all the weight', () => {
    const m = knnClassifier<string>({ nNeighbors: 3, weights: 'distance' });
    m.fit(X, y);
    // 0.5: distances 0.5 (a), 0.5 (a), 1.5 (b) -> weights 2, 2, 2/3
    const p = m.predictProba([[0.5]])[0];
    expect(p[0]).toBeCloseTo(4 / (4 + 2 / 3), 12);
    expect(m.predictProba([[2]])[0]).toEqual([0, 1]);
  });

  it('breaks vote ties toward the first class and distance ties toward the earlier row', () => {
    const m = knnClassifier({ nNeighbors: 2 });
    m.fit([[0], [2]], [7, 3]);
    // one vote each: the smaller class (3) wins, as scikit-learn's mode does
    expect(m.predict([[1]])).toEqual([3]);
    const one = knnClassifier({ nNeighbors: 1 });
    one.fit([[0], [2], [2]], [1, 5, 9]);
    // rows 1 and 2 are equally near: row 1 (label 5) comes first
    expect(one.predict([[2.2]])).toEqual([5]);
  });

  it('uses the Minkowski order p', () => {
    // from (0, 0): A = (3, 0) is at 3 under every p; B = (2, 2) is at 4 under L1, 2.83 under L2
    const train = [
      [3, 0],
      [2, 2],
    ];
    const pick = (p: number) => {
      const m = knnClassifier({ nNeighbors: 1, p });
      m.fit(train, [0, 1]);
      return m.predict([[0, 0]])[0];
    };
    expect(pick(1)).toBe(0);
    expect(pick(2)).toBe(1);
    expect(pick(3)).toBe(1);
  });

  it('rejects bad hyperparameters and data with a typed error', () => {
    expect(() => knnClassifier({ nNeighbors: 0 })).toThrow(ModelArgumentError);
    expect(() => knnClassifier({ p: 0.5 })).toThrow(/p = 0.5/);
    expect(() => knnClassifier({ weights: 'gaussian' as 'uniform' })).toThrow(/weights/);
    const m = knnClassifier({ nNeighbors: 3 });
    expect(() => m.predict([[1]])).toThrow(NotFittedError);
    expect(() => m.fit([[1], [2]], [0, 1])).toThrow(/nNeighbors = 3/);
    expect(() => m.fit([[1], [2, 3], [4]], [0, 1, 1])).toThrow(/X\[1\]/);
    expect(() => m.fit([[1], [Number.NaN], [4]], [0, 1, 1])).toThrow(/finite/);
    expect(() => m.fit([[1], [2], [4]], [0, 1])).toThrow(/one entry per sample of X/);
    m.fit([[1], [2], [4]], [0, 1, 1]);
    expect(() => m.predict([[1, 2]])).toThrow(/as in fit/);
    try {
      knnClassifier({ nNeighbors: 2.5 });
    } catch (e) {
      expect(e).toMatchObject({ param: 'nNeighbors', value: 2.5 });
    }
  });

  it('property: probabilities sum to 1; k = 1 recovers the training labels of distinct rows', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (xs, k) => {
          const X = xs.map((v) => [v, (v * 7) % 13]);
          const y = xs.map((v) => Math.abs(v) % 3);
          const one = knnClassifier({ nNeighbors: 1 });
          one.fit(X, y);
          expect(one.predict(X)).toEqual(y);
          const m = knnClassifier({ nNeighbors: Math.min(k, xs.length), weights: 'distance' });
          m.fit(X, y);
          for (const p of m.predictProba(X.map(([a, b]) => [a + 0.5, b]))) {
            expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('knnRegressor by hand', () => {
  it('averages the neighbours, uniformly or by 1/distance', () => {
    const X = [[0], [1], [3]];
    const y = [0, 10, 30];
    const u = knnRegressor({ nNeighbors: 2 });
    u.fit(X, y);
    expect(u.predict([[0.75]])).toEqual([5]);
    const d = knnRegressor({ nNeighbors: 2, weights: 'distance' });
    d.fit(X, y);
    // 0.75: neighbours 1 (d .25, w 4) and 0 (d .75, w 4/3): (40 + 0) / (16/3) = 7.5
    expect(d.predict([[0.75]])[0]).toBeCloseTo(7.5, 12);
    expect(d.predict([[3]])).toEqual([30]);
  });
});

describe('against scikit-learn 1.2.1', () => {
  it('wine, fold 0: predict_proba matches KNeighborsClassifier to 1e-12', () => {
    const { train, test } = foldSplit('wine');
    const a = knnClassifier({ nNeighbors: 7, weights: 'distance', p: 1 });
    a.fit(train.X, train.y);
    const b = knnClassifier({ nNeighbors: 4, p: 3 });
    b.fit(train.X, train.y);
    const pa = a.predictProba(test.X);
    const pb = b.predictProba(test.X);
    for (let i = 0; i < test.X.length; i++) {
      for (let c = 0; c < 3; c++) {
        expect(pa[i][c]).toBeCloseTo(sk.wineProbaK7DistanceP1[i][c], 12);
        expect(pb[i][c]).toBeCloseTo(sk.wineProbaK4UniformP3[i][c], 12);
      }
    }
  });

  it('diabetes, fold 0: predictions match KNeighborsRegressor(10, distance)', () => {
    const { train, test } = foldSplit('diabetes');
    const m = knnRegressor({ nNeighbors: 10, weights: 'distance' });
    m.fit(train.X, train.y);
    const p = m.predict(test.X);
    for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(sk.diabetesPredK10Distance[i], 9);
  });

  it('5-fold CV scores within 2 points of scikit-learn', async () => {
    // from packages/datasets/load.py's load(); same unshuffled folds:
    // cross_val_score(KNeighborsClassifier(), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9279459711224964
    // cross_val_score(KNeighborsClassifier(n_neighbors=7, weights='distance', p=1), *load('wine'), cv=StratifiedKFold(5)).mean() -> 0.7587301587301588
    // cross_val_score(KNeighborsRegressor(), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.22150067360474837
    const bc = loadDataset('breast_cancer');
    const bcScore = (
      await crossValidate(() => knnClassifier(), bc.X, bc.y, {
        cv: predefinedSplit({ testFold: sklearnFolds('breast_cancer') }),
        scoring: 'accuracy',
      })
    ).meanTestScore;
    expect(Math.abs(bcScore - 0.9279459711224964)).toBeLessThan(0.02);
    const wine = loadDataset('wine');
    const wineScore = (
      await crossValidate(
        () => knnClassifier({ nNeighbors: 7, weights: 'distance', p: 1 }),
        wine.X,
        wine.y,
        { cv: predefinedSplit({ testFold: sklearnFolds('wine') }), scoring: 'accuracy' },
      )
    ).meanTestScore;
    expect(Math.abs(wineScore - 0.7587301587301588)).toBeLessThan(0.02);
    const diab = loadDataset('diabetes');
    const r = (
      await crossValidate(() => knnRegressor(), diab.X, diab.y, {
        cv: predefinedSplit({ testFold: sklearnFolds('diabetes') }),
        scoring: 'r2',
      })
    ).meanTestScore;
    expect(Math.abs(r - 0.22150067360474837)).toBeLessThan(0.02);
  });

  it('same data, same result (no randomness involved)', () => {
    const { train, test } = foldSplit('wine');
    const a = knnClassifier({ nNeighbors: 5 });
    const b = knnClassifier({ nNeighbors: 5 });
    a.fit(train.X, train.y);
    b.fit(train.X, train.y);
    expect(a.predictProba(test.X)).toEqual(b.predictProba(test.X));
  });
});
