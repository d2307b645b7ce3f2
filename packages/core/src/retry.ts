import { InvalidArgumentError } from './errors.js';
import { checkOptionNames } from './option-names.js';
import type { FrozenTrial, JsonValue, TrialTemplate } from './types.js';

export interface RetryFailedTrialOptions {
  /** Retries per original trial; undefined: retry without limit (Optuna's default). */
  readonly maxRetry?: number | undefined;
  /** Copy the failed trial's intermediate values to the retry (default false). */
  readonly inheritIntermediateValues?: boolean | undefined;
}

/** System attr: number of the first trial of a retry chain. */
const FAILED_TRIAL_ATTR = 'failed_trial';
/** System attr: numbers of the trials of a retry chain that failed so far, oldest first. */
const RETRY_HISTORY_ATTR = 'retry_history';

/**
 * A `failedTrialCallback` for `createStudy` / `loadStudy` (Optuna's
 * `optuna.storages.RetryFailedTrialCallback`): re-enqueues a trial failed by a missing
 * heartbeat (its worker died) as a WAITING trial with the same params, distributions and user
 * attrs. The new trial's system attrs hold `failed_trial` (the first trial of the chain) and
 * `retry_history` (every failed trial of the chain, oldest first). After `maxRetry` retries
 * of one chain it stops re-enqueueing.
 */
export function retryFailedTrialCallback(
  options: RetryFailedTrialOptions = {},
): (
  study: { addTrial(template: TrialTemplate): Promise<unknown> },
  trial: FrozenTrial,
) => Promise<void> {
  checkOptionNames(options, ['maxRetry', 'inheritIntermediateValues'], 'retryFailedTrialCallback');
  const { maxRetry, inheritIntermediateValues = false } = options;
  if (maxRetry !== undefined && (!Number.isInteger(maxRetry) || maxRetry < 0)) {
    throw new InvalidArgumentError(
      'maxRetry',
      maxRetry,
      'must be a non-negative integer or undefined',
    );
  }
  return async (study, trial) => {
    const history = [...retryHistory(trial), trial.number];
    if (maxRetry !== undefined && history.length > maxRetry) return;
    const systemAttrs: Record<string, JsonValue> = {
      ...trial.systemAttrs,
      [FAILED_TRIAL_ATTR]: retriedTrialNumber(trial) ?? trial.number,
      [RETRY_HISTORY_ATTR]: history,
    };
    // Bookkeeping of the failed run, not of the retry.
    delete systemAttrs.fail_reason;
    await study.addTrial({
      state: 'WAITING',
      params: trial.params,
      distributions: trial.distributions,
      userAttrs: trial.userAttrs,
      systemAttrs,
      intermediateValues: inheritIntermediateValues ? trial.intermediateValues : undefined,
    });
  };
}

/** The number of the first trial this one retries, or undefined if it is no retry. */
export function retriedTrialNumber(trial: FrozenTrial): number | undefined {
  const n = trial.systemAttrs[FAILED_TRIAL_ATTR];
  return typeof n === 'number' ? n : undefined;
}

/** The numbers of the failed trials this one retries, oldest first ([] if it is no retry). */
export function retryHistory(trial: FrozenTrial): number[] {
  const h = trial.systemAttrs[RETRY_HISTORY_ATTR];
  return Array.isArray(h) ? h.filter((x): x is number => typeof x === 'number') : [];
}
