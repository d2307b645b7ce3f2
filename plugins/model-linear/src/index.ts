export type { Label } from './data.js';
export { ModelArgumentError, NotFittedError } from './errors.js';
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
