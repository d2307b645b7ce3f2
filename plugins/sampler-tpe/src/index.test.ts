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
