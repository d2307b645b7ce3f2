/**
 * `@tunekit/core/lbfgs`: a limited-memory BFGS minimiser with optional box bounds, for
 * samplers and pruners that fit model hyperparameters or maximise an acquisition function.
 */
export {
  type LbfgsHistory,
  type LbfgsOptions,
  type LbfgsResult,
  minimizeLbfgs,
  type ObjectiveWithGradient,
} from './minimize-lbfgs.js';
