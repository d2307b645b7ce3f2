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
  // a position kept once stays kept: a read compares the numbers, asks `keep` only about the
  // trials added since the last one, and picks up the current objects at the kept positions.
  // Samplers read `trials` once per parameter, so asking `keep` about every trial each time
  // would cost. Any other change: filter afresh.
  let source: readonly FrozenTrial[] | undefined;
  /** The trial number read at each position checked so far. */
  const numbers: number[] = [];
  /** The positions whose number `keep` accepted. */
  const positions: number[] = [];
  const current = (): FrozenTrial[] => {
    const all = study.trials;
    let kept = all === source && samePrefix(all) ? pick(all) : undefined;
    if (kept === undefined) {
      source = all;
      positions.length = 0;
      numbers.length = 0;
      kept = [];
    }
    for (let i = numbers.length; i < all.length; i++) {
      const n = all[i].number;
      numbers.push(n);
      if (!keep(n)) continue;
      positions.push(i);
      kept.push(all[i]);
    }
    return kept;
  };
  /**
   * Whether every position checked so far still holds the number it had: comparing numbers
   * is far cheaper than asking `keep` again, and catches a trial put in front of the others.
   */
  const samePrefix = (all: readonly FrozenTrial[]): boolean => {
    if (all.length < numbers.length) return false;
    for (let i = 0; i < numbers.length; i++) if (all[i]?.number !== numbers[i]) return false;
    return true;
  };
  const pick = (all: readonly FrozenTrial[]): FrozenTrial[] => positions.map((i) => all[i]);
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
