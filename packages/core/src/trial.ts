import {
  type CategoricalChoice,
  contains,
  type Distribution,
  describe,
  distributionsEqual,
  distributionsOf,
  isSingle,
  isSpace,
  makeCategorical,
  makeFloat,
  makeInt,
  type NumericOptions,
  type Params,
  SearchSpaceError,
  type Space,
  validateDistribution,
} from '@tunekit/search-space';
import type { BackgroundRefresh } from './background-refresh.js';
import { InvalidArgumentError, TrialStateError, TunekitError } from './errors.js';
import { type Lazy, lazySnapshot, ParamLog } from './param-log.js';
import { checkParamName } from './param-name.js';
import { withKey } from './records.js';
import type { Study } from './study.js';
import type {
  FinishTrialResult,
  FrozenTrial,
  JsonValue,
  ParamValue,
  PruneContext,
  Pruner,
  Sampler,
  Storage,
  StudyDirection,
  StudyView,
  TrialState,
} from './types.js';
import { WriteQueue } from './write-queue.js';

/** What a Trial needs from the study runtime that made it. Internal. */
export interface TrialRuntime {
  readonly study: Study;
  readonly directions: readonly StudyDirection[];
  readonly storage: Storage;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  /** Puts the trial's latest snapshot into the study's cache, where views see it. */
  publish(trial: FrozenTrial): void;
  /** The trial is finished and stored; `trial` is the stored snapshot. */
  release(trial: FrozenTrial): void;
  /** Numeric distributions last built per name, reused when the arguments repeat. */
  readonly numericDists: Map<string, NumericDistCacheEntry>;
  /** Refreshes the study's cache after reports, for the pruner; undefined when it would not help. */
  readonly background: BackgroundRefresh | undefined;
}

/** A validated numeric distribution and the arguments it was built from. Internal. */
export interface NumericDistCacheEntry {
  readonly type: 'float' | 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean | undefined;
  readonly step: number | undefined;
  readonly dist: Distribution;
}

/** How a trial ended, as `finish` reports it. */
export interface TrialOutcome {
  readonly trial: FrozenTrial;
  /** A storage write made by the synchronous API that failed (the trial is then FAIL). */
  readonly writeError?: unknown;
  /** Whether the storage accepted the final state (false: another worker finished it first). */
  readonly stored: boolean;
  /**
   * A background refresh of the study (made for the pruner after a report) that failed; the
   * trial is stored as it ended all the same.
   */
  readonly refreshError?: unknown;
}

const EMPTY_RECORD: Readonly<Record<string, never>> = Object.freeze({});
/** `shouldPrune` stores what the pruner's `takeSystemAttrs` returns. */
const STORES_SYSTEM_ATTRS: PruneContext = Object.freeze({ storesSystemAttrs: true });

function snapshotJson(value: JsonValue, param: string): JsonValue {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new InvalidArgumentError(
        param,
        value,
        'must be JSON: NaN and Infinity are not allowed',
      );
    }
    if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      throw new InvalidArgumentError(param, value, 'must be a JSON value');
    }
    return value;
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new InvalidArgumentError(param, '[unserialisable]', 'must be a JSON value');
  }
  return JSON.parse(text) as JsonValue;
}

/**
 * A new frozen trial with some parts replaced. Built as a literal rather than a spread:
 * this runs once per suggestion and the literal keeps one object shape (measured ~35%
 * cheaper in the throughput benchmark's hot path).
 */
function changed(
  t: FrozenTrial,
  params: Readonly<Record<string, ParamValue>>,
  distributions: Readonly<Record<string, Distribution>>,
  intermediateValues: ReadonlyMap<number, number>,
  userAttrs: Readonly<Record<string, JsonValue>>,
  systemAttrs: Readonly<Record<string, JsonValue>>,
): FrozenTrial {
  return Object.freeze({
    trialId: t.trialId,
    number: t.number,
    state: t.state,
    value: t.value,
    values: t.values,
    params,
    distributions,
    intermediateValues,
    userAttrs,
    systemAttrs,
    datetimeStart: t.datetimeStart,
    datetimeComplete: t.datetimeComplete,
  });
}

/**
 * From this many parameters on, a suggestion appends to a ParamLog instead of copying the
 * params and distributions records: the copies make a trial of d parameters cost O(d^2),
 * and more than Optuna's whole trial past about 300 (V8 keeps such records as dictionaries).
 */
const LAZY_FROM = 64;

function singleValue(d: Distribution): ParamValue {
  return d.type === 'categorical' ? d.choices[0] : d.low;
}

/**
 * One evaluation of the objective. Its API is synchronous: values are sampled on the spot
 * from the study's snapshot, and the storage writes they imply are queued in order and
 * awaited before the trial is finished.
 */
export class Trial {
  /** 0-based number of the trial in its study. */
  readonly number: number;
  /** Storage-wide id of the trial. */
  readonly trialId: number;

  private live: FrozenTrial;
  private readonly runtime: TrialRuntime;
  private readonly fullView: StudyView;
  private samplerView: StudyView;
  private relativeSpace: Record<string, Distribution> = EMPTY_RECORD;
  private relativeParams: Record<string, unknown> = EMPTY_RECORD;
  private readonly writes: WriteQueue;
  private finished = false;
  private warnedSteps: Set<number> | undefined;
  /**
   * The trial's intermediate values once it has reported: its own Map, extended in place by
   * each report (O(1); copying every earlier value made a trial of S steps cost O(S^2)).
   * Snapshots of the running trial share it; a finished trial has the storage's own.
   */
  private reported: Map<number, number> | undefined;
  /** Parameters so far, once there are LAZY_FROM of them (see ParamLog); undefined before. */
  private paramLog: ParamLog | undefined;
  /** How many parameters `live` holds while `paramLog` is undefined. */
  private nParams: number;
  /** Whether this trial has reported (and so takes part in background refreshes). */
  private refreshing = false;

  /** Made by the study runtime (`study.ask()` or `study.optimize()`), not by users. */
  constructor(runtime: TrialRuntime, frozen: FrozenTrial, view: StudyView) {
    this.runtime = runtime;
    this.live = frozen;
    this.nParams = Object.keys(frozen.params).length;
    this.number = frozen.number;
    this.trialId = frozen.trialId;
    this.fullView = view;
    this.samplerView = view;
    this.writes = new WriteQueue(runtime.storage, frozen.trialId);
  }

  /** The study this trial belongs to. */
  get study(): Study {
    return this.runtime.study;
  }

  /** Parameters suggested so far. */
  get params(): Readonly<Record<string, ParamValue>> {
    return this.live.params;
  }

  get distributions(): Readonly<Record<string, Distribution>> {
    return this.live.distributions;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.live.userAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.live.systemAttrs;
  }

  get intermediateValues(): ReadonlyMap<number, number> {
    return this.live.intermediateValues;
  }

  get datetimeStart(): Date | undefined {
    return this.live.datetimeStart;
  }

  /** The trial as samplers and pruners see it right now. */
  get snapshot(): FrozenTrial {
    return this.live;
  }

  /** Sampler hooks run at the start of a trial: beforeTrial, then relative sampling. Internal. */
  begin(): void {
    const { sampler, pruner } = this.runtime;
    this.samplerView = pruner.samplerView?.(this.fullView, this.live) ?? this.fullView;
    sampler.beforeTrial?.(this.samplerView, this.live);
    this.takeSystemAttrs();
    if (sampler.inferRelativeSearchSpace !== undefined) {
      const space = sampler.inferRelativeSearchSpace(this.samplerView, this.live);
      if (Object.keys(space).length > 0 && sampler.sampleRelative !== undefined) {
        this.relativeSpace = space;
        this.relativeParams =
          sampler.sampleRelative(this.samplerView, this.live, space) ?? EMPTY_RECORD;
      }
    }
    this.takeSystemAttrs();
  }

  /** A float in [low, high]; `log` samples on a log scale, `step` discretises. */
  suggestFloat(name: string, low: number, high: number, options?: NumericOptions): number {
    this.assertRunning();
    return this.suggestFrom(name, this.numeric('float', name, low, high, options)) as number;
  }

  /** An int in [low, high] (inclusive). */
  suggestInt(name: string, low: number, high: number, options?: NumericOptions): number {
    this.assertRunning();
    return this.suggestFrom(name, this.numeric('int', name, low, high, options)) as number;
  }

  /**
   * The validated distribution for these arguments. Objectives suggest the same ranges
   * trial after trial, so the one built last time for the name is reused when they repeat.
   */
  private numeric(
    type: 'float' | 'int',
    name: string,
    low: number,
    high: number,
    options: NumericOptions | undefined,
  ): Distribution {
    const cache = this.runtime.numericDists;
    const log = options?.log;
    const step = options?.step;
    const hit = cache.get(name);
    if (
      hit !== undefined &&
      hit.type === type &&
      hit.low === low &&
      hit.high === high &&
      hit.log === log &&
      hit.step === step
    ) {
      return hit.dist;
    }
    const dist =
      type === 'float' ? makeFloat(low, high, options, name) : makeInt(low, high, options, name);
    cache.set(name, { type, low, high, log, step, dist });
    return dist;
  }

  /** One of `choices`. */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    this.assertRunning();
    return this.suggestFrom(name, makeCategorical(choices, name)) as T;
  }

  /** Every parameter of a declarative space (or of a bare record of distributions), typed. */
  suggest<const S extends Space | Record<string, Distribution>>(s: S): Params<S> {
    this.assertRunning();
    const dists = distributionsOf(s as Space | Record<string, Distribution>);
    const validated = isSpace(s);
    const out: Record<string, ParamValue> = {};
    for (const name of Object.keys(dists)) {
      let d = dists[name];
      if (!validated) {
        try {
          d = validateDistribution(d, name);
        } catch (e) {
          throw e instanceof SearchSpaceError ? e.withParam(name) : e;
        }
      }
      out[name] = this.suggestFrom(name, d);
    }
    return out as Params<S>;
  }

  /** Suggests `name` from a prepared distribution (used by `ask(fixed)`). Internal. */
  suggestFrom(name: string, dist: Distribution): ParamValue {
    checkParamName('name', name);
    const live = this.live;
    const log = this.paramLog;
    const known = log === undefined ? live.distributions[name] : log.distribution(name);
    if (known !== undefined) {
      if (known !== dist && !distributionsEqual(known, dist)) {
        throw new InvalidArgumentError(
          name,
          describe(dist),
          `parameter "${name}" was already suggested in trial ${this.number} with ${describe(known)}; a name keeps one distribution within a trial`,
        );
      }
      return log === undefined ? live.params[name] : (log.value(name) as ParamValue);
    }
    const value = this.pick(name, dist);
    if (log === undefined && this.nParams < LAZY_FROM) {
      // Copying a few fast-mode records beats the log's bookkeeping for the usual trial.
      this.nParams += 1;
      this.live = this.nextSnapshot(
        withKey(live.params, name, value),
        withKey(live.distributions, name, dist),
        live.userAttrs,
        live.systemAttrs,
      );
    } else {
      this.paramLog ??= new ParamLog(live);
      this.paramLog.append(name, value, dist);
      this.live = this.snapshotParams(live.userAttrs, live.systemAttrs);
    }
    this.runtime.publish(this.live);
    this.writes.pushParam({ name, value, distribution: dist });
    return value;
  }

  /** The next snapshot of the running trial, with its current params. */
  private snapshotParams(
    userAttrs: Readonly<Record<string, JsonValue>>,
    systemAttrs: Readonly<Record<string, JsonValue>>,
  ): FrozenTrial {
    const log = this.paramLog;
    if (log === undefined)
      return this.nextSnapshot(this.live.params, this.live.distributions, userAttrs, systemAttrs);
    const size = log.size;
    return this.nextSnapshot(
      () => log.params(size),
      () => log.distributions(size),
      userAttrs,
      systemAttrs,
    );
  }

  /**
   * The next snapshot of the running trial: a plain frozen literal, or, past LAZY_FROM
   * parameters, one whose params are built from the log when first read.
   */
  private nextSnapshot(
    params: Lazy<Readonly<Record<string, ParamValue>>>,
    distributions: Lazy<Readonly<Record<string, Distribution>>>,
    userAttrs: Readonly<Record<string, JsonValue>>,
    systemAttrs: Readonly<Record<string, JsonValue>>,
  ): FrozenTrial {
    const live = this.live;
    const intermediateValues = this.reported ?? live.intermediateValues;
    if (typeof params !== 'function' && typeof distributions !== 'function')
      return changed(live, params, distributions, intermediateValues, userAttrs, systemAttrs);
    return lazySnapshot(live, params, distributions, intermediateValues, userAttrs, systemAttrs);
  }

  private pick(name: string, dist: Distribution): ParamValue {
    const fixed = this.live.systemAttrs.fixed_params;
    if (
      fixed !== undefined &&
      fixed !== null &&
      typeof fixed === 'object' &&
      !Array.isArray(fixed) &&
      Object.hasOwn(fixed, name)
    ) {
      return this.checkFixed(name, dist, fixed[name]);
    }
    if (isSingle(dist)) return singleValue(dist);
    const relative = this.relativeSpace[name];
    if (
      relative !== undefined &&
      Object.hasOwn(this.relativeParams, name) &&
      distributionsEqual(relative, dist)
    ) {
      const v = this.relativeParams[name];
      // Optuna falls back to independent sampling when the relative value is out of range.
      if (contains(dist, v)) return v as ParamValue;
    }
    const { sampler } = this.runtime;
    const v = sampler.sampleIndependent(this.samplerView, this.live, name, dist);
    if (!contains(dist, v)) {
      throw new TunekitError(
        `sampler ${sampler.name} returned ${JSON.stringify(v)} for parameter "${name}", which is not in ${describe(dist)}`,
      );
    }
    return v as ParamValue;
  }

  private checkFixed(name: string, dist: Distribution, v: JsonValue): ParamValue {
    if (contains(dist, v)) return v as ParamValue;
    if (dist.type === 'int' && typeof v === 'number' && !Number.isInteger(v)) {
      // Optuna would return int(v) but store v; an int parameter that is not an integer is a mistake.
      throw new InvalidArgumentError(
        name,
        v,
        `the enqueued value of an int parameter must be an integer (${describe(dist)})`,
      );
    }
    if (dist.type !== 'categorical' && dist.log && typeof v === 'number' && !(v > 0)) {
      // Optuna raises here too ("is invalid value for the case log=True"): no sampler can
      // place the value on a log axis, so it would corrupt their models, not just miss.
      throw new InvalidArgumentError(
        name,
        v,
        `the enqueued value of a log parameter must be positive (${describe(dist)})`,
      );
    }
    if (dist.type !== 'categorical' && typeof v === 'number' && Number.isFinite(v)) {
      // Optuna uses an out-of-range fixed number anyway, with a warning.
      console.warn(
        `tunekit: fixed parameter "${name}" with value ${v} is out of range for ${describe(dist)}; using it anyway`,
      );
      return v;
    }
    throw new InvalidArgumentError(name, v, `the enqueued value is not in ${describe(dist)}`);
  }

  /**
   * Reports an intermediate objective value at `step` (a non-negative integer) for pruners.
   * A second report at the same step is ignored with a warning, as in Optuna.
   */
  report(value: number, step: number): void {
    this.assertRunning();
    if (this.runtime.directions.length > 1) {
      throw new TunekitError('trial.report() is not supported for multi-objective studies');
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      throw new InvalidArgumentError('step', step, 'must be a non-negative integer');
    }
    if (typeof value !== 'number')
      throw new InvalidArgumentError('value', value, 'must be a number');
    const live = this.live;
    if (live.intermediateValues.has(step)) {
      this.warnedSteps ??= new Set();
      if (!this.warnedSteps.has(step)) {
        this.warnedSteps.add(step);
        console.warn(
          `tunekit: trial ${this.number} already reported a value at step ${step}; the new value is ignored`,
        );
      }
      return;
    }
    // Copied once, at the first report: the Map the trial started with (a retry's inherited
    // values, say) may be the storage's.
    this.reported ??= new Map(live.intermediateValues);
    this.reported.set(step, value);
    this.live = this.snapshotParams(live.userAttrs, live.systemAttrs);
    this.runtime.publish(this.live);
    const { storage, background } = this.runtime;
    const trialId = this.trialId;
    this.writes.push(() => storage.setTrialIntermediateValue(trialId, step, value));
    // The view `shouldPrune` reads is the study's cache; refreshing it now, in the background,
    // brings in what other workers stored by the time the objective reaches its next step.
    if (background !== undefined) {
      if (!this.refreshing) {
        this.refreshing = true;
        background.join();
      }
      background.request();
    }
  }

  /**
   * Whether the study's pruner says this trial should stop now. The pruner sees the study as
   * last read from storage: at trial start, and in the background after each `report`.
   */
  shouldPrune(): boolean {
    this.assertRunning();
    if (this.runtime.directions.length > 1) {
      throw new TunekitError('trial.shouldPrune() is not supported for multi-objective studies');
    }
    const pruner = this.runtime.pruner;
    const decision = pruner.prune(this.fullView, this.live, STORES_SYSTEM_ATTRS);
    // Pruners cannot write storage from `prune`; what they hand back here (successive
    // halving's rung values, say) is stored so that decisions survive restarts and are
    // shared between workers.
    const attrs = pruner.takeSystemAttrs?.(this.live);
    if (attrs !== undefined) for (const [k, v] of Object.entries(attrs)) this.setSystemAttr(k, v);
    return decision;
  }

  setUserAttr(key: string, value: JsonValue): void {
    this.assertRunning();
    const v = snapshotJson(value, key);
    const live = this.live;
    this.live = this.snapshotParams(withKey(live.userAttrs, key, v), live.systemAttrs);
    this.runtime.publish(this.live);
    const { storage } = this.runtime;
    const trialId = this.trialId;
    this.writes.push(() => storage.setTrialUserAttr(trialId, key, v));
  }

  setSystemAttr(key: string, value: JsonValue): void {
    this.assertRunning();
    const v = snapshotJson(value, key);
    this.live = this.snapshotParams(this.live.userAttrs, withKey(this.live.systemAttrs, key, v));
    this.runtime.publish(this.live);
    const { storage } = this.runtime;
    const trialId = this.trialId;
    this.writes.push(() => storage.setTrialSystemAttr(trialId, key, v));
  }

  /** Whether the trial was finished (told, or ended by optimize). */
  get isFinished(): boolean {
    return this.finished;
  }

  private takeSystemAttrs(): void {
    const attrs = this.runtime.sampler.takeSystemAttrs?.(this.live);
    if (attrs === undefined) return;
    for (const [k, v] of Object.entries(attrs)) this.setSystemAttr(k, v);
  }

  private assertRunning(): void {
    if (this.finished) throw new TrialStateError(`trial ${this.number} is already finished`);
  }

  /**
   * Ends the trial: waits for the queued writes (a failed write turns the trial into FAIL),
   * calls the sampler's afterTrial, then stores the state with a compare-and-set. Internal:
   * use `study.tell`.
   */
  async finish(
    state: TrialState,
    values: number[] | undefined,
    failReason?: string,
  ): Promise<TrialOutcome> {
    if (this.finished) throw new TrialStateError(`trial ${this.number} is already finished`);
    this.finished = true;
    const { storage, sampler, background } = this.runtime;
    let refreshed: Promise<void> | undefined;
    if (this.refreshing && background !== undefined) {
      this.refreshing = false;
      refreshed = background.leave();
    }
    if (failReason !== undefined && state === 'FAIL') {
      this.live = this.snapshotParams(
        this.live.userAttrs,
        withKey(this.live.systemAttrs, 'fail_reason', failReason),
      );
      const trialId = this.trialId;
      this.writes.push(() => storage.setTrialSystemAttr(trialId, 'fail_reason', failReason));
    }
    let writeError: unknown;
    try {
      await this.writes.flush();
    } catch (e) {
      writeError = e;
      state = 'FAIL';
      values = undefined;
      const reason = `a storage write failed: ${e instanceof Error ? e.message : String(e)}`;
      await storage.setTrialSystemAttr(this.trialId, 'fail_reason', reason).catch(() => undefined);
    }
    let hookError: { error: unknown } | undefined;
    try {
      sampler.afterTrial?.(this.samplerView, this.live, state, values);
    } catch (error) {
      // As in Optuna, the state is stored even when afterTrial throws; the error is rethrown after.
      hookError = { error };
    }
    let result: FinishTrialResult | boolean;
    try {
      // finishTrial, when the storage has it, returns the stored trial: no getTrial after it.
      result =
        storage.finishTrial !== undefined
          ? await storage.finishTrial(this.trialId, state, values)
          : await storage.setTrialState(this.trialId, state, values);
    } catch (e) {
      // Nothing was stored: the trial is still RUNNING and still this process's, so a retry of
      // `tell` (with this Trial or its number) must be able to finish it.
      this.finished = false;
      throw e;
    }
    let stored: boolean;
    let final: FrozenTrial;
    if (typeof result === 'boolean') {
      stored = result;
      try {
        final = await storage.getTrial(this.trialId);
      } catch (e) {
        this.runtime.release(this.live);
        throw e;
      }
    } else {
      ({ stored, trial: final } = result);
    }
    this.live = final;
    this.runtime.release(final);
    // Never rejects. Awaited last, so the finish overlaps a read still in flight.
    if (refreshed !== undefined) await refreshed;
    if (hookError !== undefined) throw hookError.error;
    // Taken only now: had the trial not been stored, the error would wait for the next one.
    const refreshFailure = background?.takeFailure();
    return refreshFailure === undefined
      ? { trial: final, writeError, stored }
      : { trial: final, writeError, stored, refreshError: refreshFailure.error };
  }
}
