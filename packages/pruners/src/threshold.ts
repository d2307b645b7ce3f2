import {
  checkOptionNames,
  type FrozenTrial,
  InvalidArgumentError,
  lastStep,
  type Pruner,
  type StudyView,
} from '@tunekit/core';
import { isFirstInIntervalStep } from './steps.js';
import { checkInt } from './validate.js';

export interface ThresholdPrunerOptions {
  /** Prune when the latest value is below this. At least one of lower/upper is required. */
  readonly lower?: number | undefined;
  /** Prune when the latest value is above this. */
  readonly upper?: number | undefined;
  /** Default 0. */
  readonly nWarmupSteps?: number | undefined;
  /** Default 1. */
  readonly intervalSteps?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'lower',
  'upper',
  'nWarmupSteps',
  'intervalSteps',
] as const satisfies readonly (keyof ThresholdPrunerOptions)[];

/** Prunes a trial whose latest intermediate value leaves [lower, upper] or is NaN. */
export class ThresholdPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'ThresholdPruner';
  /** Judges a trial by its own values only: no background re-reads of the study needed. */
  readonly readsOtherTrials = false;
  readonly lower: number;
  readonly upper: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;

  constructor(options: ThresholdPrunerOptions) {
    checkOptionNames(options, OPTION_NAMES, 'ThresholdPruner');
    if (options?.lower === undefined && options?.upper === undefined) {
      throw new InvalidArgumentError(
        'lower/upper',
        undefined,
        'at least one of lower and upper is required',
      );
    }
    for (const key of ['lower', 'upper'] as const) {
      const v = options[key];
      if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) {
        throw new InvalidArgumentError(key, v, 'must be a number (not NaN)');
      }
    }
    this.lower = options.lower ?? Number.NEGATIVE_INFINITY;
    this.upper = options.upper ?? Number.POSITIVE_INFINITY;
    if (this.lower > this.upper) {
      throw new InvalidArgumentError('lower', this.lower, `must be <= upper (${this.upper})`);
    }
    this.nWarmupSteps = checkInt('nWarmupSteps', options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInt('intervalSteps', options.intervalSteps ?? 1, 1);
  }

  prune(_study: StudyView, trial: FrozenTrial): boolean {
    const step = lastStep(trial);
    if (step === undefined || step < this.nWarmupSteps) return false;
    const steps = trial.intermediateValues.keys();
    if (!isFirstInIntervalStep(step, steps, this.nWarmupSteps, this.intervalSteps)) return false;
    const latest = trial.intermediateValues.get(step) as number;
    return Number.isNaN(latest) || latest < this.lower || latest > this.upper;
  }
}
