import {
  checkOptionNames,
  type FrozenTrial,
  InvalidArgumentError,
  type JsonValue,
  lastStep,
  type PruneContext,
  type Pruner,
  type StudyDirection,
  type StudyView,
} from '@tunekit/core';
import { selectInPlace } from './percentile-math.js';
import { sortedSteps } from './steps.js';
import { checkInt } from './validate.js';

export interface SuccessiveHalvingPrunerOptions {
  /**
   * Steps a trial runs before its first judgement (r in the ASHA paper). 'auto' (the
   * default) waits for the first COMPLETE trial and uses max(floor(lastStep / 100), 1).
   */
  readonly minResource?: number | 'auto' | undefined;
  /** Promotes the top 1/reductionFactor of each rung (eta). Default 4. */
  readonly reductionFactor?: number | undefined;
  /** Shifts every rung up: the first judgement is at minResource * reductionFactor^rate (s). Default 0. */
  readonly minEarlyStoppingRate?: number | undefined;
  /** A trial is pruned until more than this many trials have reached its rung. Default 0. */
  readonly bootstrapCount?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'minResource',
  'reductionFactor',
  'minEarlyStoppingRate',
  'bootstrapCount',
] as const satisfies readonly (keyof SuccessiveHalvingPrunerOptions)[];

const rungKeys: string[] = [];

/** The system attribute Optuna stores the value a trial had when it reached a rung under. */
export function completedRungKey(rung: number): string {
  // Read for every trial at every rung check: build each key once.
  if (Number.isInteger(rung) && rung >= 0 && rung < 64) {
    let key = rungKeys[rung];
    if (key === undefined) {
      key = `completed_rung_${rung}`;
      rungKeys[rung] = key;
    }
    return key;
  }
  return `completed_rung_${rung}`;
}

/**
 * A rung value as a system attr. Attrs are JSON, which has no infinities, and a diverging
 * loss reports one (Optuna stores it as is); NaN never gets here (it prunes first). -0 is
 * stored as 0: JSON storages read it back as 0 while the writing process keeps -0, and the
 * two must not differ (they compare equal, so no decision changes).
 */
export function encodeRungValue(value: number): JsonValue {
  if (value === 0) return 0;
  return Number.isFinite(value) ? value : String(value);
}

/** The rung value a stored attr holds, or undefined when it holds none. */
export function decodeRungValue(attr: JsonValue | undefined): number | undefined {
  if (typeof attr === 'number') return attr;
  if (attr === 'Infinity') return Number.POSITIVE_INFINITY;
  if (attr === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

interface DerivedRungs {
  readonly minResource: number;
  readonly values: readonly number[];
}

/**
 * Asynchronous successive halving (ASHA), as Optuna's SuccessiveHalvingPruner: rung r is
 * reached at step minResource * reductionFactor^(minEarlyStoppingRate + r); a trial reaching
 * it continues only if its value there is in the top 1/reductionFactor of the values every
 * trial had at that rung (with fewer than reductionFactor competitors: only if it is the best).
 *
 * Optuna writes each rung value into the trial's system attrs from inside `prune`. A tunekit
 * pruner cannot write storage, so the rung values are re-derived from the intermediate
 * values (the value at the first reported step at or after the rung's step), which gives the
 * same decisions when `shouldPrune` follows every report, survives restarts, and is shared
 * by all workers reading the same storage. Stored `completed_rung_<r>` attrs, when present,
 * take precedence; `takeSystemAttrs` hands them to a runtime able to store them. With a
 * runtime that says it stores them (`context.storesSystemAttrs`, as tunekit's does) or has
 * taken them once, they are the only source: Optuna's semantics, also when `shouldPrune` is
 * not called after every report.
 */
export class SuccessiveHalvingPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'SuccessiveHalvingPruner';
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;
  readonly bootstrapCount: number;
  #minResource: number | null;
  readonly #autoMinResource: boolean;
  readonly #pending = new Map<number, Record<string, JsonValue>>();
  readonly #cache = new WeakMap<FrozenTrial, DerivedRungs>();
  /**
   * Set once a runtime that passes no context takes the rung attrs (so it stores them): from
   * then on the stored attrs are the whole truth, as in Optuna, and a trial without them
   * holds no rung.
   */
  #runtimeStores = false;

  constructor(given: SuccessiveHalvingPrunerOptions = {}) {
    // null from JavaScript callers reads as no options, as for every pruner with optional ones.
    const options: SuccessiveHalvingPrunerOptions = given ?? {};
    checkOptionNames(options, OPTION_NAMES, 'SuccessiveHalvingPruner');
    const minResource = options.minResource ?? 'auto';
    if (minResource !== 'auto') checkInt('minResource', minResource, 1);
    this.reductionFactor = checkInt('reductionFactor', options.reductionFactor ?? 4, 2);
    this.minEarlyStoppingRate = checkInt(
      'minEarlyStoppingRate',
      options.minEarlyStoppingRate ?? 0,
      0,
    );
    this.bootstrapCount = checkInt('bootstrapCount', options.bootstrapCount ?? 0, 0);
    if (this.bootstrapCount > 0 && minResource === 'auto') {
      throw new InvalidArgumentError(
        'bootstrapCount',
        this.bootstrapCount,
        "must be 0 when minResource is 'auto' (the two are incompatible)",
      );
    }
    this.#minResource = minResource === 'auto' ? null : minResource;
    this.#autoMinResource = minResource === 'auto';
  }

  /** The minimum resource in use: the given one, the estimated one, or null while 'auto' has no estimate. */
  get minResource(): number | null {
    return this.#minResource;
  }

  /** The step at which a trial reaches `rung`. */
  rungStep(rung: number, minResource: number): number {
    return minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
  }

  prune(study: StudyView, trial: FrozenTrial, context?: PruneContext): boolean {
    const stored = context?.storesSystemAttrs ?? this.#runtimeStores;
    const step = lastStep(trial);
    if (step === undefined) return false;
    if (this.#minResource === null) {
      this.#minResource = estimateMinResource(study.getTrials({ states: ['COMPLETE'] }));
      if (this.#minResource === null) return false;
    }
    const minResource = this.#minResource;
    const value = trial.intermediateValues.get(step) as number;
    let rung = this.#currentRung(trial, step, minResource, stored);
    // Most steps reach no new rung: decide those before reading the other trials, which is
    // the only part of a call that grows with the study (Optuna reads them at rungs only).
    if (step < this.rungStep(rung, minResource)) return false;
    const others = this.#competitors(study, trial);
    for (;;) {
      if (step < this.rungStep(rung, minResource)) return false;
      if (Number.isNaN(value)) return true;
      this.#remember(study, trial, rung, value);
      const competing = [value];
      for (const t of others) {
        const v = this.#rungValue(t, rung, minResource, stored);
        if (v !== undefined) competing.push(v);
      }
      if (competing.length <= this.bootstrapCount) return true;
      if (!isPromotable(value, competing, this.reductionFactor, study.direction)) return true;
      rung += 1;
    }
  }

  /**
   * The `completed_rung_<r>` system attrs decided for this trial since the last call, for a
   * runtime that stores them (Optuna's layout); undefined when there are none.
   */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    this.#runtimeStores = true;
    const attrs = this.#pending.get(trial.trialId);
    this.#pending.delete(trial.trialId);
    return attrs;
  }

  /**
   * The other trials that may hold rung values. With minResource 'auto', Optuna records no
   * rung for a trial that finished before the first COMPLETE trial made the estimate
   * possible (the estimate happens at the next prune call), so such trials do not compete.
   */
  #competitors(study: StudyView, trial: FrozenTrial): FrozenTrial[] {
    const others = study.trials.filter((t) => t.number !== trial.number);
    return this.#autoMinResource ? withoutPreEstimateTrials(others) : others;
  }

  #remember(study: StudyView, trial: FrozenTrial, rung: number, value: number): void {
    // A runtime that never takes the attrs must not make this map grow with the study: keep
    // only the entries of trials still running.
    if (this.#pending.size >= 64) {
      const running = new Set(study.getTrials({ states: ['RUNNING'] }).map((t) => t.trialId));
      for (const id of this.#pending.keys()) if (!running.has(id)) this.#pending.delete(id);
    }
    let attrs = this.#pending.get(trial.trialId);
    if (attrs === undefined) {
      attrs = {};
      this.#pending.set(trial.trialId, attrs);
    }
    attrs[completedRungKey(rung)] = encodeRungValue(value);
  }

  /** Rungs the trial passed before the current step (a repeated check at one step is not a new rung). */
  #currentRung(trial: FrozenTrial, step: number, minResource: number, stored: boolean): number {
    // With a storing runtime a trial that checked no rung yet is at rung 0 even when it
    // reported past it (shouldPrune called every few reports records the rung at the check).
    if (stored || hasStoredRungs(trial)) {
      let rung = 0;
      while (completedRungKey(rung) in trial.systemAttrs) rung += 1;
      return rung;
    }
    let rung = 0;
    for (const s of sortedSteps(trial)) {
      if (s >= step) break;
      const v = trial.intermediateValues.get(s) as number;
      while (s >= this.rungStep(rung, minResource)) {
        if (Number.isNaN(v)) return rung;
        rung += 1;
      }
    }
    return rung;
  }

  #rungValue(
    trial: FrozenTrial,
    rung: number,
    minResource: number,
    stored: boolean,
  ): number | undefined {
    if (stored || hasStoredRungs(trial)) {
      return decodeRungValue(trial.systemAttrs[completedRungKey(rung)]);
    }
    let derived = this.#cache.get(trial);
    if (derived === undefined || derived.minResource !== minResource) {
      derived = { minResource, values: this.#deriveRungValues(trial, minResource) };
      this.#cache.set(trial, derived);
    }
    return derived.values[rung];
  }

  /**
   * The value the trial had at each rung it reached: the value at the first reported step at
   * or after the rung's step. A PRUNED trial was stopped at the first rung it reached at its
   * last step, so higher rungs reached at that same step do not count.
   */
  #deriveRungValues(trial: FrozenTrial, minResource: number): number[] {
    const values: number[] = [];
    const steps = sortedSteps(trial);
    const last = steps[steps.length - 1];
    for (const s of steps) {
      const v = trial.intermediateValues.get(s) as number;
      let newAtThisStep = 0;
      while (s >= this.rungStep(values.length, minResource)) {
        if (Number.isNaN(v)) return values;
        if (trial.state === 'PRUNED' && s === last && newAtThisStep === 1) return values;
        values.push(v);
        newAtThisStep += 1;
      }
    }
    return values;
  }
}

/**
 * Drops the trials Optuna would hold no rungs for because they finished before an 'auto'
 * resource could be estimated (which needs a COMPLETE trial): those finished no later than
 * the first COMPLETE trial, unless they did store rungs.
 */
export function withoutPreEstimateTrials(trials: readonly FrozenTrial[]): FrozenTrial[] {
  const first = firstCompleted(trials);
  if (first === undefined) return [...trials];
  return trials.filter(
    (t) => hasStoredRungs(t) || t.state === 'RUNNING' || !finishedNoLaterThan(t, first),
  );
}

/** The COMPLETE trial that finished first (by completion time when known, else by number). */
function firstCompleted(trials: readonly FrozenTrial[]): FrozenTrial | undefined {
  let first: FrozenTrial | undefined;
  for (const t of trials) {
    if (t.state !== 'COMPLETE') continue;
    if (first === undefined || finishedNoLaterThan(t, first)) first = t;
  }
  return first;
}

function finishedNoLaterThan(a: FrozenTrial, b: FrozenTrial): boolean {
  const ta = a.datetimeComplete?.getTime();
  const tb = b.datetimeComplete?.getTime();
  if (ta !== undefined && tb !== undefined && ta !== tb) return ta < tb;
  return a.number <= b.number;
}

function hasStoredRungs(trial: FrozenTrial): boolean {
  return completedRungKey(0) in trial.systemAttrs;
}

/** Optuna's 'auto' minimum resource: a hundredth of the longest COMPLETE trial, at least 1. */
export function estimateMinResource(completed: readonly FrozenTrial[]): number | null {
  let longest: number | undefined;
  for (const t of completed) {
    const s = lastStep(t);
    if (s !== undefined && (longest === undefined || s > longest)) longest = s;
  }
  return longest === undefined ? null : Math.max(Math.floor(longest / 100), 1);
}

/**
 * Whether `value` is in the top floor(n / reductionFactor) of the n competing values (its own
 * included); with fewer than reductionFactor competitors the top one, so a trial alone at a
 * rung is promoted and a second one only if it beats the first.
 */
export function isPromotable(
  value: number,
  competing: number[],
  reductionFactor: number,
  direction: StudyDirection,
): boolean {
  let idx = Math.floor(competing.length / reductionFactor) - 1;
  if (idx === -1) idx = 0;
  // Only one order statistic is compared with: select it (reordering `competing`) rather
  // than sort them all; -0 against 0 compares the same either way. A NaN (only a hand-made
  // stored rung attr can hold one) gets the sort as before, whose order it would upset.
  if (competing.some(Number.isNaN)) {
    competing.sort((a, b) => a - b);
    if (direction === 'maximize') return value >= competing[competing.length - 1 - idx];
    return value <= competing[idx];
  }
  if (direction === 'maximize')
    return value >= selectInPlace(competing, competing.length - 1 - idx);
  return value <= selectInPlace(competing, idx);
}
