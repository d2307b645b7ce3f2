import { InvalidArgumentError, type TrialState } from '@tunekit/core';
import { type StoppableStudy, type StudyCallback, trialsIn } from './callback-study.js';
import { checkInt } from './validate.js';

const STATES: readonly TrialState[] = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'];

export interface MaxTrialsCallbackOptions {
  /** States that count. Default ['COMPLETE'] (Optuna's MaxTrialsCallback default). */
  readonly states?: readonly TrialState[];
}

/**
 * Stops the study once it holds n trials in the given states, counting the trials of every
 * worker sharing the storage (unlike optimize's nTrials, which counts this call's trials).
 */
export function maxTrialsCallback(
  n: number,
  options: MaxTrialsCallbackOptions = {},
): StudyCallback {
  checkInt('n', n, 0);
  const states = options?.states ?? ['COMPLETE'];
  if (!Array.isArray(states)) {
    // A string is iterable too: its characters would be named as the unknown states.
    throw new InvalidArgumentError('states', states, 'must be an array of trial states');
  }
  for (const state of states) {
    if (!STATES.includes(state)) {
      throw new InvalidArgumentError(
        'states',
        states,
        `every state must be one of ${STATES.join(', ')}; got ${String(state)}`,
      );
    }
  }
  return async (study: StoppableStudy) => {
    const trials = await trialsIn(study, states);
    if (trials.length >= n) study.stop();
  };
}
