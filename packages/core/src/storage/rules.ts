import { type Distribution, distributionsEqual, toJSON } from '@tunekit/search-space';
import { InvalidArgumentError } from '../errors.js';
import type { TrialState } from '../types.js';

/** Whether a trial in `state` is done: COMPLETE, PRUNED or FAIL. */
export function isFinishedState(state: TrialState): boolean {
  return state === 'COMPLETE' || state === 'PRUNED' || state === 'FAIL';
}

/** Throws InvalidArgumentError unless `state` is a finished one (what `finishTrial` accepts). */
export function checkFinishedState(state: TrialState): void {
  if (!isFinishedState(state)) {
    throw new InvalidArgumentError('state', state, "must be 'COMPLETE', 'PRUNED' or 'FAIL'");
  }
}

/**
 * The compare-and-set rule of `Storage.setTrialState`, for storage implementers: a RUNNING
 * trial may finish, a WAITING trial may start; nothing else changes state.
 */
export function stateTransitionAllowed(from: TrialState, to: TrialState): boolean {
  return (from === 'RUNNING' && isFinishedState(to)) || (from === 'WAITING' && to === 'RUNNING');
}

/**
 * Throws InvalidArgumentError when a parameter already stored on a trial (`known`) has a
 * distribution other than `distribution`: a name keeps one distribution within a trial.
 * For storage implementers (`setTrialParam`, `setTrialParams`).
 */
export function checkParamDistribution(
  trialId: number,
  name: string,
  known: Distribution | undefined,
  distribution: Distribution,
): void {
  if (known !== undefined && !distributionsEqual(known, distribution)) {
    throw new InvalidArgumentError(
      `distribution of ${JSON.stringify(name)} in trial ${trialId}`,
      toJSON(distribution),
      `the parameter already has ${JSON.stringify(toJSON(known))}; one name keeps one distribution`,
    );
  }
}

/** The `fail_reason` system attr `failStaleTrials` writes on the trials it fails. */
export function staleTrialFailReason(graceMs: number): string {
  return `no heartbeat for more than ${graceMs} ms`;
}
