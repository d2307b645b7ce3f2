export type { Label } from '@tunekit/evaluators';
// The shared error classes of @tunekit/evaluators; ModelArgumentError is its EvaluatorError.
export { EvaluatorError as ModelArgumentError, NotFittedError } from '@tunekit/evaluators';
export type { RandomForestJSON } from './forest-json.js';
export type { Criterion } from './grow-tree.js';
export type {
  MaxFeatures,
  RandomForestClassifierOptions,
  RandomForestOptions,
  RandomForestRegressorOptions,
  ResolvedForestOptions,
} from './options.js';
export {
  RandomForestClassifier,
  RandomForestRegressor,
  randomForestClassifier,
  randomForestRegressor,
} from './random-forest.js';
export { randomForestClassifierSpace, randomForestRegressorSpace } from './spaces.js';
export type { TreeJSON } from './tree.js';
