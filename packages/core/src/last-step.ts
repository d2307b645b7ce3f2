import type { FrozenTrial } from './types.js';

/**
 * The largest step a trial has reported, as Optuna's `FrozenTrial.last_step`; undefined
 * when it reported none. Steps are reported in any order, so the last one reported need not
 * be the largest: pruners, samplers that learn from pruned trials and the value a pruned
 * trial keeps all read this one.
 */
export function lastStep(trial: FrozenTrial): number | undefined {
  let last: number | undefined;
  for (const step of trial.intermediateValues.keys()) {
    if (last === undefined || step > last) last = step;
  }
  return last;
}

/** The value reported at `lastStep(trial)`; undefined when the trial reported none. */
export function lastIntermediateValue(trial: FrozenTrial): number | undefined {
  const step = lastStep(trial);
  return step === undefined ? undefined : trial.intermediateValues.get(step);
}
