import { checkOptionNames, InvalidArgumentError, type TrialState } from '@tunekit/core';
import { type StoppableStudy, type StudyCallback, trialsIn } from './callback-study.js';
import { checkInt } from './validate.js';

const STATES: readonly TrialState[] = ['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'];

export interface MaxTrialsCallbackOptions {
  /** States that count. Default ['COMPLETE'] (Optuna's MaxTrialsCallback default). */
  readonly states?: readonly TrialState[] | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = ['states'] as const satisfies readonly (keyof MaxTrialsCallbackOptions)[];

/**
 * Stops the study once it holds n trials in the given states, counting the trials of every
 * worker sharing the storage (unlike optimize's nTrials, which counts this call's trials).
 */
export function maxTrialsCallback(
  n: number,
  options: MaxTrialsCallbackOptions = {},
): StudyCallback {
  checkInt('n', n, 0);
  checkOptionNames(options, OPTION_NAMES, 'maxTrialsCallback');
  const given = options?.states ?? ['COMPLETE'];
  // Any iterable of states (a Set works from JavaScript) but a string, whose characters would
  // be named as the unknown states.
  if (
    typeof given === 'string' ||
    given instanceof String ||
    typeof (given as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function'
  ) {
    throw new InvalidArgumentError('states', given, 'must be an array of trial states');
  }
  const states = [...given];
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
