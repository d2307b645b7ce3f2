import {
  checkOptionNames,
  type FrozenTrial,
  InvalidArgumentError,
  type JsonValue,
  lastStep,
  type PruneContext,
  type Pruner,
  type StudyView,
} from '@tunekit/core';
import { filteredView, viewWithTrials } from './bracket-view.js';
import { crc32 } from './crc32.js';
import { SuccessiveHalvingPruner, withoutPreEstimateTrials } from './successive-halving.js';
import { checkInt } from './validate.js';

export interface HyperbandPrunerOptions {
  /** Steps before the first judgement in the most aggressive bracket. Default 1. */
  readonly minResource?: number | undefined;
  /**
   * Steps of a full trial. 'auto' (the default) waits for the first COMPLETE trial and uses
   * its last step + 1.
   */
  readonly maxResource?: number | 'auto' | undefined;
  /** Each bracket promotes the top 1/reductionFactor of a rung. Default 3. */
  readonly reductionFactor?: number | undefined;
  /** Passed to each bracket's successive halving. Default 0. */
  readonly bootstrapCount?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'minResource',
  'maxResource',
  'reductionFactor',
  'bootstrapCount',
] as const satisfies readonly (keyof HyperbandPrunerOptions)[];

interface Brackets {
  readonly pruners: readonly SuccessiveHalvingPruner[];
  /** Trials each bracket is allotted, in bracket order. */
  readonly budgets: readonly number[];
  readonly totalBudget: number;
}

/** Study names whose trial brackets a pruner keeps (a pruner may serve study after study). */
const BRACKET_CACHE_STUDIES = 16;

/**
 * Hyperband as Optuna implements it: floor(log_eta(maxResource / minResource)) + 1 brackets,
 * bracket b running successive halving with minEarlyStoppingRate b. A trial's bracket is
 * fixed by crc32(`${studyName}_${trialNumber}`) modulo the total budget, the budgets being
 * ceil(nBrackets * eta^s / (s + 1)) with s = nBrackets - 1 - b, so bracket 0 (the most
 * aggressive) receives the most trials. Each bracket judges its trials only against its own,
 * and `samplerView` shows the sampler only the trials of the trial's bracket.
 */
export class HyperbandPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'HyperbandPruner';
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly bootstrapCount: number;
  #maxResource: number | 'auto';
  readonly #autoMaxResource: boolean;
  #brackets: Brackets | null = null;
  /**
   * Bracket by study name, then by trial number (an array index): a pure function of the
   * two once the brackets exist, which never change after that. Hashing the string key of
   * every trial on every call was a third of a call's cost.
   */
  readonly #bracketCache = new Map<string, number[]>();
  /**
   * The bracket views of each study view, by bracket. A filtered view re-reads its study on
   * each read and checks only the trials added since its last read (see `filteredView`), so
   * keeping it, rather than making a new one per call, keeps that work incremental. Keyed by
   * the view object: a different view (another snapshot, another study) gets its own.
   */
  readonly #bracketViews = new WeakMap<StudyView, StudyView[]>();

  constructor(given: HyperbandPrunerOptions = {}) {
    // null from JavaScript callers reads as no options, as for every pruner with optional ones.
    const options: HyperbandPrunerOptions = given ?? {};
    checkOptionNames(options, OPTION_NAMES, 'HyperbandPruner');
    this.minResource = checkInt('minResource', options.minResource ?? 1, 1);
    this.reductionFactor = checkInt('reductionFactor', options.reductionFactor ?? 3, 2);
    this.bootstrapCount = checkInt('bootstrapCount', options.bootstrapCount ?? 0, 0);
    const maxResource = options.maxResource ?? 'auto';
    if (maxResource !== 'auto') {
      checkInt('maxResource', maxResource, 1);
      // Optuna silently runs zero brackets (no pruning) here; an error is more useful.
      if (maxResource < this.minResource) {
        throw new InvalidArgumentError(
          'maxResource',
          maxResource,
          `must be >= minResource (${this.minResource})`,
        );
      }
    }
    if (this.bootstrapCount > 0 && maxResource === 'auto') {
      throw new InvalidArgumentError(
        'bootstrapCount',
        this.bootstrapCount,
        "must be 0 when maxResource is 'auto' (the two are incompatible)",
      );
    }
    this.#maxResource = maxResource;
    this.#autoMaxResource = maxResource === 'auto';
    // A given maxResource fixes the brackets now, so that the getters and bracketOf answer
    // before the first prune call (they used to read undefined and bracket 0 until then).
    if (maxResource !== 'auto') this.#brackets = this.#build(maxResource);
  }

  /** The maximum resource: the given one, the estimated one, or 'auto' while there is no estimate. */
  get maxResource(): number | 'auto' {
    return this.#maxResource;
  }

  /** Number of brackets, or undefined while maxResource is still 'auto'. */
  get nBrackets(): number | undefined {
    return this.#brackets?.pruners.length;
  }

  /** Trials allotted to each bracket per round, or undefined while maxResource is still 'auto'. */
  get budgets(): readonly number[] | undefined {
    return this.#brackets?.budgets;
  }

  prune(study: StudyView, trial: FrozenTrial, context?: PruneContext): boolean {
    const brackets = this.#init(study);
    if (brackets === null || brackets.pruners.length === 0) return false;
    const bracket = this.bracketOf(study.studyName, trial.number);
    let view = this.#bracketView(study, bracket);
    if (this.#autoMaxResource) {
      // Optuna creates the brackets at the first prune call after a trial completed, so the
      // trials finished by then hold no rungs and never compete; the sampler still sees them.
      // Which trials those are is worked out from the study as it is now, on each read: the
      // bracket's pruner reads the trials only at a step that reaches a rung, so the other
      // steps do no work that grows with the study.
      const bracketView = view;
      view = viewWithTrials(bracketView, () => {
        const others = withoutPreEstimateTrials(
          study.trials.filter((t) => t.number !== trial.number),
        );
        const competing = new Set<number>();
        for (const t of others) competing.add(t.number);
        return bracketView.trials.filter(
          (t) => t.number === trial.number || competing.has(t.number),
        );
      });
    }
    return brackets.pruners[bracket].prune(view, trial, context);
  }

  /** The study as the sampler should see it for this trial: only the trials of its bracket. */
  samplerView(study: StudyView, trial: FrozenTrial): StudyView {
    const brackets = this.#init(study);
    if (brackets !== null) {
      if (brackets.pruners.length === 0) return study;
      return this.#bracketView(study, this.bracketOf(study.studyName, trial.number));
    }
    // 'auto' before any trial completed: the whole study for now, and the trial's bracket once
    // the brackets exist, as Optuna builds the bracket view on every sampler call.
    let narrowed: StudyView | undefined;
    const current = (): StudyView => {
      if (narrowed === undefined && this.#brackets !== null)
        narrowed = this.samplerView(study, trial);
      return narrowed ?? study;
    };
    return viewWithTrials(study, () => current().trials);
  }

  /** The rung attrs the trial's bracket decided (see SuccessiveHalvingPruner.takeSystemAttrs). */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    let out: Record<string, JsonValue> | undefined;
    for (const p of this.#brackets?.pruners ?? []) {
      const attrs = p.takeSystemAttrs(trial);
      if (attrs !== undefined) out = { ...out, ...attrs };
    }
    return out;
  }

  /** The bracket of a trial (0 until the brackets exist, as in Optuna). */
  bracketOf(studyName: string, trialNumber: number): number {
    const brackets = this.#brackets;
    if (brackets === null || brackets.pruners.length === 0) return 0;
    let byNumber = this.#bracketCache.get(studyName);
    if (byNumber === undefined) {
      // A pruner reused across many studies keeps the brackets of the latest few only.
      if (this.#bracketCache.size >= BRACKET_CACHE_STUDIES) {
        const oldest = this.#bracketCache.keys().next().value as string;
        this.#bracketCache.delete(oldest);
      }
      byNumber = [];
      this.#bracketCache.set(studyName, byNumber);
    }
    // Any number works as a key (a property name is the number's string, as in the hashed
    // key); trial numbers are small non-negative integers, which index a dense array.
    const cached = byNumber[trialNumber];
    if (cached !== undefined) return cached;
    let n = crc32(`${studyName}_${trialNumber}`) % brackets.totalBudget;
    for (let b = 0; b < brackets.budgets.length; b++) {
      n -= brackets.budgets[b];
      if (n < 0) {
        byNumber[trialNumber] = b;
        return b;
      }
    }
    throw new Error('unreachable: the budgets sum to the total');
  }

  #bracketView(study: StudyView, bracket: number): StudyView {
    let views = this.#bracketViews.get(study);
    if (views === undefined) {
      views = [];
      this.#bracketViews.set(study, views);
    }
    let view = views[bracket];
    if (view === undefined) {
      view = filteredView(study, (n) => this.bracketOf(study.studyName, n) === bracket);
      views[bracket] = view;
    }
    return view;
  }

  #init(study: StudyView): Brackets | null {
    if (this.#brackets !== null) return this.#brackets;
    if (this.#maxResource === 'auto') {
      let longest: number | undefined;
      for (const t of study.getTrials({ states: ['COMPLETE'] })) {
        const s = lastStep(t);
        if (s !== undefined && (longest === undefined || s > longest)) longest = s;
      }
      if (longest === undefined) return null;
      this.#maxResource = longest + 1;
    }
    this.#brackets = this.#build(this.#maxResource);
    return this.#brackets;
  }

  /** Optuna's brackets for the resource range [minResource, maxResource]. */
  #build(maxResource: number): Brackets {
    const eta = this.reductionFactor;
    // Python's math.log(x, base) is log(x) / log(base); floor it the same way.
    const nBrackets = Math.floor(Math.log(maxResource / this.minResource) / Math.log(eta)) + 1;
    const pruners: SuccessiveHalvingPruner[] = [];
    const budgets: number[] = [];
    for (let b = 0; b < nBrackets; b++) {
      const s = nBrackets - 1 - b;
      budgets.push(Math.ceil((nBrackets * eta ** s) / (s + 1)));
      pruners.push(
        new SuccessiveHalvingPruner({
          minResource: this.minResource,
          reductionFactor: eta,
          minEarlyStoppingRate: b,
          bootstrapCount: this.bootstrapCount,
        }),
      );
    }
    const totalBudget = budgets.reduce((a, b) => a + b, 0);
    return { pruners, budgets, totalBudget };
  }
}
