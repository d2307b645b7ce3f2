import { checkOptionNames, type FrozenTrial, type StudyDirection } from '@tunekit/core';
import { type StoppableStudy, type StudyCallback, trialsIn } from './callback-study.js';
import { checkAtLeast, checkInt } from './validate.js';

export interface StagnationCallbackOptions {
  /** COMPLETE trials in a row without improvement that stop the study. */
  readonly patience: number;
  /** An improvement of the best value must exceed this to count. Default 0. */
  readonly minDelta?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'patience',
  'minDelta',
] as const satisfies readonly (keyof StagnationCallbackOptions)[];

/**
 * Stops the study when `patience` COMPLETE trials in a row (in trial-number order) have not
 * improved the best value by more than minDelta.
 */
export function stagnationCallback(options: StagnationCallbackOptions): StudyCallback {
  checkOptionNames(options, OPTION_NAMES, 'stagnationCallback');
  const patience = checkInt('patience', options?.patience, 1);
  const minDelta = checkAtLeast('minDelta', options.minDelta ?? 0, 0);
  return async (study: StoppableStudy) => {
    const complete = await trialsIn(study, ['COMPLETE']);
    if (trialsSinceImprovement(complete, study.direction, minDelta) >= patience) study.stop();
  };
}

/** COMPLETE trials since the last one that improved the best value by more than minDelta. */
export function trialsSinceImprovement(
  complete: readonly FrozenTrial[],
  direction: StudyDirection,
  minDelta: number,
): number {
  const sign = direction === 'maximize' ? -1 : 1;
  // Undefined until the first value, which is the reference whatever it is: an infinite
  // first value (a diverged loss) must not count as a trial without improvement.
  let best: number | undefined;
  let since = 0;
  // Trials come in number order (a study's and a view's lists are): a linear check spares
  // sorting them on every call, and an unordered list is still sorted, stably, as it was.
  const sorted = inNumberOrder(complete)
    ? complete
    : [...complete].sort((a, b) => a.number - b.number);
  for (const t of sorted) {
    const v = t.value;
    if (v === undefined || Number.isNaN(v)) continue;
    const x = sign * v;
    if (best === undefined || x < best - minDelta) {
      best = x;
      since = 0;
    } else {
      // As Keras' EarlyStopping: a small gain does not move the reference, so that gains
      // adding up to more than minDelta count.
      since += 1;
    }
  }
  return since;
}

/** Whether the trials' numbers never decrease (a stable sort by number would keep them as they are). */
function inNumberOrder(trials: readonly FrozenTrial[]): boolean {
  for (let i = 1; i < trials.length; i++) if (trials[i].number < trials[i - 1].number) return false;
  return true;
}
