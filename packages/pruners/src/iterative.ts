import { checkOptionNames, InvalidArgumentError, TrialPruned } from '@tunekit/core';

/** What the helpers need of a trial: core's `Trial` fits. */
export interface ReportingTrial {
  readonly number: number;
  report(value: number, step: number): void;
  shouldPrune(): boolean;
}

/**
 * Runs `stepFn` for each step (0..steps-1, or the given step numbers), reports its value at
 * that step, and throws TrialPruned as soon as the pruner says so. Resolves to the last value.
 * Steps are checked by iterativeObjective's rule: a count or an array before the first step
 * runs; any other iterable step by step, each before its `stepFn` runs, so that a generator
 * that goes on until the trial is pruned still works.
 */
export async function runWithReports<T extends ReportingTrial>(
  trial: T,
  steps: number | Iterable<number>,
  stepFn: (step: number, index: number) => number | Promise<number>,
): Promise<number> {
  checkStepsArgument(steps);
  const checked =
    typeof steps === 'number' || Array.isArray(steps) ? stepList(steps) : checkEach(steps);
  return runSteps(trial, checked, stepFn);
}

/** runWithReports over steps that are checked already, or as they are drawn. */
async function runSteps<T extends ReportingTrial>(
  trial: T,
  steps: number | Iterable<number>,
  stepFn: (step: number, index: number) => number | Promise<number>,
): Promise<number> {
  let last = Number.NaN;
  let index = 0;
  for (const step of typeof steps === 'number' ? range(steps) : steps) {
    last = await stepFn(step, index);
    index += 1;
    trial.report(last, step);
    if (trial.shouldPrune()) throw new TrialPruned(`trial ${trial.number} pruned at step ${step}`);
  }
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
  readonly finalValue?: ((state: S, lastValue: number) => number | Promise<number>) | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = ['steps', 'setup', 'step', 'finalValue'] as const;

/**
 * An objective for an estimator that trains in steps (trees added, epochs): each step's
 * value is reported, and the trial ends as PRUNED when the study's pruner says so. Step
 * numbers are read once, here, so a generator serves every trial, and no step at all is an
 * error now rather than in each trial after its setup.
 */
export function iterativeObjective<T extends ReportingTrial, S>(
  options: IterativeObjectiveOptions<T, S>,
): (trial: T) => Promise<number> {
  checkOptionNames(options, OPTION_NAMES, 'iterativeObjective');
  const steps = stepList(options.steps);
  return async (trial: T) => {
    const state = await options.setup(trial);
    const last = await runSteps(trial, steps, (step, index) => options.step(state, step, index));
    return options.finalValue === undefined ? last : options.finalValue(state, last);
  };
}

/** A count >= 1 or an iterable of step numbers (a string is iterable, but not of numbers). */
function checkStepsArgument(steps: unknown): asserts steps is number | Iterable<number> {
  const isCount = typeof steps === 'number' && Number.isInteger(steps) && steps >= 1;
  const isIterable =
    typeof steps === 'object' &&
    steps !== null &&
    !(steps instanceof String) &&
    typeof (steps as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  if (!isCount && !isIterable) {
    throw new InvalidArgumentError('steps', steps, 'must be an integer >= 1 or step numbers');
  }
}

/**
 * trial.report's rule for one step, plus distinctness: a repeated report is dropped, so the
 * default final value would be one never reported. `shown` is what the error names.
 */
function checkStep(step: unknown, seen: Set<number>, shown: unknown): asserts step is number {
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
    throw new InvalidArgumentError(
      'steps',
      shown,
      `every step must be a non-negative integer; got ${String(step)}`,
    );
  }
  if (seen.has(step)) {
    throw new InvalidArgumentError('steps', shown, `every step must be distinct; ${step} repeats`);
  }
  seen.add(step);
}

/** The most steps `iterativeObjective` reads from an iterable (they are read whole, once). */
const MAX_LISTED_STEPS = 10_000_000;

/**
 * The steps as a reusable list (an iterable may be a one-shot generator), checked whole: a
 * count >= 1, or distinct non-negative integers, at least one.
 */
function stepList(steps: number | Iterable<number>): number | readonly number[] {
  checkStepsArgument(steps);
  if (typeof steps === 'number') return steps;
  const list: number[] = [];
  for (const step of steps) {
    // An endless generator would fill memory until the process aborts, which no caller can
    // catch: past a bound no training loop reaches, it is an error instead.
    if (list.length === MAX_LISTED_STEPS) {
      throw new InvalidArgumentError(
        'steps',
        // The iterable itself would print as {}: its kind says more.
        Object.prototype.toString.call(steps),
        `holds more than ${MAX_LISTED_STEPS} steps (an endless generator?); runWithReports takes an endless one`,
      );
    }
    list.push(step);
  }
  if (list.length === 0) throw new InvalidArgumentError('steps', [], 'must hold at least one step');
  const seen = new Set<number>();
  for (const step of list) checkStep(step, seen, list);
  return list;
}

/** The steps of an iterable, each checked as it is drawn; none at all is an error at the end. */
function* checkEach(steps: Iterable<number>): Generator<number> {
  const seen = new Set<number>();
  const drawn: number[] = [];
  for (const step of steps) {
    drawn.push(step);
    checkStep(step, seen, drawn);
    yield step;
  }
  if (drawn.length === 0)
    throw new InvalidArgumentError('steps', [], 'must hold at least one step');
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
