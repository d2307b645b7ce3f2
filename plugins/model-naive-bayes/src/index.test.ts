import { EvaluatorError, NotFittedError } from '@tunekit/evaluators';
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

it('shares its error classes with @tunekit/evaluators', () => {
  // One class for bad input across all adapters and evaluators: ModelArgumentError is EvaluatorError.
  expect(api.ModelArgumentError).toBe(EvaluatorError);
  expect(api.NotFittedError).toBe(NotFittedError);
});
