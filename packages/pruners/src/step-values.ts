import type { FrozenTrial } from '@tunekit/core';

/** What the COMPLETE trials of a study hold at one step. */
export interface CompletedAtStep {
  /** How many trials are COMPLETE. */
  readonly completed: number;
  /** The values COMPLETE trials reported at the step, in the order of the trials array. */
  readonly values: number[];
}

interface StepEntry {
  /** The epoch `values` was brought up to date at. */
  epoch: number;
  /** Per position: the value the trial there had at the step, when `has` is 1 there. */
  readonly values: number[];
  /** Per position: 1 when the trial there is COMPLETE and reported the step, else 0. */
  readonly has: number[];
}

interface ArrayEntry {
  /** The trial object read at each position so far. */
  readonly seen: (FrozenTrial | undefined)[];
  /** Per position: the epoch at which its object was last replaced. */
  readonly changedAt: number[];
  /** Incremented by every read that finds a replaced or added position. */
  epoch: number;
  completed: number;
  readonly steps: Map<number, StepEntry>;
  /** Values held by all the step entries together (bounded by maxSlots). */
  slots: number;
}

/**
 * Cached values per trials array by default (about 12 bytes each): past it, further steps are
 * read afresh. A study's own intermediate values take more room than this cache of them.
 */
const MAX_SLOTS = 1 << 21;

/**
 * What percentile pruning reads of the other trials at a step: how many are COMPLETE and the
 * values they reported at the step, in order. Read afresh that is a lookup in every COMPLETE
 * trial's intermediate values per call; here each trials array read twice or more gets a
 * cache, keyed by the array itself (the runtime's views of a study share one array, updated
 * in place; a view computing its array per read never reaches the cache). The trial object
 * at each position is remembered: a call compares them by reference and re-reads only the
 * positions whose object was replaced or added (a finished trial object is never modified,
 * only replaced: a report, a finished trial, a newer copy are new objects; only a running
 * trial's Map of values grows in place, and running trials are not read here), so a trial that
 * completes, a new trial or a replaced copy is seen at once; a shorter array starts afresh.
 * Per step, the values are re-read only at positions replaced since that step was last read.
 */
export class CompletedValuesCache {
  readonly #byArray = new WeakMap<readonly FrozenTrial[], ArrayEntry | null>();
  readonly #maxSlots: number;

  /** `maxSlots`: values cached per trials array at most (a test makes it small). */
  constructor(maxSlots = MAX_SLOTS) {
    this.#maxSlots = maxSlots;
  }

  read(trials: readonly FrozenTrial[], step: number): CompletedAtStep {
    let e = this.#byArray.get(trials);
    if (e === undefined) {
      // First sight of this array: it may be one made for this read only.
      this.#byArray.set(trials, null);
      return scan(trials, step);
    }
    if (e === null || trials.length < e.seen.length) {
      e = { seen: [], changedAt: [], epoch: 0, completed: 0, steps: new Map(), slots: 0 };
      this.#byArray.set(trials, e);
    }
    sync(e, trials);
    let s = e.steps.get(step);
    const known = s?.values.length ?? 0;
    // The bound holds as entries grow too: a step read while the study was small grows with
    // it, and past the bound it is dropped and read afresh.
    if (e.slots + trials.length - known > this.#maxSlots) {
      if (s !== undefined) {
        e.steps.delete(step);
        e.slots -= known;
      }
      return scan(trials, step);
    }
    if (s === undefined) {
      s = { epoch: -1, values: [], has: [] };
      e.steps.set(step, s);
    }
    // Plain doubles and 0/1 flags (no undefined among the values) keep both arrays unboxed.
    const { values, has } = s;
    const { changedAt } = e;
    for (let i = 0; i < known; i++) {
      if (changedAt[i] <= s.epoch) continue;
      const v = valueAt(trials[i], step);
      has[i] = v === undefined ? 0 : 1;
      values[i] = v ?? 0;
    }
    for (let i = known; i < trials.length; i++) {
      const v = valueAt(trials[i], step);
      has.push(v === undefined ? 0 : 1);
      values.push(v ?? 0);
    }
    e.slots += trials.length - known;
    s.epoch = e.epoch;
    const out: number[] = [];
    for (let i = 0; i < values.length; i++) if (has[i] === 1) out.push(values[i]);
    return { completed: e.completed, values: out };
  }

  /** How many values are cached for `trials` (for tests of the bound). */
  cachedValues(trials: readonly FrozenTrial[]): number {
    return this.#byArray.get(trials)?.slots ?? 0;
  }
}

/** Brings `seen` up to date with `trials`, recording the epoch at which positions changed. */
function sync(e: ArrayEntry, trials: readonly FrozenTrial[]): void {
  const { seen, changedAt } = e;
  let epoch = e.epoch;
  let bumped = false;
  for (let i = 0; i < seen.length; i++) {
    const t = trials[i];
    const old = seen[i];
    if (t === old) continue;
    if (!bumped) {
      epoch += 1;
      bumped = true;
    }
    if (old?.state === 'COMPLETE') e.completed -= 1;
    if (t?.state === 'COMPLETE') e.completed += 1;
    seen[i] = t;
    changedAt[i] = epoch;
  }
  for (let i = seen.length; i < trials.length; i++) {
    if (!bumped) {
      epoch += 1;
      bumped = true;
    }
    const t = trials[i];
    if (t?.state === 'COMPLETE') e.completed += 1;
    seen.push(t);
    changedAt.push(epoch);
  }
  e.epoch = epoch;
}

function valueAt(t: FrozenTrial | undefined, step: number): number | undefined {
  return t?.state === 'COMPLETE' ? t.intermediateValues.get(step) : undefined;
}

/** The same answer, read from every trial. */
function scan(trials: readonly FrozenTrial[], step: number): CompletedAtStep {
  let completed = 0;
  const values: number[] = [];
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i];
    if (t === undefined || t.state !== 'COMPLETE') continue;
    completed++;
    const v = t.intermediateValues.get(step);
    if (v !== undefined) values.push(v);
  }
  return { completed, values };
}
