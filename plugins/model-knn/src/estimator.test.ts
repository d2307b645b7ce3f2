import { loadDataset } from '@tunekit/datasets';
import { crossValidate, type Estimator } from '@tunekit/evaluators';
import { expect, it } from 'vitest';
import { knnClassifier, knnRegressor } from './knn.js';

it('plugs into @tunekit/evaluators: crossValidate gives scikit-learn-s figures', async () => {
  // cross_val_score(KNeighborsClassifier(), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9279459711224964
  // cross_val_score(KNeighborsRegressor(), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.22150067360474837
  const classifier: () => Estimator = () => knnClassifier();
  const bc = loadDataset('breast_cancer');
  expect(
    (await crossValidate(classifier, bc.X, bc.y, { cv: 5, scoring: 'accuracy' })).meanTestScore,
  ).toBeCloseTo(0.9279459711224964, 9);
  const diabetes = loadDataset('diabetes');
  expect(
    (await crossValidate(() => knnRegressor(), diabetes.X, diabetes.y, { cv: 5, scoring: 'r2' }))
      .meanTestScore,
  ).toBeCloseTo(0.22150067360474837, 9);
});

it('declares estimatorType: knnClassifier a classifier, knnRegressor a regressor', () => {
  expect(knnClassifier().estimatorType).toBe('classifier');
  expect(knnRegressor().estimatorType).toBe('regressor');
});

it('diabetes with cv: 5 and no scoring: a regressor gets KFold(5) and R², not stratified folds', async () => {
  // The target is integer-valued (disease progression 25..346), which alone reads as classes.
  // Same figure as above: cross_val_score(KNeighborsRegressor(), *load('diabetes'), cv=KFold(5), scoring='r2').mean()
  const diabetes = loadDataset('diabetes');
  expect(diabetes.y.every(Number.isInteger)).toBe(true);
  const res = await crossValidate(() => knnRegressor(), diabetes.X, diabetes.y, { cv: 5 });
  expect(res.metric).toBe('r2');
  expect(res.meanTestScore).toBeCloseTo(0.22150067360474837, 9);
  // Without the declaration the target decides: stratified folds, refused for 1-member classes.
  const undeclared = (): Estimator => {
    const m = knnRegressor();
    return { fit: (X, y) => m.fit(X, y), predict: (X) => m.predict(X) };
  };
  await expect(crossValidate(undeclared, diabetes.X, diabetes.y, { cv: 5 })).rejects.toThrow(
    /member/,
  );
});
