import type { FrozenTrial, JsonValue, StudyDirection, StudyView, TrialState } from './types.js';

/**
 * A FrozenTrial from a partial description: defaults are a RUNNING trial with no params.
 * The runtime uses it, and plugin tests use it to script studies by hand.
 */
export function makeFrozenTrial(partial: Partial<FrozenTrial> & { number: number }): FrozenTrial {
  const values = partial.values ?? (partial.value !== undefined ? [partial.value] : undefined);
  return Object.freeze({
    trialId: partial.trialId ?? partial.number,
    number: partial.number,
    state: partial.state ?? (values !== undefined ? 'COMPLETE' : 'RUNNING'),
    value: values?.[0],
    values,
    params: partial.params ?? {},
    distributions: partial.distributions ?? {},
    intermediateValues: partial.intermediateValues ?? new Map<number, number>(),
    userAttrs: partial.userAttrs ?? {},
    systemAttrs: partial.systemAttrs ?? {},
    datetimeStart: partial.datetimeStart,
    datetimeComplete: partial.datetimeComplete,
  });
}

export interface StudyViewInit {
  readonly studyName?: string;
  readonly directions?: readonly StudyDirection[];
  readonly trials: readonly FrozenTrial[];
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  readonly onStop?: () => void;
}

/** A StudyView over a fixed list of trials. States are filtered with one pass per call. */
export function makeStudyView(init: StudyViewInit): StudyView {
  const directions = init.directions ?? ['minimize'];
  const trials = init.trials;
  return {
    studyName: init.studyName ?? 'study',
    directions,
    direction: directions[0],
    userAttrs: init.userAttrs ?? {},
    systemAttrs: init.systemAttrs ?? {},
    trials,
    getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
      const states = options?.states;
      if (states === undefined) return trials;
      return trials.filter((t) => states.includes(t.state));
    },
    stop(): void {
      init.onStop?.();
    },
  };
}
