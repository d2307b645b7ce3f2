import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual([
    'LinearRegressor',
    'LogisticRegression',
    'ModelArgumentError',
    'NotFittedError',
    'elasticNet',
    'elasticNetSpace',
    'lasso',
    'lassoSpace',
    'linearRegression',
    'linearRegressionSpace',
    'logisticRegression',
    'logisticRegressionSpace',
    'ridge',
    'ridgeSpace',
  ]);
});
