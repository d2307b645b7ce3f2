export type { Label } from './data.js';
export { ModelArgumentError, NotFittedError } from './errors.js';
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
  type RandomForestJSON,
  RandomForestRegressor,
  randomForestClassifier,
  randomForestRegressor,
} from './random-forest.js';
export { randomForestClassifierSpace, randomForestRegressorSpace } from './spaces.js';
export type { TreeJSON } from './tree.js';
