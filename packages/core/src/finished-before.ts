import type { FrozenTrial } from './types.js';

/**
 * How many of `finished` had finished when `trial` started, by their datetimes. A sampler
 * that warns about parameters it leaves to its independent sampler uses it to tell a trial
 * that started once its model ran from a startup trial that suggests late (sampled
 * independently as planned). A trial that ended in the millisecond `trial` started is not
 * counted. Without a start time (a hand-built view), all of them, as Optuna counts at
 * suggest time.
 */
export function countFinishedBefore(finished: readonly FrozenTrial[], trial: FrozenTrial): number {
  const start = trial.datetimeStart?.getTime();
  if (start === undefined) return finished.length;
  let n = 0;
  for (const t of finished) {
    const end = t.datetimeComplete?.getTime();
    if (end === undefined || end < start) n += 1;
  }
  return n;
}
