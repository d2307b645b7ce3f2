import {
  checkOptionNames,
  type FrozenTrial,
  InvalidArgumentError,
  type JsonValue,
  type PruneContext,
  type Pruner,
  type StudyView,
} from '@tunekit/core';
import { sortedSteps } from './steps.js';
import { checkAtLeast, checkInt } from './validate.js';

export interface PatientPrunerOptions {
  /** Steps without improvement tolerated before the wrapped pruner (or pruning) kicks in. */
  readonly patience: number;
  /** An improvement must exceed this to count. Default 0. */
  readonly minDelta?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'patience',
  'minDelta',
] as const satisfies readonly (keyof PatientPrunerOptions)[];

/**
 * Waits out `patience` steps without improvement before letting the wrapped pruner decide
 * (or pruning, when there is none): Optuna's PatientPruner. The best value of the last
 * patience + 1 steps is compared with the best value before them.
 */
export class PatientPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'PatientPruner';
  readonly wrapped: Pruner | null;
  readonly patience: number;
  readonly minDelta: number;
  /** Present when the wrapped pruner narrows the sampler's view (Hyperband): forwarded to it. */
  readonly samplerView?: (study: StudyView, trial: FrozenTrial) => StudyView;
  /** Patience alone reads only the trial's own values; a wrapped pruner decides for itself. */
  readonly readsOtherTrials: boolean;

  constructor(wrapped: Pruner | null, options: PatientPrunerOptions) {
    if (wrapped !== null && typeof (wrapped as Partial<Pruner> | undefined)?.prune !== 'function') {
      throw new InvalidArgumentError(
        'wrapped',
        wrapped,
        'must be a pruner (an object with a prune method) or null',
      );
    }
    checkOptionNames(options, OPTION_NAMES, 'PatientPruner');
    this.wrapped = wrapped;
    this.readsOtherTrials = wrapped === null ? false : wrapped.readsOtherTrials !== false;
    this.patience = checkInt('patience', options?.patience, 0);
    this.minDelta = checkAtLeast('minDelta', options.minDelta ?? 0, 0);
    // Hyperband's bracket view must reach the sampler through a wrapper too.
    if (wrapped?.samplerView !== undefined) {
      const inner = wrapped;
      this.samplerView = (study, trial) => inner.samplerView?.(study, trial) ?? study;
    }
  }

  prune(study: StudyView, trial: FrozenTrial, context?: PruneContext): boolean {
    const steps = sortedSteps(trial);
    if (steps.length <= this.patience + 1) return false;
    const split = steps.length - this.patience - 1;
    const values = steps.map((s) => trial.intermediateValues.get(s) as number);
    const before = values.slice(0, split);
    const after = values.slice(split);
    const maybePrune =
      study.direction === 'maximize'
        ? nanMax(before) - this.minDelta > nanMax(after)
        : nanMin(before) + this.minDelta < nanMin(after);
    if (!maybePrune) return false;
    return this.wrapped === null ? true : this.wrapped.prune(study, trial, context);
  }

  /** Forwards the wrapped pruner's rung attrs, if it keeps any. */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    const inner = this.wrapped as {
      takeSystemAttrs?(t: FrozenTrial): Record<string, JsonValue> | undefined;
    } | null;
    return inner?.takeSystemAttrs?.(trial);
  }
}

function nanMin(xs: readonly number[]): number {
  let m = Number.NaN;
  for (const x of xs) if (!Number.isNaN(x) && (Number.isNaN(m) || x < m)) m = x;
  return m;
}

function nanMax(xs: readonly number[]): number {
  let m = Number.NaN;
  for (const x of xs) if (!Number.isNaN(x) && (Number.isNaN(m) || x > m)) m = x;
  return m;
}
