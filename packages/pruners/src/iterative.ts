import { InvalidArgumentError, TrialPruned } from '@tunekit/core';

/** What the helpers need of a trial: core's `Trial` fits. */
export interface ReportingTrial {
  readonly number: number;
  report(value: number, step: number): void;
  shouldPrune(): boolean;
}

/**
 * Runs `stepFn` for each step (0..steps-1, or the given step numbers), reports its value at
 * that step, and throws TrialPruned as soon as the pruner says so. Resolves to the last value.
 * Throws InvalidArgumentError for no step at all, which would leave no value to resolve to.
 */
export async function runWithReports<T extends ReportingTrial>(
  trial: T,
  steps: number | Iterable<number>,
  stepFn: (step: number, index: number) => number | Promise<number>,
): Promise<number> {
  checkStepCount(steps);
  let last = Number.NaN;
  let index = 0;
  for (const step of typeof steps === 'number' ? range(steps) : steps) {
    last = await stepFn(step, index);
    index += 1;
    trial.report(last, step);
    if (trial.shouldPrune()) throw new TrialPruned(`trial ${trial.number} pruned at step ${step}`);
  }
  if (index === 0) throw new InvalidArgumentError('steps', [], 'must hold at least one step');
  return last;
}

export interface IterativeObjectiveOptions<T extends ReportingTrial, S> {
  /**
   * Steps to run: 0..nSteps-1, or explicit step numbers (e.g. cumulative tree counts). Read
   * once, when the objective is built, so a finite iterable (a generator too) serves every
   * trial.
   */
  readonly steps: number | Iterable<number>;
  /** Builds the model (suggesting its hyperparameters) at the start of a trial. */
  readonly setup: (trial: T) => S | Promise<S>;
  /** Trains one more step and returns the validation value to report. */
  readonly step: (state: S, step: number, index: number) => number | Promise<number>;
  /** The trial's final value; default the last reported value. */
  readonly finalValue?: (state: S, lastValue: number) => number | Promise<number>;
}

/**
 * An objective for an estimator that trains in steps (trees added, epochs): each step's
 * value is reported, and the trial ends as PRUNED when the study's pruner says so. Step
 * numbers are read once, here, so a generator serves every trial, and no step at all is an
 * error now rather than in each trial after its setup.
 */
export function iterativeObjective<T extends ReportingTrial, S>(
  options: IterativeObjectiveOptions<T, S>,
): (trial: T) => Promise<number> {
  const steps = stepList(options.steps);
  return async (trial: T) => {
    const state = await options.setup(trial);
    const last = await runWithReports(trial, steps, (step, index) =>
      options.step(state, step, index),
    );
    return options.finalValue === undefined ? last : options.finalValue(state, last);
  };
}

function checkStepCount(steps: number | Iterable<number>): void {
  if (typeof steps === 'number' && !(Number.isInteger(steps) && steps >= 1)) {
    throw new InvalidArgumentError('steps', steps, 'must be an integer >= 1 or step numbers');
  }
}

/** The steps as a reusable list (an iterable may be a one-shot generator). */
function stepList(steps: number | Iterable<number>): number | readonly number[] {
  checkStepCount(steps);
  if (typeof steps === 'number') return steps;
  const list = [...steps];
  if (list.length === 0) throw new InvalidArgumentError('steps', [], 'must hold at least one step');
  const seen = new Set<number>();
  for (const step of list) {
    // trial.report's rule, checked before any trial's setup and training run.
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      throw new InvalidArgumentError(
        'steps',
        list,
        `every step must be a non-negative integer; got ${String(step)}`,
      );
    }
    // A repeated report is dropped, so the default final value would be one never reported.
    if (seen.has(step)) {
      throw new InvalidArgumentError('steps', list, `every step must be distinct; ${step} repeats`);
    }
    seen.add(step);
  }
  return list;
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
