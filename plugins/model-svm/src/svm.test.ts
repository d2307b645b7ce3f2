import { foldSplit, loadDataset, sklearnFolds } from '@tunekit/datasets';
import { crossValidate, predefinedSplit } from '@tunekit/evaluators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sk from '../fixtures/sklearn-outputs.json' with { type: 'json' };
import { ModelArgumentError, NotFittedError } from './index.js';
import { resolveGamma } from './options.js';
import { coupleProbabilities, sigmoidPredict, sigmoidTrain } from './platt.js';
import { svc, svr } from './svm.js';

describe('by hand', () => {
  it('separates a 1-D problem with string labels', async () => {
    const m = svc<string>({ kernel: 'linear', C: 10 });
    await m.fit([[0], [1], [2], [8], [9], [10]], ['lo', 'lo', 'lo', 'hi', 'hi', 'hi']);
    expect(m.classes).toEqual(['hi', 'lo']);
    expect(await m.predict([[1.5], [9.5]])).toEqual(['lo', 'hi']);
  });

  it("gamma 'scale' is 1 / (nFeatures * variance of all entries), 'auto' 1 / nFeatures", () => {
    // entries 0, 2, 4, 6: mean 3, variance (9 + 1 + 1 + 9) / 4 = 5; 2 features -> 1 / 10
    const X = Float64Array.from([0, 2, 4, 6]);
    expect(resolveGamma('scale', X, 2)).toBeCloseTo(0.1, 15);
    expect(resolveGamma('auto', X, 2)).toBe(0.5);
    expect(resolveGamma(0.7, X, 2)).toBe(0.7);
    expect(resolveGamma('scale', Float64Array.from([3, 3]), 2)).toBe(1);
  });

  it('coupling recovers class probabilities from consistent pairwise ones', () => {
    const p = [0.5, 0.3, 0.2];
    const r = p.map((pi) => p.map((pj) => pi / (pi + pj)));
    const q = coupleProbabilities(r);
    q.forEach((v, i) => {
      expect(Math.abs(v - p[i])).toBeLessThan(2e-3);
    });
  });

  it('Platt sigmoid is decreasing in A f + B and learns the direction of the scores', () => {
    const dec = [-3, -2, -1.5, -1, -0.2, 0.3, 1, 1.5, 2, 3];
    const pos = dec.map((d, i) => d > 0 || i === 4);
    const s = sigmoidTrain(dec, pos);
    expect(s.A).toBeLessThan(0);
    expect(sigmoidPredict(3, s)).toBeGreaterThan(0.9);
    expect(sigmoidPredict(-3, s)).toBeLessThan(0.1);
    expect(sigmoidPredict(0, { A: -1, B: 0 })).toBe(0.5);
  });

  it('rejects bad options and data', async () => {
    expect(() => svc({ C: 0 })).toThrow(ModelArgumentError);
    expect(() => svc({ gamma: 'lots' as 'auto' })).toThrow(/gamma/);
    expect(() => svc({ kernel: 'precomputed' as 'rbf' })).toThrow(/kernel/);
    expect(() => svr({ epsilon: -1 })).toThrow(/epsilon = -1/);
    await expect(svc().fit([[0], [1]], [1, 1])).rejects.toThrow(/at least 2 classes/);
    await expect(svr().predict([[0]])).rejects.toThrow(NotFittedError);
    const m = svc();
    await m.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    await expect(m.predictProba([[0]])).rejects.toThrow(/probability: true/);
  });
});

describe('against scikit-learn 1.2.1 (fixtures/sklearn-outputs.py)', () => {
  it('SVC predictions and support counts (rbf, sigmoid, poly)', async () => {
    const { train, test } = foldSplit('breast_cancer');
    const m = svc();
    await m.fit(train.X, train.y);
    expect(await m.predict(test.X)).toEqual(sk.cancerPredict);
    expect(m.nSupport).toEqual(sk.cancerNSupport);
    const max = train.X[0].map((_, j) => Math.max(...train.X.map((r) => r[j])));
    const scale = (X: number[][]) => X.map((r) => r.map((v, j) => v / max[j]));
    const s = svc({ kernel: 'sigmoid', gamma: 'auto', C: 0.5, coef0: 0.1, standardize: false });
    await s.fit(scale(train.X), train.y);
    expect(await s.predict(scale(test.X))).toEqual(sk.cancerSigmoidUnscaledPredict);
    const iris = foldSplit('iris');
    const p = svc({ kernel: 'poly', degree: 3, gamma: 0.3, coef0: 0.5, C: 2 });
    await p.fit(iris.train.X, iris.train.y);
    expect(await p.predict(iris.test.X)).toEqual(sk.irisPolyPredict);
  });

  it('SVR predictions to 1e-4 relative (libsvm prints rho with 6 digits)', async () => {
    const { train, test } = foldSplit('diabetes');
    for (const [m, expected] of [
      [svr({ C: 100, epsilon: 5 }), sk.diabetesSvrPredict],
      [svr({ kernel: 'linear', C: 3 }), sk.diabetesSvrLinearPredict],
    ] as const) {
      await m.fit(train.X, train.y);
      const pred = await m.predict(test.X);
      pred.forEach((v, i) => {
        expect(Math.abs(v - expected[i])).toBeLessThan(1e-4 * Math.abs(expected[i]));
      });
    }
  });

  it('probabilities: seeded, normalised, and as sharp as libsvm-s own (log-loss)', async () => {
    const { train, test } = foldSplit('breast_cancer');
    const fit = async (seed: number) => {
      const m = svc({ probability: true, seed });
      await m.fit(train.X, train.y);
      return m.predictProba(test.X);
    };
    const p = await fit(3);
    expect(await fit(3)).toEqual(p);
    let loss = 0;
    p.forEach((row, i) => {
      expect(row[0] + row[1]).toBeCloseTo(1, 12);
      loss -= Math.log(row[test.y[i]]);
    });
    // scikit-learn's log_loss of SVC(probability=True, random_state=0) on the same split: 0.0827
    expect(Math.abs(loss / p.length - sk.cancerProbaLogLoss)).toBeLessThan(0.03);
  });

  it('property: multi-class probabilities are distributions', async () => {
    const iris = loadDataset('iris');
    const m = svc({ probability: true, seed: 1 });
    await m.fit(iris.X, iris.y);
    const proba = await m.predictProba(iris.X);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 149 }), (i) => {
        expect(proba[i].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
        for (const v of proba[i]) expect(v).toBeGreaterThan(0);
      }),
    );
  });

  it('5-fold CV within 2 points of scikit-learn (breast cancer and diabetes: estimator.test.ts)', async () => {
    // from packages/datasets/load.py's load(); same unshuffled folds:
    // cross_val_score(make_pipeline(StandardScaler(), SVC(kernel='linear', C=0.5)), *load('iris'), cv=StratifiedKFold(5)).mean() -> 0.9800000000000001
    const { X, y } = loadDataset('iris');
    const cv = predefinedSplit({ testFold: sklearnFolds('iris') });
    const make = () => svc({ kernel: 'linear', C: 0.5 });
    const iris = (await crossValidate(make, X, y, { cv, scoring: 'accuracy' })).meanTestScore;
    expect(Math.abs(iris - 0.9800000000000001)).toBeLessThan(0.02);
  });
});
