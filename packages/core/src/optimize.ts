import { InvalidArgumentError, isTrialPruned } from './errors.js';
import { lastIntermediateValue } from './last-step.js';
import { checkObjectiveValues } from './objective-values.js';
import { checkOptionNames } from './option-names.js';
import type { Study } from './study.js';
import type { Trial, TrialOutcome } from './trial.js';
import type { FrozenTrial, StudyDirection, TrialState } from './types.js';

/** What the objective may return. */
export type ObjectiveResult = number | readonly number[];

/** The function a study optimises. */
export type Objective = (trial: Trial) => ObjectiveResult | Promise<ObjectiveResult>;

/** Run after every finished trial of `optimize`. */
export type OptimizeCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

export interface OptimizeOptions {
  /** Trials to start in this call. Default: no limit (until timeout, stop() or the signal). */
  readonly nTrials?: number | undefined;
  /** Start no new trial after this many milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** Trials evaluated at the same time in this process (the objective should be async). Default 1. */
  readonly concurrency?: number | undefined;
  /**
   * Which objective exceptions end as a FAIL trial without stopping the study: 'none'
   * (default: the failure is recorded and re-thrown), 'all', or a predicate.
   */
  readonly catch?: ('none' | 'all' | ((error: unknown) => boolean)) | undefined;
  readonly callbacks?: readonly OptimizeCallback[] | undefined;
  /** When aborted, no new trial starts; trials in flight finish. */
  readonly signal?: AbortSignal | undefined;
  /** Prints one plain line per finished trial to the console. */
  readonly showProgressBar?: boolean | undefined;
}

/** A trial just asked, and the function that stops its heartbeat. Internal. */
export interface StartedTrial {
  readonly trial: Trial;
  readonly stopHeartbeat: () => void;
}

/** What the loop needs from the study. Internal. */
export interface OptimizeHost {
  readonly study: Study;
  readonly directions: readonly StudyDirection[];
  /** Whether heartbeats are on (then stale trials are failed before each trial). */
  readonly heartbeat: boolean;
  /** Fails stale trials and runs the failed-trial callback. */
  failStaleTrials(): Promise<void>;
  /**
   * Asks a trial. With heartbeats on, its heartbeat is already running (from the claim on):
   * the loop stops it once the trial is finished.
   */
  start(): Promise<StartedTrial>;
  /** Registers a running loop; `stop()` sets `stopped` on every registered loop. */
  register(run: { stopped: boolean }): () => void;
}

/** Every option name of `optimize`: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'nTrials',
  'timeoutMs',
  'concurrency',
  'catch',
  'callbacks',
  'signal',
  'showProgressBar',
] as const satisfies readonly (keyof OptimizeOptions)[];

function checkOptions(o: OptimizeOptions): void {
  // An Optuna user's n_trials, ignored, would run the study without end.
  checkOptionNames(o, OPTION_NAMES, 'optimize');
  if (o.nTrials !== undefined && (!Number.isInteger(o.nTrials) || o.nTrials < 0)) {
    throw new InvalidArgumentError('nTrials', o.nTrials, 'must be a non-negative integer');
  }
  if (
    o.timeoutMs !== undefined &&
    (typeof o.timeoutMs !== 'number' || Number.isNaN(o.timeoutMs) || o.timeoutMs < 0)
  ) {
    throw new InvalidArgumentError(
      'timeoutMs',
      o.timeoutMs,
      'must be a non-negative number of milliseconds',
    );
  }
  if (o.concurrency !== undefined && (!Number.isInteger(o.concurrency) || o.concurrency < 1)) {
    throw new InvalidArgumentError('concurrency', o.concurrency, 'must be a positive integer');
  }
  const c = o.catch;
  if (c !== undefined && c !== 'none' && c !== 'all' && typeof c !== 'function') {
    throw new InvalidArgumentError(
      'catch',
      c,
      "must be 'none', 'all' or a function (error) => boolean",
    );
  }
  if (
    o.callbacks !== undefined &&
    (!Array.isArray(o.callbacks) || o.callbacks.some((f) => typeof f !== 'function'))
  ) {
    throw new InvalidArgumentError('callbacks', o.callbacks, 'must be an array of functions');
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try {
    return String(e);
  } catch {
    return 'a value that cannot be shown';
  }
}

/** PRUNED trials keep their last intermediate value as their value (single objective, not NaN). */
export function prunedValues(trial: FrozenTrial, nObjectives: number): number[] | undefined {
  if (nObjectives !== 1) return undefined;
  const v = lastIntermediateValue(trial);
  return v === undefined || Number.isNaN(v) ? undefined : [v];
}

function isBetter(a: FrozenTrial, b: FrozenTrial | undefined, direction: StudyDirection): boolean {
  if (b === undefined) return true;
  const av = a.value as number;
  const bv = b.value as number;
  return direction === 'minimize' ? av < bv : av > bv;
}

function progressLine(
  t: FrozenTrial,
  done: number,
  total: number | undefined,
  best: FrozenTrial | undefined,
): string {
  const value = t.values === undefined ? '' : ` values=[${t.values.join(', ')}]`;
  const bestPart = best === undefined ? '' : ` | best trial ${best.number} value=${best.value}`;
  return `[tunekit] trial ${t.number} ${t.state}${value}${bestPart} | ${done}${total === undefined ? '' : `/${total}`}`;
}

// Sync objectives on an in-memory storage only ever await settled promises, which never
// lets timers (heartbeats, AbortSignal.timeout) run; yield to the event loop this often.
const YIELD_EVERY_MS = 50;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The optimise loop behind `study.optimize`. Internal. */
export async function optimizeLoop(
  host: OptimizeHost,
  objective: Objective,
  options: OptimizeOptions = {},
): Promise<void> {
  if (typeof objective !== 'function')
    throw new InvalidArgumentError('objective', objective, 'must be a function');
  checkOptions(options);
  const nTrials = options.nTrials ?? Number.POSITIVE_INFINITY;
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  const concurrency = options.concurrency ?? 1;
  const catchOption = options.catch ?? 'none';
  const callbacks = options.callbacks ?? [];
  const { signal } = options;
  const nObjectives = host.directions.length;
  const run = { stopped: false };
  const unregister = host.register(run);
  let started = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  let best: FrozenTrial | undefined;
  let lastYield = Date.now();

  const caught = (e: unknown): boolean =>
    catchOption === 'all' || (typeof catchOption === 'function' && catchOption(e) === true);

  const mayStart = (): boolean =>
    failure === undefined &&
    !run.stopped &&
    signal?.aborted !== true &&
    started < nTrials &&
    Date.now() < deadline;

  // Trials are started one at a time (the objective runs concurrently): a sampler that
  // stops the study in beforeTrial, such as the grid's last point, is then seen by the
  // next start, and each new trial's snapshot holds every trial started before it.
  let gate: Promise<unknown> = Promise.resolve();
  const startTrial = async (): Promise<StartedTrial | undefined> => {
    if (!mayStart()) return undefined;
    started++;
    if (host.heartbeat) await host.failStaleTrials();
    return host.start();
  };
  const startExclusive = (): Promise<StartedTrial | undefined> => {
    if (concurrency === 1) return startTrial();
    const next = gate.then(startTrial);
    gate = next.catch(() => undefined);
    return next;
  };

  const runOne = async ({ trial, stopHeartbeat }: StartedTrial): Promise<void> => {
    let outcome: TrialOutcome;
    let thrown: { error: unknown } | undefined;
    try {
      let state: TrialState;
      let values: number[] | undefined;
      let reason: string | undefined;
      try {
        const result = await objective(trial);
        const check = checkObjectiveValues(result, nObjectives);
        if (check.ok) {
          state = 'COMPLETE';
          values = check.values;
        } else {
          state = 'FAIL';
          reason = check.reason;
        }
      } catch (error) {
        if (isTrialPruned(error)) {
          state = 'PRUNED';
          values = prunedValues(trial.snapshot, nObjectives);
        } else {
          state = 'FAIL';
          reason = describeError(error);
          thrown = { error };
        }
      }
      outcome = await trial.finish(state, values, reason);
    } finally {
      stopHeartbeat();
    }
    const frozen = outcome.trial;
    if (outcome.writeError !== undefined && thrown === undefined)
      thrown = { error: outcome.writeError };
    if (outcome.refreshError !== undefined) {
      console.warn(
        `tunekit: re-reading the study for the pruner failed during trial ${frozen.number}: ${describeError(outcome.refreshError)}`,
      );
      thrown ??= { error: outcome.refreshError };
    }
    if (!outcome.stored) {
      console.warn(
        `tunekit: trial ${frozen.number} was finished by someone else (now ${frozen.state}); its result was dropped`,
      );
    } else if (frozen.state === 'FAIL') {
      console.warn(
        `tunekit: trial ${frozen.number} failed with parameters ${JSON.stringify(frozen.params)} because of: ${String(frozen.systemAttrs.fail_reason)}`,
      );
    }
    if (thrown !== undefined && !caught(thrown.error)) {
      failure ??= thrown;
      return;
    }
    done++;
    if (
      frozen.state === 'COMPLETE' &&
      nObjectives === 1 &&
      isBetter(frozen, best, host.directions[0])
    )
      best = frozen;
    for (const cb of callbacks) await cb(host.study, frozen);
    if (options.showProgressBar === true) {
      console.log(progressLine(frozen, done, Number.isFinite(nTrials) ? nTrials : undefined, best));
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      try {
        const next = await startExclusive();
        if (next === undefined) return;
        await runOne(next);
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    unregister();
  }
  if (failure !== undefined) throw failure.error;
}
