import type { Params } from '@tunekit/search-space';
import { expect, it } from 'vitest';
import { logisticRegression } from './logistic.js';
import { elasticNet, lasso, ridge } from './regressors.js';
import {
  elasticNetSpace,
  lassoSpace,
  linearRegressionSpace,
  logisticRegressionSpace,
  ridgeSpace,
} from './spaces.js';

it('penalty weights are log-scaled and every corner of each space is accepted by its factory', () => {
  for (const d of [
    ridgeSpace.distributions.alpha,
    lassoSpace.distributions.alpha,
    elasticNetSpace.distributions.alpha,
    logisticRegressionSpace.distributions.C,
  ]) {
    expect(d).toMatchObject({ type: 'float', log: true });
  }
  expect(linearRegressionSpace.names).toEqual(['fitIntercept']);
  const { alpha, l1Ratio } = elasticNetSpace.distributions;
  for (const a of [alpha.low, alpha.high]) {
    expect(() => ridge({ alpha: a })).not.toThrow();
    expect(() => lasso({ alpha: a })).not.toThrow();
    for (const r of [l1Ratio.low, l1Ratio.high])
      expect(() => elasticNet({ alpha: a, l1Ratio: r })).not.toThrow();
  }
  const lr = logisticRegressionSpace.distributions;
  for (const penalty of lr.penalty.choices) {
    for (const C of [lr.C.low, lr.C.high])
      expect(() => logisticRegression({ penalty, C, l1Ratio: lr.l1Ratio.high })).not.toThrow();
  }
});

it('a configuration of the space is an options object of the factory (typed by Params<>)', () => {
  const params: Params<typeof logisticRegressionSpace> = {
    C: 2,
    penalty: 'elasticnet',
    l1Ratio: 0.3,
  };
  expect(() => logisticRegression(params)).not.toThrow();
});
