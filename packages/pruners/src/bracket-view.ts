import type { FrozenTrial, StudyView, TrialState } from '@tunekit/core';

/**
 * A view of the same study restricted to the trials whose number `keep` accepts; `stop`
 * stops the real study. It follows the study as it changes (a sampler suggesting after an
 * await sees trials finished meanwhile), as Optuna's bracket study re-reads the storage on
 * each call.
 */
export function filteredView(study: StudyView, keep: (trialNumber: number) => boolean): StudyView {
  // `keep` looks at the number only, so a position kept once stays kept while the study's
  // list is the same array (the runtime's grows in place): a read checks only the trials
  // added since the last one and picks up the current objects at the kept positions.
  // Samplers read `trials` once per parameter, so filtering it all each time would cost.
  let source: readonly FrozenTrial[] | undefined;
  const positions: number[] = [];
  let checked = 0;
  const current = (): FrozenTrial[] => {
    const all = study.trials;
    if (all !== source || checked > all.length) {
      source = all;
      positions.length = 0;
      checked = 0;
    }
    for (; checked < all.length; checked++) if (keep(all[checked].number)) positions.push(checked);
    return positions.map((i) => all[i]);
  };
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
      return current();
    },
    getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
      const states = options?.states;
      const trials = current();
      return states === undefined ? trials : trials.filter((t) => states.includes(t.state));
    },
    stop(): void {
      study.stop();
    },
  };
}
