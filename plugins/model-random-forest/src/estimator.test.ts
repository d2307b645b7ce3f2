import { loadDataset } from '@tunekit/datasets';
import { crossValidate, type Estimator } from '@tunekit/evaluators';
import { expect, it } from 'vitest';
import { randomForestClassifier, randomForestRegressor } from './random-forest.js';

it('plugs into @tunekit/evaluators: crossValidate with accuracy and a probability metric', async () => {
  // np.mean([cross_val_score(RandomForestClassifier(n_estimators=30, random_state=r), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() for r in range(5)]) -> 0.9578512653314701
  const make: () => Estimator = () => randomForestClassifier({ nEstimators: 30, seed: 0 });
  const bc = loadDataset('breast_cancer');
  const res = await crossValidate(make, bc.X, bc.y, { cv: 5, scoring: ['accuracy', 'rocAuc'] });
  expect(Math.abs(res.meanTestScore - 0.9578512653314701)).toBeLessThan(0.02);
  // a forest ranks far better than chance: ROC AUC from predictProba
  expect(res.perMetric.rocAuc.mean).toBeGreaterThan(0.97);
});

it('declares estimatorType: classifier and regressor', () => {
  expect(randomForestClassifier().estimatorType).toBe('classifier');
  expect(randomForestRegressor().estimatorType).toBe('regressor');
});
