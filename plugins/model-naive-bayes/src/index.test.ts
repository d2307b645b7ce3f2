import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual([
    'GaussianNB',
    'ModelArgumentError',
    'MultinomialNB',
    'NotFittedError',
    'gaussianNB',
    'gaussianNBSpace',
    'multinomialNB',
    'multinomialNBSpace',
  ]);
});
