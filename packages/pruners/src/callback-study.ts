import type { FrozenTrial, StudyDirection, TrialState } from '@tunekit/core';

/**
 * What the stopping callbacks need of a study: core's `Study` and a `StudyView` both fit.
 * `getTrials` may be async (a Study reading its storage) or sync (a view).
 */
export interface StoppableStudy {
  readonly direction: StudyDirection;
  readonly trials: readonly FrozenTrial[];
  getTrials?(options?: {
    states?: TrialState[];
  }): readonly FrozenTrial[] | Promise<readonly FrozenTrial[]>;
  stop(): void;
}

/** A callback for `study.optimize({ callbacks })`. */
export type StudyCallback = (study: StoppableStudy, trial: FrozenTrial) => void | Promise<void>;

/** The study's trials in the given states, from storage when the study can read it. */
export async function trialsIn(
  study: StoppableStudy,
  states: readonly TrialState[],
): Promise<readonly FrozenTrial[]> {
  if (study.getTrials !== undefined) return study.getTrials({ states: [...states] });
  return study.trials.filter((t) => states.includes(t.state));
}
