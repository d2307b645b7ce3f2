import {
  checkOptionNames,
  type FrozenTrial,
  lastStep,
  type Pruner,
  type StudyView,
} from '@tunekit/core';
import { nanPercentile } from './percentile-math.js';
import { CompletedValuesCache } from './step-values.js';
import { bestIntermediateValue, isFirstInIntervalStep } from './steps.js';
import { checkInt, checkRange } from './validate.js';

/** Options shared by PercentilePruner and MedianPruner (Optuna's defaults). */
export interface PercentilePrunerCommonOptions {
  /** Pruning is off until this many trials of the study are COMPLETE. Default 5. */
  readonly nStartupTrials?: number | undefined;
  /** Pruning is off while the trial's last step is below this (steps are 0-based). Default 0. */
  readonly nWarmupSteps?: number | undefined;
  /** Steps between pruning checks, counted from nWarmupSteps. Default 1. */
  readonly intervalSteps?: number | undefined;
  /** Completed trials that must have reported the current step before it is judged. Default 1. */
  readonly nMinTrials?: number | undefined;
}

export interface PercentilePrunerOptions extends PercentilePrunerCommonOptions {
  /** In [0, 100]: a trial is kept while its best value is within the top `percentile`%. */
  readonly percentile: number;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
export const COMMON_OPTION_NAMES = [
  'nStartupTrials',
  'nWarmupSteps',
  'intervalSteps',
  'nMinTrials',
] as const satisfies readonly (keyof PercentilePrunerCommonOptions)[];
const OPTION_NAMES = [
  'percentile',
  'nStartupTrials',
  'nWarmupSteps',
  'intervalSteps',
  'nMinTrials',
] as const satisfies readonly (keyof PercentilePrunerOptions)[];

/**
 * Prunes a trial whose best intermediate value so far is worse than the given percentile
 * of the values COMPLETE trials reported at the same step (Optuna's PercentilePruner).
 */
export class PercentilePruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'PercentilePruner';
  readonly percentile: number;
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;
  readonly #completed = new CompletedValuesCache();

  constructor(options: PercentilePrunerOptions) {
    // MedianPruner checks its own names first: a percentile given to it must not pass here.
    checkOptionNames(options, OPTION_NAMES, 'PercentilePruner');
    this.percentile = checkRange('percentile', options?.percentile, 0, 100);
    this.nStartupTrials = checkInt('nStartupTrials', options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = checkInt('nWarmupSteps', options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInt('intervalSteps', options.intervalSteps ?? 1, 1);
    this.nMinTrials = checkInt('nMinTrials', options.nMinTrials ?? 1, 1);
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    // The checks on the trial alone come first: each of them, like the startup check, answers
    // false, so their order does not matter, and they spare reading the study at steps that
    // are not judged.
    const step = lastStep(trial);
    if (step === undefined || step < this.nWarmupSteps) return false;
    const steps = trial.intermediateValues.keys();
    if (!isFirstInIntervalStep(step, steps, this.nWarmupSteps, this.intervalSteps)) return false;
    // The COMPLETE trials (`getTrials({ states: ['COMPLETE'] })`, without building that
    // list) and the values they had at this step, in order: Optuna compares with those raw
    // values, not with best-so-far ones. Cached per trials array (see CompletedValuesCache).
    const { completed, values: atStep } = this.#completed.read(study.trials, step);
    if (completed === 0 || completed < this.nStartupTrials) return false;

    const direction = study.direction;
    const best = bestIntermediateValue(trial, direction);
    // A trial that reported nothing but NaN cannot be worth continuing.
    if (Number.isNaN(best)) return true;

    if (atStep.length < this.nMinTrials) return false;
    const q = direction === 'maximize' ? 100 - this.percentile : this.percentile;
    const threshold = nanPercentile(atStep, q);
    if (Number.isNaN(threshold)) return false;
    return direction === 'maximize' ? best < threshold : best > threshold;
  }
}
