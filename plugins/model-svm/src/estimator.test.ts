import { loadDataset } from '@tunekit/datasets';
import { crossValidate, type Estimator } from '@tunekit/evaluators';
import { expect, it } from 'vitest';
import { svc, svr } from './svm.js';

it('plugs into @tunekit/evaluators: crossValidate gives scikit-learn-s figures', async () => {
  // cross_val_score(make_pipeline(StandardScaler(), SVC()), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9736376339077782
  // cross_val_score(make_pipeline(StandardScaler(), SVR(C=100, epsilon=5)), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.4384634028838962
  const make: () => Estimator = () => svc();
  const bc = loadDataset('breast_cancer');
  expect(
    (await crossValidate(make, bc.X, bc.y, { cv: 5, scoring: 'accuracy' })).meanTestScore,
  ).toBeCloseTo(0.9736376339077782, 9);
  const diabetes = loadDataset('diabetes');
  const r2 = (
    await crossValidate(() => svr({ C: 100, epsilon: 5 }), diabetes.X, diabetes.y, {
      cv: 5,
      scoring: 'r2',
    })
  ).meanTestScore;
  expect(Math.abs(r2 - 0.4384634028838962)).toBeLessThan(1e-5);
});

it('declares estimatorType: svc a classifier, svr a regressor', () => {
  expect(svc().estimatorType).toBe('classifier');
  expect(svr().estimatorType).toBe('regressor');
});
