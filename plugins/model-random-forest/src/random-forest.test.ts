import { type DatasetName, foldSplit, loadDataset, sklearnFolds } from '@tunekit/datasets';
import {
  accuracyScore,
  crossValidate,
  type Estimator,
  predefinedSplit,
  r2Score,
} from '@tunekit/evaluators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import sk from '../fixtures/sklearn-trees.json' with { type: 'json' };
import { ModelArgumentError, NotFittedError } from './index.js';
import {
  RandomForestClassifier,
  RandomForestRegressor,
  randomForestClassifier,
  randomForestRegressor,
} from './random-forest.js';

/** One deterministic CART tree: no bootstrap, every feature at every split. */
const singleTree = { nEstimators: 1, bootstrap: false, maxFeatures: 1 } as const;

describe('trees by hand', () => {
  it('splits halfway between the two values that separate the classes', () => {
    const m = randomForestClassifier<string>({ ...singleTree });
    m.fit([[1], [2], [3], [4]], ['no', 'no', 'yes', 'yes']);
    expect(m.classes).toEqual(['no', 'yes']);
    expect(m.predictProba([[2.49], [2.51]])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(m.predict([[0], [9]])).toEqual(['no', 'yes']);
  });

  it('regression stump: leaf means, threshold at the midpoint', () => {
    const m = randomForestRegressor({ ...singleTree, maxDepth: 1 });
    m.fit([[1], [2], [3], [10]], [1, 1, 1, 5]);
    expect(m.predict([[6.4], [6.6]])).toEqual([1, 5]);
  });

  it('minSamplesLeaf moves the split; leaf frequencies are the probabilities', () => {
    // best unconstrained cut is 1 | 2..5; with 2 rows per leaf at least it is 1,2 | 3..5
    const m = randomForestClassifier({ ...singleTree, maxDepth: 1, minSamplesLeaf: 2 });
    m.fit([[1], [2], [3], [4], [5]], [0, 1, 1, 1, 1]);
    expect(m.predictProba([[1]])).toEqual([[0.5, 0.5]]);
    expect(m.predictProba([[5]])).toEqual([[0, 1]]);
  });

  it('importances go to the informative feature and sum to 1', () => {
    const X = Array.from({ length: 40 }, (_, i) => [i % 7, i, 3]);
    const y = X.map(([, b]) => (b < 20 ? 0 : 1));
    const m = randomForestClassifier({ nEstimators: 20, maxFeatures: 1, seed: 3 });
    m.fit(X, y);
    expect(m.featureImportances[1]).toBeGreaterThan(0.9);
    expect(m.featureImportances[2]).toBe(0);
    expect(m.featureImportances.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

/** Entry-wise |actual - expected| < tol. */
function expectNear(
  actual: number[] | number[][],
  expected: number[] | number[][],
  tol: number,
): void {
  const a = actual.flat();
  const e = expected.flat();
  expect(a.length).toBe(e.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - e[i])).toBeLessThan(tol);
}

describe('against scikit-learn 1.2.1 single trees (fixtures/sklearn-trees.py)', () => {
  it('DecisionTreeClassifier(max_depth=3): same probabilities and importances', () => {
    const { train, test } = foldSplit('breast_cancer');
    const m = randomForestClassifier({ ...singleTree, maxDepth: 3 });
    m.fit(train.X, train.y);
    expectNear(m.predictProba(test.X), sk.cancerDepth3Proba, 1e-12);
    expectNear(m.featureImportances, sk.cancerDepth3Importances, 1e-10);
  });

  it('entropy, min_samples_leaf=5, max_depth=4', () => {
    const { train, test } = foldSplit('breast_cancer');
    const m = randomForestClassifier({
      ...singleTree,
      maxDepth: 4,
      criterion: 'entropy',
      minSamplesLeaf: 5,
    });
    m.fit(train.X, train.y);
    expectNear(m.predictProba(test.X), sk.cancerEntropyDepth4Leaf5Proba, 1e-12);
  });

  it('DecisionTreeRegressor(max_depth=4): same predictions and importances', () => {
    const { train, test } = foldSplit('diabetes');
    const m = randomForestRegressor({ ...singleTree, maxDepth: 4 });
    m.fit(train.X, train.y);
    expectNear(m.predict(test.X), sk.diabetesDepth4Pred, 1e-9);
    // Some nodes have equal-gain splits on different features; scikit-learn breaks such ties by its
    // random feature order (its own importances move by ~0.002 across random_state), so 3e-3 here.
    expectNear(m.featureImportances, sk.diabetesDepth4Importances, 3e-3);
  });
});

describe('forests', () => {
  it('same seed, same forest; another seed, another forest', () => {
    const { train, test } = foldSplit('breast_cancer');
    const fit = (seed: number) => {
      const m = randomForestClassifier({ nEstimators: 10, seed });
      m.fit(train.X, train.y);
      return m.predictProba(test.X);
    };
    expect(fit(7)).toEqual(fit(7));
    expect(fit(7)).not.toEqual(fit(8));
  });

  it('saves and loads through JSON.stringify (fast engine)', () => {
    const { train, test } = foldSplit('breast_cancer');
    const m = randomForestClassifier<number>({ nEstimators: 8, seed: 1, maxDepth: 6 });
    m.fit(train.X, train.y);
    const back = RandomForestClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba(test.X)).toEqual(m.predictProba(test.X));
    expect(back.featureImportances).toEqual(m.featureImportances);
    expect(back.options).toEqual(m.options);
    const d = foldSplit('diabetes');
    const r = randomForestRegressor({ nEstimators: 5, seed: 2 });
    r.fit(d.train.X, d.train.y);
    expect(
      RandomForestRegressor.fromJSON(JSON.parse(JSON.stringify(r.toJSON()))).predict(d.test.X),
    ).toEqual(r.predict(d.test.X));
    expect(() => RandomForestRegressor.fromJSON(m.toJSON())).toThrow(ModelArgumentError);
  });

  it('property: probabilities are distributions; bootstrap off + all features reproduces the training labels of distinct rows', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 4, maxLength: 40 }),
        fc.nat(1000),
        (xs, seed) => {
          const X = xs.map((v) => [v, (v * 13) % 17]);
          const y = xs.map((v) => ['a', 'b', 'c'][v % 3]);
          const tree = randomForestClassifier<string>({ ...singleTree, seed });
          tree.fit(X, y);
          expect(tree.predict(X)).toEqual(y);
          const forest = randomForestClassifier<string>({ nEstimators: 5, seed });
          forest.fit(X, y);
          for (const p of forest.predictProba(X))
            expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects bad options and data', () => {
    expect(() => randomForestClassifier({ nEstimators: 0 })).toThrow(ModelArgumentError);
    expect(() => randomForestClassifier({ maxFeatures: 1.5 })).toThrow(/maxFeatures = 1.5/);
    expect(() => randomForestClassifier({ maxFeatures: 'auto' as 'sqrt' })).toThrow(/maxFeatures/);
    expect(() => randomForestClassifier({ bootstrap: false, maxSamples: 0.5 })).toThrow(
      /needs bootstrap/,
    );
    expect(() => randomForestClassifier({ criterion: 'mse' as 'gini' })).toThrow(/criterion/);
    expect(() => randomForestClassifier({ minSamplesSplit: 1 })).toThrow(/minSamplesSplit/);
    expect(() => randomForestRegressor({ engine: 'xgb' as 'ml' })).toThrow(/engine/);
    expect(() => randomForestClassifier({ maxFeatures: 5 }).fit([[1, 2]], [0])).toThrow(
      /number of features/,
    );
    expect(() =>
      randomForestClassifier({ engine: 'ml', criterion: 'entropy' }).fit([[1], [2]], [0, 1]),
    ).toThrow(/engine 'ml'/);
    expect(() => randomForestRegressor().predict([[1]])).toThrow(NotFittedError);
    // The error names the method the user called, not the one it delegates to.
    expect(() => randomForestClassifier().predict([[1]])).toThrow('predict() called before fit()');
  });
});

describe("engine 'ml' (ml-random-forest 2.1.0, defects worked around)", () => {
  it('keeps every tree vote, maps string labels, and saves/loads', () => {
    const { train, test } = foldSplit('breast_cancer');
    const labels = train.y.map((v) => (v === 1 ? 'benign' : 'malignant'));
    const m = randomForestClassifier<string>({
      engine: 'ml',
      nEstimators: 6,
      seed: 1,
      maxFeatures: 0.5,
    });
    m.fit(train.X, labels);
    expect(m.classes).toEqual(['benign', 'malignant']);
    const p = m.predictProba(test.X);
    for (const row of p) {
      expect(row[0] + row[1]).toBeCloseTo(1, 12);
      expect(Math.round(row[0] * 6)).toBeCloseTo(row[0] * 6, 9);
    }
    const acc = accuracyScore(
      m.predict(test.X),
      test.y.map((v) => (v === 1 ? 'benign' : 'malignant')),
    );
    expect(acc).toBeGreaterThan(0.85);
    const back = RandomForestClassifier.fromJSON<string>(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba(test.X)).toEqual(p);
    expect(back.featureImportances.every(Number.isFinite)).toBe(true);
  });

  it('regression with maxSamples drawn at random', () => {
    const { train, test } = foldSplit('diabetes');
    const m = randomForestRegressor({
      engine: 'ml',
      nEstimators: 4,
      maxSamples: 0.5,
      seed: 3,
      maxDepth: 5,
    });
    m.fit(train.X, train.y);
    expect(r2Score(test.y, m.predict(test.X))).toBeGreaterThan(0.1);
  });
});

describe('5-fold CV within 2 points of scikit-learn (mean over random_state 0..4)', () => {
  // from packages/datasets/load.py's load(); same unshuffled folds (KFold(5) for diabetes):
  // np.mean([cross_val_score(RandomForestClassifier(n_estimators=30, random_state=r), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() for r in range(5)]) -> 0.9578512653314701
  // np.mean([cross_val_score(RandomForestClassifier(n_estimators=30, criterion='entropy', min_samples_leaf=3, max_samples=0.7, random_state=r), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() for r in range(5)]) -> 0.9557366868498679
  // np.mean([cross_val_score(RandomForestRegressor(n_estimators=50, random_state=r), *load('diabetes'), cv=KFold(5), scoring='r2').mean() for r in range(5)]) -> 0.41712678309536455
  // np.mean([cross_val_score(RandomForestRegressor(n_estimators=50, max_features=0.33, min_samples_leaf=5, random_state=r), *load('diabetes'), cv=KFold(5), scoring='r2').mean() for r in range(5)]) -> 0.4474714391272564
  // Mean 5-fold score on scikit-learn's folds of the dataset.
  const cvScore = async (make: () => Estimator, name: DatasetName, scoring: 'accuracy' | 'r2') => {
    const { X, y } = loadDataset(name);
    const cv = predefinedSplit({ testFold: sklearnFolds(name) });
    return (await crossValidate(make, X, y, { cv, scoring })).meanTestScore;
  };

  it('classifier on breast cancer', async () => {
    const plain = () => randomForestClassifier({ nEstimators: 30, seed: 0 });
    const entropy = () =>
      randomForestClassifier({
        nEstimators: 30,
        criterion: 'entropy',
        minSamplesLeaf: 3,
        maxSamples: 0.7,
        seed: 0,
      });
    const plainScore = await cvScore(plain, 'breast_cancer', 'accuracy');
    expect(Math.abs(plainScore - 0.9578512653314701)).toBeLessThan(0.02);
    const entropyScore = await cvScore(entropy, 'breast_cancer', 'accuracy');
    expect(Math.abs(entropyScore - 0.9557366868498679)).toBeLessThan(0.02);
  });

  it('regressor on diabetes', async () => {
    const plain = () => randomForestRegressor({ nEstimators: 50, seed: 0 });
    const small = () =>
      randomForestRegressor({ nEstimators: 50, maxFeatures: 0.33, minSamplesLeaf: 5, seed: 0 });
    expect(Math.abs((await cvScore(plain, 'diabetes', 'r2')) - 0.41712678309536455)).toBeLessThan(
      0.02,
    );
    expect(Math.abs((await cvScore(small, 'diabetes', 'r2')) - 0.4474714391272564)).toBeLessThan(
      0.02,
    );
  });
});
