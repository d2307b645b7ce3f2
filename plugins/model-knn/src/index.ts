export type { Label } from './data.js';
export { ModelArgumentError, NotFittedError } from './errors.js';
export { KnnClassifier, KnnRegressor, knnClassifier, knnRegressor } from './knn.js';
export type { KnnOptions, ResolvedKnnOptions } from './options.js';
export { knnClassifierSpace, knnRegressorSpace } from './spaces.js';
