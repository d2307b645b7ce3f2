import type { Params } from '@tunekit/search-space';
import { expect, it } from 'vitest';
import { knnClassifier, knnRegressor } from './knn.js';
import { knnClassifierSpace, knnRegressorSpace } from './spaces.js';

it('default spaces hold valid options for their factories', () => {
  expect(knnClassifierSpace.names).toEqual(['nNeighbors', 'weights', 'p']);
  expect(knnClassifierSpace.distributions.nNeighbors).toMatchObject({
    type: 'int',
    low: 1,
    high: 50,
    log: true,
  });
  for (const s of [knnClassifierSpace, knnRegressorSpace]) {
    const { nNeighbors, weights, p } = s.distributions;
    for (const w of weights.choices)
      for (const pp of p.choices) {
        expect(() =>
          knnClassifier({ nNeighbors: nNeighbors.high, weights: w, p: pp }),
        ).not.toThrow();
        expect(() => knnRegressor({ nNeighbors: nNeighbors.low, weights: w, p: pp })).not.toThrow();
      }
  }
});

it('a configuration of the space is an options object of the factory (typed by Params<>)', () => {
  const params: Params<typeof knnClassifierSpace> = { nNeighbors: 3, weights: 'distance', p: 1 };
  expect(() => knnClassifier(params)).not.toThrow();
});
