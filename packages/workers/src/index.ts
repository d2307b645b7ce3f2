export {
  type OptimizeInWorkersOptions,
  type OptimizeInWorkersResult,
  optimizeInWorkers,
} from './optimize-in-workers.js';
export {
  FAILED_TRIAL_ATTR,
  RETRY_HISTORY_ATTR,
  type RetryFailedTrialOptions,
  retriedTrialNumber,
  retryFailedTrialCallback,
  retryHistory,
  type StudyWithAddTrial,
} from './retry.js';
