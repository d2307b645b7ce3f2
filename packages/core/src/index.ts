export * from '@tunekit/search-space';
export {
  type CreateStudyOptions,
  createStudy,
  type DeleteStudyOptions,
  deleteStudy,
  type LoadStudyOptions,
  loadStudy,
} from './create-study.js';
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
export { countFinishedBefore } from './finished-before.js';
export { IndependentDelegate } from './independent-delegate.js';
export { lastIntermediateValue, lastStep } from './last-step.js';
export type {
  Objective,
  ObjectiveResult,
  OptimizeCallback,
  OptimizeOptions,
} from './optimize.js';
export { checkOptionNames } from './option-names.js';
export { paretoFront } from './pareto.js';
export { isParamValue } from './records.js';
export {
  type RetryFailedTrialOptions,
  retriedTrialNumber,
  retryFailedTrialCallback,
  retryHistory,
} from './retry.js';
export { createRng, hashString, type Rng } from './rng.js';
export { sampleUniform } from './sample-uniform.js';
export { InMemoryStorage, type InMemoryStorageOptions } from './storage/memory.js';
export {
  checkFinishedState,
  checkParamDistribution,
  isFinishedState,
  staleTrialFailReason,
  stateTransitionAllowed,
} from './storage/rules.js';
export { registerStorageScheme, type StorageFactory, storageFromUrl } from './storage/url.js';
export {
  type EnqueueOptions,
  type FailedTrialCallback,
  type HeartbeatOptions,
  Study,
  type TellOptions,
} from './study.js';
export { Trial } from './trial.js';
export type {
  FinishTrialResult,
  FrozenTrial,
  JsonValue,
  ParamEntry,
  ParamValue,
  PruneContext,
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
