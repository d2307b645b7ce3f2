export type { Label } from '@tunekit/evaluators';
// The shared error classes of @tunekit/evaluators; ModelArgumentError is its EvaluatorError.
export { EvaluatorError as ModelArgumentError, NotFittedError } from '@tunekit/evaluators';
export { GaussianNB, type GaussianNBOptions, gaussianNB } from './gaussian-nb.js';
export { MultinomialNB, type MultinomialNBOptions, multinomialNB } from './multinomial-nb.js';
export { gaussianNBSpace, multinomialNBSpace } from './spaces.js';
