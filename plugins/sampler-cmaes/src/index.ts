export {
  CmaEs,
  type CmaEsOptions,
  type CmaEsRestoreOptions,
  type CmaSample,
  type StopReason,
} from './cma.js';
export type { CmaStateJSON } from './cma-state.js';
export { CmaEsSampler, type CmaEsSamplerOptions } from './cmaes-sampler.js';
export { applyMargin, type DiscreteAxis, leaveProbability, thresholdAxis } from './margin.js';
export {
  defaultPopsize,
  type StrategyParameters,
  strategyParameters,
} from './strategy-parameters.js';
export { warmStartDistribution } from './warm-start.js';
