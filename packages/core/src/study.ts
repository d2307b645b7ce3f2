import {
  contains,
  type Distribution,
  describe,
  SearchSpaceError,
  validateDistribution,
} from '@tunekit/search-space';
import { BackgroundRefresh } from './background-refresh.js';
import { NEVER_PRUNE } from './defaults.js';
import { InvalidArgumentError, StorageError, TrialStateError, TunekitError } from './errors.js';
import { Heartbeats } from './heartbeat.js';
import { checkObjectiveValues } from './objective-values.js';
import {
  type Objective,
  type OptimizeHost,
  type OptimizeOptions,
  optimizeLoop,
  prunedValues,
  type StartedTrial,
} from './optimize.js';
import { checkParamName } from './param-name.js';
import { paretoFront } from './pareto.js';
import { isParamValue } from './records.js';
import { isFinishedState } from './storage/rules.js';
import { Trial, type TrialRuntime } from './trial.js';
import type {
  FrozenTrial,
  JsonValue,
  ParamValue,
  Pruner,
  Sampler,
  Storage,
  StudyDirection,
  StudySummary,
  StudyView,
  TrialState,
  TrialTemplate,
} from './types.js';
import { makeStudyView } from './view.js';

/** Called for each trial that `failStaleTrials` marked FAIL (Optuna's failed_trial_callback). */
export type FailedTrialCallback = (study: Study, trial: FrozenTrial) => void | Promise<void>;

/** Heartbeat settings: while a trial runs in `optimize`, its heartbeat is recorded every interval. */
export interface HeartbeatOptions {
  readonly heartbeatIntervalMs?: number | undefined;
  /** A RUNNING trial whose heartbeat is older than this is failed. Default 2 x interval. */
  readonly gracePeriodMs?: number | undefined;
  readonly failedTrialCallback?: FailedTrialCallback | undefined;
}

/** Everything a Study is made from. Internal: use createStudy / loadStudy. */
export interface StudyInit extends HeartbeatOptions {
  readonly storage: Storage;
  readonly summary: StudySummary;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
}

export interface EnqueueOptions {
  readonly userAttrs?: Readonly<Record<string, JsonValue>> | undefined;
  /** Skip when a trial with the same params already exists (in any state). */
  readonly skipIfExists?: boolean | undefined;
}

export interface TellOptions {
  /**
   * 'PRUNED' and 'FAIL' take no values; 'COMPLETE' needs valid ones. Left out, the values
   * decide, as in Optuna: valid ones complete the trial, anything else (missing, NaN, a wrong
   * count) makes it FAIL with the reason.
   */
  readonly state?: 'COMPLETE' | 'PRUNED' | 'FAIL' | undefined;
  /** Return the stored trial instead of throwing when it is already finished (Optuna's skip_if_finished). */
  readonly skipIfFinished?: boolean | undefined;
}

/**
 * At most this many unfinished trials of other processes are re-read one by one rather than
 * with everything after the first of them (a round trip each, in parallel, on a database).
 */
const MAX_SINGLE_READS = 16;

// WAITING < RUNNING < finished: a refresh never moves a cached trial backwards.
function rank(state: TrialState): number {
  return state === 'WAITING' ? 0 : state === 'RUNNING' ? 1 : 2;
}

function checkParamValue(name: string, v: unknown): asserts v is ParamValue {
  if (!isParamValue(v)) {
    throw new InvalidArgumentError(
      `params.${name}`,
      v,
      'must be a string, a finite number, a boolean or null',
    );
  }
}

/**
 * Whether an enqueued value repeats an existing one, as Optuna's skip_if_exists decides: same
 * type, and numbers equal up to a relative tolerance of 1e-5 of the existing value (its
 * np.isclose with atol=0), so a value that went through float formatting still matches.
 */
function sameParamValue(enqueued: unknown, existing: unknown): boolean {
  if (typeof enqueued === 'number' && typeof existing === 'number') {
    return (
      enqueued === existing ||
      (Number.isNaN(enqueued) && Number.isNaN(existing)) ||
      Math.abs(enqueued - existing) <= 1e-5 * Math.abs(existing)
    );
  }
  return enqueued === existing;
}

/**
 * A study: an optimisation task, its trials and the plugins that drive it. Made by
 * `createStudy` or `loadStudy`. The study keeps its trials cached and re-reads only the
 * tail from the first unfinished trial, so the cost of a trial does not grow with the study.
 */
export class Study {
  readonly studyName: string;
  readonly studyId: number;
  readonly directions: readonly StudyDirection[];
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly storage: Storage;

  private readonly cache: FrozenTrial[] = [];
  private firstUnfinished = 0;
  private readonly liveTrials = new Map<number, Trial>();
  private studyUserAttrs: Readonly<Record<string, JsonValue>>;
  private studySystemAttrs: Readonly<Record<string, JsonValue>>;
  private readonly runs = new Set<{ stopped: boolean }>();
  private readonly heartbeats: Heartbeats | undefined;
  private readonly heartbeat: HeartbeatOptions;
  private readonly runtime: TrialRuntime;
  private readonly host: OptimizeHost;
  /** Keeps the cache fresh for the pruner while trials report; none when nothing would read it. */
  private readonly background: BackgroundRefresh | undefined;
  /** Reads of the trial tail started so far, and the latest of them merged into the cache. */
  private readsStarted = 0;
  private newestMerged = 0;

  /** Internal: use createStudy / loadStudy. */
  constructor(init: StudyInit) {
    this.storage = init.storage;
    this.studyId = init.summary.studyId;
    this.studyName = init.summary.studyName;
    this.directions = Object.freeze([...init.summary.directions]);
    this.studyUserAttrs = init.summary.userAttrs;
    this.studySystemAttrs = init.summary.systemAttrs;
    this.sampler = init.sampler;
    this.pruner = init.pruner;
    this.heartbeat = {
      heartbeatIntervalMs: init.heartbeatIntervalMs,
      gracePeriodMs: init.gracePeriodMs,
      failedTrialCallback: init.failedTrialCallback,
    };
    this.heartbeats =
      init.heartbeatIntervalMs === undefined
        ? undefined
        : new Heartbeats(init.storage, init.heartbeatIntervalMs);
    // A pruner that judges a trial by its own values alone (the default never-prune one, or one
    // that says so) gains nothing from fresher trials: its trials cost no extra reads.
    this.background =
      this.pruner === NEVER_PRUNE || this.pruner.readsOtherTrials === false
        ? undefined
        : new BackgroundRefresh(() => this.refresh());
    this.runtime = {
      study: this,
      background: this.background,
      directions: this.directions,
      storage: this.storage,
      sampler: this.sampler,
      pruner: this.pruner,
      publish: (t) => {
        this.cache[t.number] = t;
      },
      numericDists: new Map(),
      release: (t) => {
        this.liveTrials.delete(t.number);
        const old = this.cache[t.number];
        if (old === undefined || rank(t.state) >= rank(old.state)) this.cache[t.number] = t;
        this.advance();
      },
    };
    this.host = {
      study: this,
      directions: this.directions,
      heartbeat: this.heartbeats !== undefined,
      failStaleTrials: () => this.failStaleTrials(),
      start: () => this.start(undefined, true),
      register: (run) => {
        this.runs.add(run);
        return () => this.runs.delete(run);
      },
    };
  }

  /** The only objective's direction. Throws for a multi-objective study: use `directions`. */
  get direction(): StudyDirection {
    if (this.directions.length > 1) {
      throw new TunekitError(
        'study.direction is not defined for a multi-objective study; use study.directions',
      );
    }
    return this.directions[0];
  }

  /** All trials in number order, from the study's cache (call `getTrials` to re-read storage). */
  get trials(): FrozenTrial[] {
    return this.cache.slice();
  }

  /** Re-reads new and unfinished trials from storage, then returns those in `states`. */
  async getTrials(options: { states?: readonly TrialState[] } = {}): Promise<FrozenTrial[]> {
    await this.refresh();
    await this.refreshStudyAttrs();
    const states = options.states;
    return states === undefined
      ? this.cache.slice()
      : this.cache.filter((t) => states.includes(t.state));
  }

  /** The best COMPLETE trial (the first of equals). Single-objective studies only. */
  get bestTrial(): FrozenTrial {
    if (this.directions.length > 1) {
      throw new TunekitError(
        'bestTrial is not defined for a multi-objective study; use bestTrials (the Pareto front)',
      );
    }
    const minimize = this.directions[0] === 'minimize';
    let best: FrozenTrial | undefined;
    for (const t of this.cache) {
      if (t.state !== 'COMPLETE' || t.value === undefined) continue;
      if (
        best === undefined ||
        (minimize ? t.value < (best.value as number) : t.value > (best.value as number))
      )
        best = t;
    }
    if (best === undefined)
      throw new TunekitError(`study "${this.studyName}" has no COMPLETE trial yet`);
    return best;
  }

  get bestValue(): number {
    return this.bestTrial.value as number;
  }

  get bestParams(): Readonly<Record<string, ParamValue>> {
    return this.bestTrial.params;
  }

  /** The Pareto front of the COMPLETE trials (for one objective: every trial with the best value). */
  get bestTrials(): FrozenTrial[] {
    return paretoFront(this.cache, this.directions);
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.studyUserAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.studySystemAttrs;
  }

  async setUserAttr(key: string, value: JsonValue): Promise<void> {
    await this.storage.setStudyUserAttr(this.studyId, key, value);
    await this.refreshStudyAttrs();
  }

  async setSystemAttr(key: string, value: JsonValue): Promise<void> {
    await this.storage.setStudySystemAttr(this.studyId, key, value);
    await this.refreshStudyAttrs();
  }

  /**
   * Starts a trial outside `optimize` (ask-and-tell). The parameters of `fixed` are
   * suggested at once from their distributions, as Optuna's `ask(fixed_distributions)` does.
   */
  async ask(fixed?: Readonly<Record<string, Distribution>>): Promise<Trial> {
    return (await this.start(fixed, false)).trial;
  }

  /**
   * Claims a trial and begins it. With `beat` (and heartbeats on), its heartbeat starts as soon
   * as it is claimed, before the study is re-read and the sampler runs: a worker that dies
   * while sampling then leaves a trial that other workers can judge stale, not one RUNNING for
   * ever.
   */
  private async start(
    fixed: Readonly<Record<string, Distribution>> | undefined,
    beat: boolean,
  ): Promise<StartedTrial> {
    const dists: [string, Distribution][] = [];
    for (const [name, d] of Object.entries(fixed ?? {})) {
      try {
        dists.push([name, validateDistribution(d, name)]);
      } catch (e) {
        throw e instanceof SearchSpaceError ? e.withParam(name) : e;
      }
    }
    const { storage } = this;
    // One round trip when the storage can claim-or-create atomically, else two.
    const frozen =
      storage.claimOrCreateTrial !== undefined
        ? await storage.claimOrCreateTrial(this.studyId)
        : ((await storage.claimWaitingTrial(this.studyId)) ??
          (await storage.createTrial(this.studyId)));
    const heartbeat = beat ? this.heartbeats?.start(frozen.trialId) : undefined;
    const stopHeartbeat = heartbeat?.stop ?? (() => undefined);
    try {
      // The first beat and the re-read go together: both are done before the sampler runs.
      await Promise.all([heartbeat?.first, this.refresh()]);
      if (frozen.number > this.cache.length) {
        throw new StorageError(
          `the storage created trial ${frozen.number} but listed only ${this.cache.length} trials before it`,
        );
      }
    } catch (e) {
      // The trial exists in storage but nobody will run it: left RUNNING it would look like
      // work in flight for ever (grid points held, constant-liar samplers misled).
      stopHeartbeat();
      await this.abandon(frozen, e);
      throw e;
    }
    const trial = new Trial(this.runtime, frozen, this.view());
    this.liveTrials.set(frozen.number, trial);
    this.cache[frozen.number] = frozen;
    try {
      trial.begin();
      for (const [name, d] of dists) trial.suggestFrom(name, d);
    } catch (e) {
      stopHeartbeat();
      // The trial exists in storage: record why it never ran instead of leaving it RUNNING.
      await trial
        .finish('FAIL', undefined, e instanceof Error ? e.message : String(e))
        .catch(() => undefined);
      throw e;
    }
    return { trial, stopHeartbeat };
  }

  /**
   * Finishes a trial started by `ask` (or any RUNNING trial of the study, by number). Without
   * a state, values are checked as `optimize` checks them: missing, a wrong count, NaN or a
   * non-number makes the trial FAIL with the reason in its system attrs. Returns the stored trial.
   */
  async tell(
    trialOrNumber: Trial | number,
    valueOrValues?: number | readonly number[],
    options: TellOptions = {},
  ): Promise<FrozenTrial> {
    // Arguments first: a refused call must not leave a trial adopted from storage behind.
    const explicit = options.state;
    const state = explicit ?? 'COMPLETE';
    if (state !== 'COMPLETE' && state !== 'PRUNED' && state !== 'FAIL') {
      throw new InvalidArgumentError('state', state, "must be 'COMPLETE', 'PRUNED' or 'FAIL'");
    }
    if (explicit === 'COMPLETE' && valueOrValues === undefined) {
      throw new InvalidArgumentError(
        'valueOrValues',
        undefined,
        'values are required when the state is COMPLETE',
      );
    }
    if (state !== 'COMPLETE' && valueOrValues !== undefined) {
      throw new InvalidArgumentError(
        'valueOrValues',
        valueOrValues,
        `a ${state} trial takes no values`,
      );
    }
    // As in Optuna: without a state, values that are not a result (missing, NaN, wrong count)
    // make the trial FAIL; an explicit COMPLETE with such values is refused, the trial untouched.
    const check =
      state === 'COMPLETE'
        ? checkObjectiveValues(valueOrValues, this.directions.length)
        : undefined;
    if (check !== undefined && !check.ok && explicit === 'COMPLETE') {
      throw new InvalidArgumentError('valueOrValues', valueOrValues, check.reason);
    }
    let trial: Trial;
    try {
      trial = await this.trialToTell(trialOrNumber);
    } catch (e) {
      if (!(e instanceof TrialStateError) || options.skipIfFinished !== true) throw e;
      const number = typeof trialOrNumber === 'number' ? trialOrNumber : trialOrNumber.number;
      await this.refresh();
      return this.cache[number];
    }
    let finalState: TrialState = state;
    let values: number[] | undefined;
    let reason: string | undefined;
    if (check !== undefined) {
      if (check.ok) values = check.values;
      else {
        finalState = 'FAIL';
        reason = check.reason;
        console.warn(`tunekit: trial ${trial.number} failed because of: ${reason}`);
      }
    } else if (state === 'PRUNED') {
      values = prunedValues(trial.snapshot, this.directions.length);
    }
    const outcome = await trial.finish(finalState, values, reason);
    if (outcome.writeError !== undefined) throw outcome.writeError;
    if (!outcome.stored) {
      throw new TrialStateError(
        `trial ${trial.number} was finished elsewhere (it is ${outcome.trial.state})`,
      );
    }
    // The trial is stored as it ended; the study could not be re-read for the pruner meanwhile.
    if (outcome.refreshError !== undefined) throw outcome.refreshError;
    return outcome.trial;
  }

  /**
   * Adds a WAITING trial with fixed parameters; it is evaluated before the sampler is asked.
   * Parameters the objective suggests but `params` lacks are sampled as usual.
   */
  async enqueueTrial(
    params: Readonly<Record<string, ParamValue>>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new InvalidArgumentError('params', params, 'must be an object of parameter values');
    }
    for (const [k, v] of Object.entries(params)) {
      checkParamName(`params.${k}`, k);
      checkParamValue(k, v);
    }
    if (options.skipIfExists === true) {
      await this.refresh();
      const keys = Object.keys(params);
      const exists = this.cache.some((t) => {
        const fixed = t.systemAttrs.fixed_params;
        const p = (
          fixed !== null && typeof fixed === 'object' && !Array.isArray(fixed) ? fixed : t.params
        ) as Record<string, unknown>;
        const pk = Object.keys(p);
        return (
          pk.length === keys.length &&
          keys.every((k) => Object.hasOwn(p, k) && sameParamValue(params[k], p[k]))
        );
      });
      if (exists) return;
    }
    const t = await this.storage.createTrial(this.studyId, {
      state: 'WAITING',
      userAttrs: options.userAttrs,
      systemAttrs: { fixed_params: { ...params } },
    });
    if (t.number === this.cache.length) this.refreshWith([t]);
  }

  /**
   * Adds a finished trial made elsewhere (Optuna's add_trial). The state defaults to
   * COMPLETE, which needs one value per objective; params must lie in their distributions.
   */
  async addTrial(template: TrialTemplate): Promise<FrozenTrial> {
    const state = template.state ?? 'COMPLETE';
    if (state !== 'COMPLETE' && state !== 'PRUNED' && state !== 'FAIL' && state !== 'WAITING') {
      throw new InvalidArgumentError(
        'state',
        state,
        "must be 'COMPLETE', 'PRUNED', 'FAIL' or 'WAITING'",
      );
    }
    if (state === 'COMPLETE') {
      const check = checkObjectiveValues(template.values, this.directions.length);
      if (!check.ok) throw new InvalidArgumentError('values', template.values, check.reason);
    } else if (template.values !== undefined) {
      const check = checkObjectiveValues(template.values, this.directions.length);
      if (!check.ok) throw new InvalidArgumentError('values', template.values, check.reason);
    }
    const params = template.params ?? {};
    const dists = template.distributions ?? {};
    for (const name of Object.keys(dists)) {
      checkParamName(`distributions.${name}`, name);
      if (!Object.hasOwn(params, name)) {
        throw new InvalidArgumentError(
          `distributions.${name}`,
          describe(dists[name]),
          'has no value in params',
        );
      }
    }
    for (const [name, v] of Object.entries(params)) {
      checkParamName(`params.${name}`, name);
      const d = dists[name];
      if (d === undefined)
        throw new InvalidArgumentError(`params.${name}`, v, 'has no distribution');
      const valid = validateDistribution(d, name);
      if (!contains(valid, v))
        throw new InvalidArgumentError(`params.${name}`, v, `is not in ${describe(valid)}`);
    }
    for (const [step, v] of template.intermediateValues ?? []) {
      if (!Number.isInteger(step) || step < 0)
        throw new InvalidArgumentError(
          'intermediateValues step',
          step,
          'must be a non-negative integer',
        );
      if (typeof v !== 'number')
        throw new InvalidArgumentError(`intermediateValues[${step}]`, v, 'must be a number');
    }
    const t = await this.storage.createTrial(this.studyId, { ...template, state });
    await this.refresh();
    return t;
  }

  /** Runs the objective for `nTrials` trials (or until timeout, stop() or the signal). */
  optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    return optimizeLoop(this.host, objective, options);
  }

  /** Asks running `optimize` calls of this study to start no new trial; trials in flight finish. */
  stop(): void {
    for (const run of this.runs) run.stopped = true;
  }

  /** Re-reads the study's attrs (the storage keeps its own copies of the values). */
  private async refreshStudyAttrs(): Promise<void> {
    const summary = await this.storage.getStudy(this.studyId);
    this.studyUserAttrs = summary.userAttrs;
    this.studySystemAttrs = summary.systemAttrs;
  }

  /**
   * Re-reads the trials from the first one that is neither finished nor this process's own
   * (those are never replaced by stored copies, so reading them would be wasted) onwards, and
   * merges them into the cache.
   */
  private async refresh(): Promise<void> {
    const read = ++this.readsStarted;
    this.background?.noteRead();
    const from = this.readFrom();
    const tail = this.cache.length;
    const gaps = this.unfinishedBetween(from, tail);
    let fresh: readonly FrozenTrial[];
    if (gaps === undefined) {
      fresh = await this.storage.getAllTrials(this.studyId, { fromNumber: from });
    } else {
      // A trial that runs long in another worker (or was left RUNNING by a killed one) would
      // otherwise make every read fetch all the finished trials after it, with their
      // intermediate values: O(trials) per read, O(trials^2) per study.
      const [newer, ...unfinished] = await Promise.allSettled([
        this.storage.getAllTrials(this.studyId, { fromNumber: tail }),
        ...gaps.map((id) => this.storage.getTrial(id)),
      ]);
      // The tail read's error first (a deleted study is a StudyNotFoundError there, as with
      // one read), whichever call failed first.
      if (newer.status === 'rejected') throw newer.reason;
      const read: FrozenTrial[] = [];
      for (const r of unfinished) {
        if (r.status === 'rejected') throw r.reason;
        read.push(r.value);
      }
      // concat, not push(...): a tail of some 100,000 trials overflows the call's arguments.
      fresh = read.concat(newer.value);
    }
    this.refreshWith(fresh, read);
  }

  private readFrom(): number {
    const { cache, liveTrials } = this;
    let i = this.firstUnfinished;
    while (i < cache.length && (isFinishedState(cache[i].state) || liveTrials.has(i))) i++;
    return i;
  }

  /**
   * The ids of the other processes' unfinished trials in [from, tail), when reading them one
   * by one is cheaper than reading the whole range: at most MAX_SINGLE_READS of them, and
   * at most a quarter of the range. Undefined otherwise.
   */
  private unfinishedBetween(from: number, tail: number): number[] | undefined {
    if (tail - from < 4) return undefined;
    const { cache, liveTrials } = this;
    const ids: number[] = [];
    for (let i = from; i < tail; i++) {
      if (isFinishedState(cache[i].state) || liveTrials.has(i)) continue;
      if (ids.length === MAX_SINGLE_READS || (ids.length + 1) * 4 > tail - from) return undefined;
      ids.push(cache[i].trialId);
    }
    return ids;
  }

  /** `read`: the number of the tail read `fresh` comes from (none: the newest data there is). */
  private refreshWith(fresh: readonly FrozenTrial[], read?: number): void {
    const cache = this.cache;
    // Reads may finish out of order (a background read and a trial start overlap): one that
    // started before a read already merged has older copies of the trials that are still
    // running, which must not replace the newer ones; it may still move a trial forwards.
    const older = read !== undefined && read < this.newestMerged;
    if (read !== undefined && !older) this.newestMerged = read;
    for (const t of fresh) {
      // This process's running trials are ahead of storage (writes are queued). A trial past
      // the end would leave a hole; the next tail refresh brings it with its predecessors.
      if (this.liveTrials.has(t.number) || t.number > cache.length) continue;
      const old = cache[t.number];
      if (old === undefined) cache[t.number] = t;
      else {
        const r = rank(t.state) - rank(old.state);
        if (r > 0 || (r === 0 && !older)) cache[t.number] = t;
      }
    }
    this.advance();
  }

  private advance(): void {
    const cache = this.cache;
    let i = this.firstUnfinished;
    while (i < cache.length && cache[i] !== undefined && isFinishedState(cache[i].state)) i++;
    this.firstUnfinished = i;
  }

  private view(): StudyView {
    return makeStudyView({
      studyName: this.studyName,
      directions: this.directions,
      trials: this.cache,
      userAttrs: this.studyUserAttrs,
      systemAttrs: this.studySystemAttrs,
      onStop: () => this.stop(),
    });
  }

  private async trialToTell(trialOrNumber: Trial | number): Promise<Trial> {
    if (trialOrNumber instanceof Trial) {
      const owner = trialOrNumber.study;
      // Name and id, not object identity: two Study objects (or storage handles) of one study
      // may tell each other's trials.
      if (owner.studyId !== this.studyId || owner.studyName !== this.studyName) {
        throw new InvalidArgumentError(
          'trialOrNumber',
          `trial ${trialOrNumber.number} of study "${owner.studyName}"`,
          `belongs to another study than "${this.studyName}"`,
        );
      }
      if (trialOrNumber.isFinished) {
        throw new TrialStateError(`trial ${trialOrNumber.number} is already finished`);
      }
      return trialOrNumber;
    }
    const number = trialOrNumber;
    if (!Number.isInteger(number) || number < 0) {
      throw new InvalidArgumentError('trialOrNumber', number, 'must be a Trial or a trial number');
    }
    const live = this.liveTrials.get(number);
    if (live !== undefined) return live;
    await this.refresh();
    const frozen = this.cache[number];
    if (frozen === undefined) {
      throw new InvalidArgumentError(
        'trialOrNumber',
        number,
        `study "${this.studyName}" has no trial with this number`,
      );
    }
    if (frozen.state !== 'RUNNING')
      throw new TrialStateError(
        `trial ${number} is ${frozen.state}; only a RUNNING trial can be told`,
      );
    // A trial asked by another process or Study object: adopt it without sampler hooks.
    const trial = new Trial(this.runtime, frozen, this.view());
    this.liveTrials.set(number, trial);
    return trial;
  }

  /** Best effort: marks FAIL, with the reason, a trial that was created but never handed out. */
  private async abandon(frozen: FrozenTrial, error: unknown): Promise<void> {
    const reason = `the trial could not be started: ${error instanceof Error ? error.message : String(error)}`;
    try {
      await this.storage.setTrialSystemAttr(frozen.trialId, 'fail_reason', reason);
      await this.storage.setTrialState(frozen.trialId, 'FAIL');
    } catch {
      // The storage is failing already; the error that matters is the one being thrown.
    }
  }

  private async failStaleTrials(): Promise<void> {
    const { heartbeats } = this;
    if (heartbeats === undefined) return;
    const grace = this.heartbeat.gracePeriodMs ?? 2 * heartbeats.intervalMs;
    const ids = await heartbeats.beforeJudging(grace / 2, () =>
      this.storage.failStaleTrials(this.studyId, grace),
    );
    const callback = this.heartbeat.failedTrialCallback;
    for (const id of ids) {
      const t = await this.storage.getTrial(id);
      this.refreshWith([t]);
      if (callback !== undefined) await callback(this, t);
    }
  }
}
