export type { Label } from '@tunekit/evaluators';
// The shared error classes of @tunekit/evaluators; ModelArgumentError is its EvaluatorError.
export { EvaluatorError as ModelArgumentError, NotFittedError } from '@tunekit/evaluators';
export {
  type LogisticPenalty,
  LogisticRegression,
  type LogisticRegressionOptions,
  logisticRegression,
} from './logistic.js';
export {
  type ElasticNetOptions,
  elasticNet,
  type LassoOptions,
  type LinearBaseOptions,
  type LinearRegressionOptions,
  LinearRegressor,
  lasso,
  linearRegression,
  type RidgeOptions,
  ridge,
} from './regressors.js';
export {
  elasticNetSpace,
  lassoSpace,
  linearRegressionSpace,
  logisticRegressionSpace,
  ridgeSpace,
} from './spaces.js';
