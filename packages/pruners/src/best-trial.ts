import type { FrozenTrial, StudyDirection, StudyView } from '@tunekit/core';
import { isBetter } from './steps.js';

interface Tracked {
  /** The view's trials array the entry was built from. */
  readonly source: readonly FrozenTrial[];
  readonly direction: StudyDirection;
  /** The trial object read at each position so far. */
  readonly seen: (FrozenTrial | undefined)[];
  /** Position of the best COMPLETE trial among `seen`, -1 when there is none. */
  best: number;
}

/**
 * `bestCompleteTrial(study.trials, study.direction)` for repeated calls on the same views,
 * without reading every trial again: per view object (a different view, another snapshot or
 * study, has its own entry), the trial object at each position is remembered, and a call
 * looks at the positions added since the last one and at those whose object was replaced (a
 * trial that finished or changed: a finished trial object is never modified, only replaced). Only
 * when the best trial itself was replaced is everything read again. A view whose `trials`
 * is another array than last time (a view computing it per read), a shorter one, or another
 * direction, starts afresh. The replaced positions are found by comparing references, a
 * pass far cheaper than filtering the trials by state and comparing their values.
 */
export class BestTrialTracker {
  readonly #byView = new WeakMap<StudyView, Tracked>();

  best(study: StudyView): FrozenTrial | undefined {
    const all = study.trials;
    const direction = study.direction;
    let e = this.#byView.get(study);
    if (
      e === undefined ||
      e.source !== all ||
      e.direction !== direction ||
      all.length < e.seen.length
    ) {
      e = { source: all, direction, seen: [], best: -1 };
      this.#byView.set(study, e);
    }
    const seen = e.seen;
    let best = e.best;
    if (best >= 0 && all[best] !== seen[best]) {
      // The best trial changed: its replacement may be worse than others, read them all.
      // Checked before the loop, so that replaced positions are compared with a best that
      // still holds.
      seen.length = 0;
      best = -1;
    }
    for (let i = 0; i < seen.length; i++) {
      const t = all[i];
      if (t === seen[i]) continue;
      seen[i] = t;
      if (!isCandidate(t)) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const v = t.value as number;
      const bv = all[best]?.value as number;
      // The first of equal trials is the best, as in bestCompleteTrial.
      if (isBetter(v, bv, direction) || (i < best && !isBetter(bv, v, direction))) best = i;
    }
    for (let i = seen.length; i < all.length; i++) {
      const t = all[i];
      seen.push(t);
      if (!isCandidate(t)) continue;
      if (best < 0 || isBetter(t.value as number, all[best]?.value as number, direction)) best = i;
    }
    e.best = best;
    return best < 0 ? undefined : all[best];
  }
}

function isCandidate(t: FrozenTrial | undefined): t is FrozenTrial {
  return (
    t !== undefined && t.state === 'COMPLETE' && t.value !== undefined && !Number.isNaN(t.value)
  );
}
