import { loadDataset } from '@tunekit/datasets';
import { crossValidate, type Estimator } from '@tunekit/evaluators';
import { expect, it } from 'vitest';
import { gaussianNB } from './gaussian-nb.js';
import { multinomialNB } from './multinomial-nb.js';

it('plugs into @tunekit/evaluators: crossValidate gives scikit-learn-s figures', async () => {
  // cross_val_score(GaussianNB(), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9385188635305075
  // cross_val_score(MultinomialNB(), *load('digits'), cv=StratifiedKFold(5)).mean() -> 0.8703497369235531
  const make: () => Estimator = () => gaussianNB();
  const bc = loadDataset('breast_cancer');
  expect(
    (await crossValidate(make, bc.X, bc.y, { cv: 5, scoring: 'accuracy' })).meanTestScore,
  ).toBeCloseTo(0.9385188635305075, 9);
  const digits = loadDataset('digits');
  expect(
    (await crossValidate(() => multinomialNB(), digits.X, digits.y, { cv: 5, scoring: 'accuracy' }))
      .meanTestScore,
  ).toBeCloseTo(0.8703497369235531, 9);
});

it('declares estimatorType: both are classifiers', () => {
  expect(gaussianNB().estimatorType).toBe('classifier');
  expect(multinomialNB().estimatorType).toBe('classifier');
});
