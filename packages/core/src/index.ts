export * from '@tunekit/search-space';
export {
  DuplicatedStudyError,
  InvalidArgumentError,
  isTrialPruned,
  NotFoundError,
  StorageError,
  StudyNotFoundError,
  TRIAL_PRUNED_BRAND,
  TrialNotFoundError,
  TrialPruned,
  TrialStateError,
  TunekitError,
} from './errors.js';
export { createRng, hashString, type Rng } from './rng.js';
export type {
  FrozenTrial,
  JsonValue,
  ParamValue,
  Pruner,
  Sampler,
  Storage,
  StudyDirection,
  StudySummary,
  StudyView,
  TrialState,
  TrialTemplate,
} from './types.js';
export { makeFrozenTrial, makeStudyView, type StudyViewInit } from './view.js';
