import {
  type FrozenTrial,
  isFinishedState,
  type JsonValue,
  lastIntermediateValue,
  type StudyView,
} from '@tunekit/core';
import { type Distribution, distributionsEqual } from '@tunekit/search-space';
import type { CmaStateJSON } from './cma-state.js';

/** What a trial that updated the distribution stores: enough to resume on any worker. */
export type StoredState = { restart: number; names: string[]; cma: CmaStateJSON };

export interface Solution {
  readonly trial: FrozenTrial;
  /** To minimise. */
  readonly value: number;
}

/** The system attributes of one run prefix (`cma:`, `cmawm:` or `sepcma:`). */
export interface RunKeys {
  readonly state: string;
  readonly restart: string;
  readonly generation: string;
}

/** What the sampler reads from the trials, in trial order; see `StudyScan`. */
class Fold {
  /** Intersection of the complete trials' distributions (null before the first one). */
  common: Map<string, Distribution> | null = null;
  /** Complete trials (and pruned ones, if considered) as values to minimise. */
  readonly finished: Solution[] = [];
  /** Per state key: the most advanced stored state (see `better`). */
  readonly states = new Map<string, StoredState>();
  /** Finished solutions by run prefix, restart and generation (see `groupKey`). */
  readonly groups = new Map<string, Solution[]>();
}

interface Entry {
  readonly studyName: string;
  readonly direction: string;
  /** The finished trials at the head of the study, folded into `fold`, in order. */
  readonly folded: FrozenTrial[];
  readonly fold: Fold;
}

/**
 * Folds kept at once: a sampler may serve several studies, and under a Hyperband pruner sees
 * one view per bracket of each.
 */
const MAX_FOLDS = 16;

/**
 * The sampler's reading of a study's trials (relative space, stored states, finished trials,
 * generation members), folded incrementally: the leading run of finished trials is folded
 * once and kept per study name, since a finished trial never changes; the trials from the
 * first unfinished one on are folded again on each read. A kept fold is used only while the
 * view still starts with the very trial objects folded (the runtime hands out the same object
 * for a finished trial), so a study re-run under the same name or a hand-built view that
 * differs starts a new fold; another view of the study (a pruner's bracket) has its own.
 * Every answer is the one a scan of all the trials in order would give.
 */
export class StudyScan {
  /** Least recently read first. */
  private readonly entries: Entry[] = [];

  constructor(
    private readonly runs: readonly RunKeys[],
    private readonly considerPruned: boolean,
  ) {}

  read(study: StudyView): ScanResult {
    const trials = study.trials;
    const { studyName, direction } = study;
    let at = this.entries.length - 1;
    for (; at >= 0; at--) {
      const e = this.entries[at];
      if (e.studyName === studyName && e.direction === direction && startsWith(trials, e.folded))
        break;
    }
    let entry: Entry;
    if (at >= 0) [entry] = this.entries.splice(at, 1);
    else {
      entry = { studyName, direction, folded: [], fold: new Fold() };
      if (this.entries.length >= MAX_FOLDS) this.entries.shift();
    }
    this.entries.push(entry);
    const sign = study.direction === 'maximize' ? -1 : 1;
    const { folded, fold } = entry;
    while (folded.length < trials.length && isFinishedState(trials[folded.length].state)) {
      const t = trials[folded.length];
      this.foldTrial(fold, t, sign, fold.common);
      folded.push(t);
    }
    return new ScanResult(this, fold, trials.slice(folded.length), sign);
  }

  /** Folds `t` into `into`; `common` is the intersection so far, which `into.common` becomes. */
  foldTrial(
    into: Fold,
    t: FrozenTrial,
    sign: number,
    common: Map<string, Distribution> | null,
  ): void {
    if (t.state === 'COMPLETE') into.common = intersect(common, t);
    for (const run of this.runs) {
      const v = t.systemAttrs[run.state];
      if (!isStoredState(v)) continue;
      const best = into.states.get(run.state);
      if (best === undefined || better(v, best)) into.states.set(run.state, v);
    }
    let value: number | undefined;
    if (t.state === 'COMPLETE' && t.value !== undefined) value = sign * t.value;
    else if (t.state === 'PRUNED' && this.considerPruned) {
      const v = lastIntermediateValue(t);
      if (v !== undefined && !Number.isNaN(v)) value = sign * v;
    }
    if (value === undefined) return;
    const s: Solution = { trial: t, value };
    into.finished.push(s);
    for (const run of this.runs) {
      const key = groupKey(run, t.systemAttrs[run.restart], t.systemAttrs[run.generation]);
      if (key === null) continue;
      const group = into.groups.get(key);
      if (group === undefined) into.groups.set(key, [s]);
      else group.push(s);
    }
  }
}

/** One read of a study: the kept fold of its finished head and the trials after it. */
export class ScanResult {
  private readonly tail: Fold;

  constructor(
    scan: StudyScan,
    private readonly head: Fold,
    tailTrials: readonly FrozenTrial[],
    sign: number,
  ) {
    // The tail continues the head's fold: its states start from the head's, its intersection
    // from a copy of the head's.
    const tail = new Fold();
    for (const [k, v] of head.states) tail.states.set(k, v);
    tail.common = head.common === null ? null : new Map(head.common);
    for (const t of tailTrials) scan.foldTrial(tail, t, sign, tail.common);
    this.tail = tail;
  }

  /** The intersection of the complete trials' distributions, or null without complete trials. */
  get common(): ReadonlyMap<string, Distribution> | null {
    return this.tail.common;
  }

  get finishedCount(): number {
    return this.head.finished.length + this.tail.finished.length;
  }

  /** Complete trials (and pruned ones, if considered), in trial order. */
  finishedTrials(): FrozenTrial[] {
    return [...this.head.finished, ...this.tail.finished].map((s) => s.trial);
  }

  /**
   * The most advanced stored state under `key` (highest restart, then generation; lowest trial
   * number on ties), or null.
   */
  state(key: string): StoredState | null {
    return this.tail.states.get(key) ?? null;
  }

  /** The finished solutions of one generation of a run, in trial order. */
  members(run: RunKeys, restart: number, generation: number): Solution[] {
    const key = groupKey(run, restart, generation);
    if (key === null) return [];
    return [...(this.head.groups.get(key) ?? []), ...(this.tail.groups.get(key) ?? [])];
  }
}

/** As a scan of all trials in order keeps the first of the most advanced states. */
function better(v: StoredState, best: StoredState): boolean {
  return (
    v.restart > best.restart ||
    (v.restart === best.restart && v.cma.generation > best.cma.generation)
  );
}

/**
 * The group of a trial with these restart and generation attrs; null for attrs that equal no
 * number (NaN included), which no generation's filter would match.
 */
function groupKey(
  run: RunKeys,
  restart: JsonValue | number | undefined,
  generation: JsonValue | number | undefined,
): string | null {
  if (typeof restart !== 'number' || typeof generation !== 'number') return null;
  if (Number.isNaN(restart) || Number.isNaN(generation)) return null;
  // String() maps -0 and 0 alike, as === compares them.
  return `${run.restart}\u0000${String(restart)}\u0000${String(generation)}`;
}

function intersect(
  common: Map<string, Distribution> | null,
  t: FrozenTrial,
): Map<string, Distribution> {
  if (common === null) return new Map(Object.entries(t.distributions));
  for (const [name, d] of common) {
    const other = t.distributions[name];
    if (other === undefined || !distributionsEqual(other, d)) common.delete(name);
  }
  return common;
}

function startsWith(trials: readonly FrozenTrial[], head: readonly FrozenTrial[]): boolean {
  if (head.length > trials.length) return false;
  // The last one first: another view or study mostly differs there already.
  if (head.length > 0 && trials[head.length - 1] !== head[head.length - 1]) return false;
  for (let i = 0; i < head.length; i++) if (trials[i] !== head[i]) return false;
  return true;
}

export function isStoredState(v: JsonValue | undefined): v is StoredState {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const cma = v.cma;
  return (
    typeof v.restart === 'number' &&
    Array.isArray(v.names) &&
    typeof cma === 'object' &&
    cma !== null &&
    !Array.isArray(cma) &&
    typeof cma.generation === 'number' &&
    cma.n === v.names.length
  );
}
