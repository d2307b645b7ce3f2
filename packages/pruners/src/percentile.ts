import { type FrozenTrial, lastStep, type Pruner, type StudyView } from '@tunekit/core';
import { nanPercentile } from './percentile-math.js';
import { bestIntermediateValue, isFirstInIntervalStep } from './steps.js';
import { checkInt, checkRange } from './validate.js';

/** Options shared by PercentilePruner and MedianPruner (Optuna's defaults). */
export interface PercentilePrunerCommonOptions {
  /** Pruning is off until this many trials of the study are COMPLETE. Default 5. */
  readonly nStartupTrials?: number;
  /** Pruning is off while the trial's last step is below this (steps are 0-based). Default 0. */
  readonly nWarmupSteps?: number;
  /** Steps between pruning checks, counted from nWarmupSteps. Default 1. */
  readonly intervalSteps?: number;
  /** Completed trials that must have reported the current step before it is judged. Default 1. */
  readonly nMinTrials?: number;
}

export interface PercentilePrunerOptions extends PercentilePrunerCommonOptions {
  /** In [0, 100]: a trial is kept while its best value is within the top `percentile`%. */
  readonly percentile: number;
}

/**
 * Prunes a trial whose best intermediate value so far is worse than the given percentile
 * of the values COMPLETE trials reported at the same step (Optuna's PercentilePruner).
 */
export class PercentilePruner implements Pruner {
  readonly percentile: number;
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  constructor(options: PercentilePrunerOptions) {
    this.percentile = checkRange('percentile', options?.percentile, 0, 100);
    this.nStartupTrials = checkInt('nStartupTrials', options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = checkInt('nWarmupSteps', options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInt('intervalSteps', options.intervalSteps ?? 1, 1);
    this.nMinTrials = checkInt('nMinTrials', options.nMinTrials ?? 1, 1);
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const completed = study.getTrials({ states: ['COMPLETE'] });
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const step = lastStep(trial);
    if (step === undefined || step < this.nWarmupSteps) return false;
    const steps = trial.intermediateValues.keys();
    if (!isFirstInIntervalStep(step, steps, this.nWarmupSteps, this.intervalSteps)) return false;

    const direction = study.direction;
    const best = bestIntermediateValue(trial, direction);
    // A trial that reported nothing but NaN cannot be worth continuing.
    if (Number.isNaN(best)) return true;

    // Optuna compares with the other trials' raw values at this step, not their best-so-far.
    const atStep: number[] = [];
    for (const t of completed) {
      const v = t.intermediateValues.get(step);
      if (v !== undefined) atStep.push(v);
    }
    if (atStep.length < this.nMinTrials) return false;
    const q = direction === 'maximize' ? 100 - this.percentile : this.percentile;
    const threshold = nanPercentile(atStep, q);
    if (Number.isNaN(threshold)) return false;
    return direction === 'maximize' ? best < threshold : best > threshold;
  }
}
