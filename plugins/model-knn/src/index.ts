export type { Label } from '@tunekit/evaluators';
// The shared error classes of @tunekit/evaluators; ModelArgumentError is its EvaluatorError.
export { EvaluatorError as ModelArgumentError, NotFittedError } from '@tunekit/evaluators';
export { KnnClassifier, KnnRegressor, knnClassifier, knnRegressor } from './knn.js';
export type { KnnOptions, ResolvedKnnOptions } from './options.js';
export { knnClassifierSpace, knnRegressorSpace } from './spaces.js';
