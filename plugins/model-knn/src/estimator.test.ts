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
