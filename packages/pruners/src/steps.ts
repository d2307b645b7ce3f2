import type { FrozenTrial, StudyDirection } from '@tunekit/core';

/** The reported steps in increasing order. */
export function sortedSteps(trial: FrozenTrial): number[] {
  return [...trial.intermediateValues.keys()].sort((a, b) => a - b);
}

/**
 * Whether `step` is the first report at or after the latest pruning check point, the check
 * points being nWarmupSteps + k * intervalSteps. A check point with no report is postponed
 * to the next report, so a trial that reports sparsely is still judged once per interval.
 */
export function isFirstInIntervalStep(
  step: number,
  steps: Iterable<number>,
  nWarmupSteps: number,
  intervalSteps: number,
): boolean {
  const nearestCheckPoint =
    Math.floor((step - nWarmupSteps) / intervalSteps) * intervalSteps + nWarmupSteps;
  let secondLast = -1;
  for (const s of steps) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestCheckPoint;
}

/** The best intermediate value over all reported steps, NaN values ignored (NaN if all are). */
export function bestIntermediateValue(trial: FrozenTrial, direction: StudyDirection): number {
  let best = Number.NaN;
  for (const v of trial.intermediateValues.values()) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (direction === 'maximize' ? v > best : v < best)) best = v;
  }
  return best;
}

/** Whether `a` is strictly better than `b` in the direction. */
export function isBetter(a: number, b: number, direction: StudyDirection): boolean {
  return direction === 'maximize' ? a > b : a < b;
}

/** The best COMPLETE trial of a single-objective study (the first of equals), as Optuna's best_trial. */
export function bestCompleteTrial(
  trials: readonly FrozenTrial[],
  direction: StudyDirection,
): FrozenTrial | undefined {
  let best: FrozenTrial | undefined;
  for (const t of trials) {
    if (t.state !== 'COMPLETE' || t.value === undefined || Number.isNaN(t.value)) continue;
    if (best === undefined || isBetter(t.value, best.value as number, direction)) best = t;
  }
  return best;
}
