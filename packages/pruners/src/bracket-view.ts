import type { FrozenTrial, StudyView, TrialState } from '@tunekit/core';

/** A view of the same study restricted to the trials `keep` accepts; `stop` stops the real study. */
export function filteredView(study: StudyView, keep: (trial: FrozenTrial) => boolean): StudyView {
  const trials = study.trials.filter(keep);
  return {
    studyName: study.studyName,
    directions: study.directions,
    direction: study.direction,
    userAttrs: study.userAttrs,
    systemAttrs: study.systemAttrs,
    trials,
    getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
      const states = options?.states;
      return states === undefined ? trials : trials.filter((t) => states.includes(t.state));
    },
    stop(): void {
      study.stop();
    },
  };
}
