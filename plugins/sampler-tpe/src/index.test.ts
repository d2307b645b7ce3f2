import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'TpeSampler',
    'defaultGamma',
    'defaultWeights',
    'hyperoptGamma',
    'uniformWeights',
  ]);
});

it('names the sampler by its class, as every tunekit plugin is named', () => {
  expect(new api.TpeSampler({ seed: 1 }).name).toBe('TpeSampler');
});
