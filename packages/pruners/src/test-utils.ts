import {
  type FrozenTrial,
  makeFrozenTrial,
  makeStudyView,
  type Pruner,
  type StudyDirection,
  type StudyView,
} from '@tunekit/core';

/** A finished or running trial with the given intermediate values (step -> value). */
export function trialWith(
  number: number,
  values: Record<number, number> | readonly number[],
  extra: Partial<FrozenTrial> = {},
): FrozenTrial {
  const entries = Array.isArray(values)
    ? values.map((v, i) => [i, v] as [number, number])
    : Object.entries(values).map(([k, v]) => [Number(k), v as number] as [number, number]);
  return makeFrozenTrial({ number, intermediateValues: new Map(entries), ...extra });
}

/** A COMPLETE trial whose final value is its last intermediate value (or `value`). */
export function completeWith(
  number: number,
  values: Record<number, number> | readonly number[],
  extra: Partial<FrozenTrial> = {},
): FrozenTrial {
  const t = trialWith(number, values);
  const last = [...t.intermediateValues.values()].at(-1);
  return trialWith(number, values, {
    state: 'COMPLETE',
    values: [extra.value ?? (last as number)],
    ...extra,
  });
}

export function viewOf(
  trials: readonly FrozenTrial[],
  direction: StudyDirection = 'minimize',
  studyName = 'study',
): StudyView {
  return makeStudyView({ trials, directions: [direction], studyName });
}

/**
 * Replays a sequential study the way the runtime drives a pruner: trial i reports curves[i]
 * step by step (null = no report) and is asked after each report whether to stop; a pruned
 * trial ends PRUNED, the others COMPLETE with their last value. Returns the step each trial
 * was pruned at (null if never) and the finished trials.
 */
export function replay(
  pruner: Pruner,
  curves: readonly (readonly (number | null)[])[],
  direction: StudyDirection,
  studyName = 'study',
): { prunedAt: (number | null)[]; trials: FrozenTrial[] } {
  const finished: FrozenTrial[] = [];
  const prunedAt: (number | null)[] = [];
  for (let number = 0; number < curves.length; number++) {
    const iv = new Map<number, number>();
    let pruned: number | null = null;
    let last = Number.NaN;
    for (let step = 0; step < curves[number].length; step++) {
      const v = curves[number][step];
      if (v === null) continue;
      iv.set(step, v);
      last = v;
      const live = makeFrozenTrial({ number, intermediateValues: new Map(iv) });
      if (
        pruner.prune(
          makeStudyView({ trials: [...finished, live], directions: [direction], studyName }),
          live,
        )
      ) {
        pruned = step;
        break;
      }
    }
    prunedAt.push(pruned);
    finished.push(
      makeFrozenTrial({
        number,
        intermediateValues: iv,
        state: pruned === null ? 'COMPLETE' : 'PRUNED',
        values: pruned === null ? [last] : undefined,
      }),
    );
  }
  return { prunedAt, trials: finished };
}
