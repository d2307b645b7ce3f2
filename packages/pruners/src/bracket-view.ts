import type { FrozenTrial, StudyView, TrialState } from '@tunekit/core';

/**
 * A view of the same study restricted to the trials whose number `keep` accepts; `stop`
 * stops the real study. It follows the study as it changes (a sampler suggesting after an
 * await sees trials finished meanwhile), as Optuna's bracket study re-reads the storage on
 * each call.
 */
export function filteredView(study: StudyView, keep: (trialNumber: number) => boolean): StudyView {
  // `keep` looks at the number only, so while the study's list is the same array and each
  // position holds the same trial number (the runtime's list grows in place, trial n at n),
  // a position kept once stays kept: a read checks only the trials added since the last one
  // and picks up the current objects at the kept positions. Samplers read `trials` once per
  // parameter, so filtering it all each time would cost. Any other change: filter afresh.
  let source: readonly FrozenTrial[] | undefined;
  const positions: number[] = [];
  const numbers: number[] = [];
  let checked = 0;
  const current = (): FrozenTrial[] => {
    const all = study.trials;
    let kept = all === source && checked <= all.length ? pick(all) : undefined;
    if (kept === undefined) {
      source = all;
      positions.length = 0;
      numbers.length = 0;
      checked = 0;
      kept = [];
    }
    for (; checked < all.length; checked++) {
      const t = all[checked];
      if (!keep(t.number)) continue;
      positions.push(checked);
      numbers.push(t.number);
      kept.push(t);
    }
    return kept;
  };
  /** The trials at the kept positions, or undefined when one of them holds another number. */
  const pick = (all: readonly FrozenTrial[]): FrozenTrial[] | undefined => {
    const out: FrozenTrial[] = [];
    for (let j = 0; j < positions.length; j++) {
      const t = all[positions[j]];
      if (t === undefined || t.number !== numbers[j]) return undefined;
      out.push(t);
    }
    return out;
  };
  return viewWithTrials(study, current);
}

/**
 * A view of `study` whose trials are what `read` returns at each read (in number order);
 * everything else is the study's own, and `stop` stops the real study.
 */
export function viewWithTrials(study: StudyView, read: () => readonly FrozenTrial[]): StudyView {
  return {
    studyName: study.studyName,
    directions: study.directions,
    direction: study.direction,
    get userAttrs() {
      return study.userAttrs;
    },
    get systemAttrs() {
      return study.systemAttrs;
    },
    get trials() {
      return read();
    },
    getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
      const states = options?.states;
      const trials = read();
      return states === undefined ? trials : trials.filter((t) => states.includes(t.state));
    },
    stop(): void {
      study.stop();
    },
  };
}
