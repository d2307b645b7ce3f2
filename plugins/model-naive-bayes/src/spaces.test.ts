import type { Params } from '@tunekit/search-space';
import { expect, it } from 'vitest';
import { gaussianNB } from './gaussian-nb.js';
import { multinomialNB } from './multinomial-nb.js';
import { gaussianNBSpace, multinomialNBSpace } from './spaces.js';

it('default spaces are log-scaled and accepted by their factories', () => {
  const vs = gaussianNBSpace.distributions.varSmoothing;
  expect(vs).toMatchObject({ type: 'float', log: true });
  expect(() => gaussianNB({ varSmoothing: vs.low })).not.toThrow();
  expect(() => gaussianNB({ varSmoothing: vs.high })).not.toThrow();
  const { alpha, fitPrior } = multinomialNBSpace.distributions;
  expect(alpha).toMatchObject({ type: 'float', log: true });
  for (const fp of fitPrior.choices)
    expect(() => multinomialNB({ alpha: alpha.low, fitPrior: fp })).not.toThrow();
});

it('a configuration of the space is an options object of the factory (typed by Params<>)', () => {
  const params: Params<typeof multinomialNBSpace> = { alpha: 0.5, fitPrior: false };
  expect(() => multinomialNB(params)).not.toThrow();
});
