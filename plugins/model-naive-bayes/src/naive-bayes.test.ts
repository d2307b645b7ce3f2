import { type DatasetName, foldSplit, loadDataset, sklearnFolds } from '@tunekit/datasets';
import { crossValidate, type Estimator, predefinedSplit } from '@tunekit/evaluators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sk from '../fixtures/sklearn-outputs.json' with { type: 'json' };
import { gaussianNB } from './gaussian-nb.js';
import { ModelArgumentError, NotFittedError } from './index.js';
import { multinomialNB } from './multinomial-nb.js';

function expectClose(a: number[][], b: number[][], digits: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < a[i].length; j++) expect(a[i][j]).toBeCloseTo(b[i][j], digits);
}

describe('gaussianNB', () => {
  it('by hand: means, smoothed variances, posterior', () => {
    // class a: x = 0, 2 (mean 1, var 1); class b: x = 10 (mean 10, var 0).

    const X = [[0], [2], [10]];
    const m = gaussianNB<string>({ varSmoothing: 0.1 });
    m.fit(X, ['a', 'a', 'b']);
    const mean = 4;
    const overall = ((0 - mean) ** 2 + (2 - mean) ** 2 + (10 - mean) ** 2) / 3; // 56/3
    const eps = 0.1 * overall;
    expect(m.classes).toEqual(['a', 'b']);
    expect(m.theta).toEqual([[1], [10]]);
    expect(m.variance[0][0]).toBeCloseTo(1 + eps, 12);
    expect(m.variance[1][0]).toBeCloseTo(eps, 12);
    const x = 5;
    const la =
      Math.log(2 / 3) - 0.5 * Math.log(2 * Math.PI * (1 + eps)) - (0.5 * (x - 1) ** 2) / (1 + eps);
    const lb = Math.log(1 / 3) - 0.5 * Math.log(2 * Math.PI * eps) - (0.5 * (x - 10) ** 2) / eps;
    const pa = 1 / (1 + Math.exp(lb - la));
    expect(m.predictProba([[x]])[0][0]).toBeCloseTo(pa, 12);
  });

  it('matches scikit-learn GaussianNB on wine (theta_, var_, predict_proba)', () => {
    const { train, test } = foldSplit('wine');
    const m = gaussianNB();
    m.fit(train.X, train.y);
    expectClose(m.theta, sk.wineTheta, 9);
    for (let c = 0; c < 3; c++)
      for (let j = 0; j < 13; j++) expect(m.variance[c][j] / sk.wineVar[c][j]).toBeCloseTo(1, 10);
    expectClose(m.predictProba(test.X), sk.wineProba, 9);
    const s = gaussianNB({ varSmoothing: 0.01, priors: [0.2, 0.3, 0.5] });
    s.fit(train.X, train.y);
    expectClose(s.predictProba(test.X), sk.wineProbaSmooth, 9);
  });

  it('stays finite on constant training data', () => {
    const m = gaussianNB();
    m.fit([[3], [3], [3]], [0, 1, 1]);
    // at the training value the posterior is the prior; elsewhere it stays a finite distribution
    expectClose(m.predictProba([[3]]), [[1 / 3, 2 / 3]], 12);
    const p = m.predictProba([[4]])[0];
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
  });

  it('rejects bad options and data', () => {
    expect(() => gaussianNB({ varSmoothing: -1 })).toThrow(ModelArgumentError);
    const m = gaussianNB({ priors: [0.5, 0.6] });
    expect(() => m.fit([[0], [1]], [0, 1])).toThrow(/sum to 1/);
    expect(() => gaussianNB({ priors: [1] }).fit([[0], [1]], [0, 1])).toThrow(
      /one prior per class/,
    );
    expect(() => gaussianNB().predict([[0]])).toThrow(NotFittedError);
    expect(() => gaussianNB().fit([[0], [1]], [0, 'a'] as unknown as number[])).toThrow(
      /all of one type/,
    );
  });
});

describe('multinomialNB', () => {
  it('by hand: smoothed feature probabilities and priors', () => {
    // class 0 counts: [3, 1]; class 1 counts: [0, 4]; alpha 1 -> [4, 2]/6 and [1, 5]/6
    const m = multinomialNB({ alpha: 1 });
    m.fit(
      [
        [2, 1],
        [1, 0],
        [0, 4],
      ],
      [0, 0, 1],
    );
    expectClose(
      m.featureLogProb,
      [
        [Math.log(4 / 6), Math.log(2 / 6)],
        [Math.log(1 / 6), Math.log(5 / 6)],
      ],
      12,
    );
    const l0 = Math.log(2 / 3) + 1 * Math.log(4 / 6) + 1 * Math.log(2 / 6);
    const l1 = Math.log(1 / 3) + 1 * Math.log(1 / 6) + 1 * Math.log(5 / 6);
    expect(m.predictProba([[1, 1]])[0][1]).toBeCloseTo(
      Math.exp(l1) / (Math.exp(l0) + Math.exp(l1)),
      12,
    );
    const u = multinomialNB({ alpha: 1, fitPrior: false });
    u.fit(
      [
        [2, 1],
        [1, 0],
        [0, 4],
      ],
      [0, 0, 1],
    );
    const u0 = Math.log(1 / 2) + Math.log(4 / 6) + Math.log(2 / 6);
    const u1 = Math.log(1 / 2) + Math.log(1 / 6) + Math.log(5 / 6);
    expect(u.predictProba([[1, 1]])[0][1]).toBeCloseTo(
      Math.exp(u1) / (Math.exp(u0) + Math.exp(u1)),
      12,
    );
  });

  it('matches scikit-learn MultinomialNB on digits', () => {
    const { train, test } = foldSplit('digits');
    const m = multinomialNB({ alpha: 0.5 });
    m.fit(train.X, train.y);
    expectClose(m.featureLogProb, sk.digitsFeatureLogProb, 10);
    expectClose(m.predictProba(test.X.slice(0, 40)), sk.digitsProba, 9);
    const u = multinomialNB({ alpha: 2, fitPrior: false });
    u.fit(train.X, train.y);
    expect(u.predict(test.X)).toEqual(sk.digitsPredictNoPrior);
  });

  it('rejects negative features and bad alpha', () => {
    expect(() => multinomialNB({ alpha: -0.1 })).toThrow(/alpha = -0.1/);
    expect(() => multinomialNB().fit([[1], [-1]], [0, 1])).toThrow(/X\[1\]\[0\] = -1: multinomial/);
    expect(multinomialNB({ alpha: 0 }).alpha).toBe(1e-10);
  });
});

describe('both', () => {
  it('property: probabilities sum to 1 and predict is their argmax', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20), fc.nat(20), fc.constantFrom('x', 'y', 'z')), {
          minLength: 3,
          maxLength: 40,
        }),
        (rows) => {
          const X = rows.map(([a, b]) => [a, b]);
          const y = rows.map((r) => r[2]);
          for (const m of [gaussianNB<string>(), multinomialNB<string>()]) {
            m.fit(X, y);
            const p = m.predictProba(X);
            const labels = m.predict(X);
            p.forEach((row, i) => {
              expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
              expect(labels[i]).toBe(m.classes[row.indexOf(Math.max(...row))]);
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('5-fold CV accuracy within 2 points of scikit-learn', async () => {
    // from packages/datasets/load.py's load(); same unshuffled folds:
    // cross_val_score(GaussianNB(), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9385188635305075
    // cross_val_score(GaussianNB(), *load('wine'), cv=StratifiedKFold(5)).mean() -> 0.9663492063492063
    // cross_val_score(MultinomialNB(), *load('digits'), cv=StratifiedKFold(5)).mean() -> 0.8703497369235531
    const cvScore = async (make: () => Estimator, name: DatasetName) => {
      const { X, y } = loadDataset(name);
      const cv = predefinedSplit({ testFold: sklearnFolds(name) });
      return (await crossValidate(make, X, y, { cv, scoring: 'accuracy' })).meanTestScore;
    };
    const cases: [number, number][] = [
      [await cvScore(() => gaussianNB(), 'breast_cancer'), 0.9385188635305075],
      [await cvScore(() => gaussianNB(), 'wine'), 0.9663492063492063],
      [await cvScore(() => multinomialNB(), 'digits'), 0.8703497369235531],
    ];
    for (const [ours, theirs] of cases) expect(Math.abs(ours - theirs)).toBeLessThan(0.02);
  });
});
