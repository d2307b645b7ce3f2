import type { FrozenTrial, StudyView, TrialState } from '@tunekit/core';

/**
 * A view of the same study restricted to the trials `keep` accepts; `stop` stops the real
 * study. It filters on every read, not once: the study's own view follows the trials as they
 * change (a sampler suggesting after an await sees trials finished meanwhile), and so does
 * this one, as Optuna's bracket study re-reads the storage on each call.
 */
export function filteredView(study: StudyView, keep: (trial: FrozenTrial) => boolean): StudyView {
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
      return study.trials.filter(keep);
    },
    getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[] {
      const states = options?.states;
      return study.trials.filter(
        (t) => keep(t) && (states === undefined || states.includes(t.state)),
      );
    },
    stop(): void {
      study.stop();
    },
  };
}
