import { loadDataset } from '@tunekit/datasets';
import { crossValidate, type Estimator } from '@tunekit/evaluators';
import { expect, it } from 'vitest';
import { logisticRegression } from './logistic.js';
import { elasticNet, lasso, linearRegression, ridge } from './regressors.js';

it('plugs into @tunekit/evaluators: crossValidate gives scikit-learn-s figures', async () => {
  // cross_val_score(Ridge(), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.48207004065734954
  // cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9806862288464524
  const diabetes = loadDataset('diabetes');
  const make: () => Estimator = () => ridge();
  expect(
    (await crossValidate(make, diabetes.X, diabetes.y, { cv: 5, scoring: 'r2' })).meanTestScore,
  ).toBeCloseTo(0.48207004065734954, 9);
  const bc = loadDataset('breast_cancer');
  const res = await crossValidate(() => logisticRegression({ standardize: true }), bc.X, bc.y, {
    cv: 5,
    scoring: 'accuracy',
  });
  expect(Math.abs(res.meanTestScore - 0.9806862288464524)).toBeLessThan(0.005);
});

it('declares estimatorType: logisticRegression a classifier, the rest regressors', () => {
  expect(logisticRegression().estimatorType).toBe('classifier');
  for (const make of [linearRegression, ridge, lasso, elasticNet]) {
    expect(make().estimatorType).toBe('regressor');
  }
});
