import type { Params } from '@tunekit/search-space';
import { expect, it } from 'vitest';
import { randomForestClassifier, randomForestRegressor } from './random-forest.js';
import { randomForestClassifierSpace, randomForestRegressorSpace } from './spaces.js';

it('default spaces: counts on log scales, every corner accepted by the factories', () => {
  const c = randomForestClassifierSpace.distributions;
  expect(c.nEstimators).toMatchObject({ type: 'int', log: true });
  expect(c.maxDepth).toMatchObject({ type: 'int', log: true });
  for (const criterion of c.criterion.choices) {
    for (const bootstrap of c.bootstrap.choices) {
      for (const k of ['low', 'high'] as const) {
        const opts = {
          nEstimators: c.nEstimators[k],
          maxDepth: c.maxDepth[k],
          minSamplesSplit: c.minSamplesSplit[k],
          minSamplesLeaf: c.minSamplesLeaf[k],
          maxFeatures: c.maxFeatures[k],
          bootstrap,
        };
        expect(() => randomForestClassifier({ ...opts, criterion })).not.toThrow();
        expect(() => randomForestRegressor(opts)).not.toThrow();
      }
    }
  }
  expect(randomForestRegressorSpace.names).not.toContain('criterion');
});

it('a configuration of the space is an options object of the factory (typed by Params<>)', () => {
  const params: Params<typeof randomForestClassifierSpace> = {
    nEstimators: 60,
    maxDepth: 4,
    minSamplesSplit: 3,
    minSamplesLeaf: 2,
    maxFeatures: 0.4,
    criterion: 'entropy',
    bootstrap: true,
  };
  expect(() => randomForestClassifier(params)).not.toThrow();
});
