import type { Distribution } from '@tunekit/search-space';

/** The life cycle of a trial. WAITING trials were enqueued and are not yet claimed by a worker. */
export type TrialState = 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';

export type StudyDirection = 'minimize' | 'maximize';

/** A value a parameter may take (the external representation, as the objective sees it). */
export type ParamValue = string | number | boolean | null;

/** A JSON value: what user and system attributes may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** An immutable snapshot of one trial, as storages return it and samplers and pruners read it. */
export interface FrozenTrial {
  /** Storage-wide identifier, used by storage methods. */
  readonly trialId: number;
  /** 0-based, consecutive and unique within the study. */
  readonly number: number;
  readonly state: TrialState;
  /** The objective value of a single-objective trial (values[0]). */
  readonly value?: number;
  readonly values?: readonly number[];
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** step -> reported value. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  /** Attributes for tunekit and its plugins (grid ids, rungs, retry history, fail reasons). */
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly datetimeStart?: Date;
  readonly datetimeComplete?: Date;
}

/**
 * Read-only, synchronous access to a study, refreshed from storage by the runtime before
 * each sampling step, so that sampler and pruner code stays synchronous and storage-agnostic.
 */
export interface StudyView {
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  /** directions[0]; a convenience for single-objective code. */
  readonly direction: StudyDirection;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  /** All trials in number order. */
  readonly trials: readonly FrozenTrial[];
  getTrials(options?: { states?: readonly TrialState[] }): readonly FrozenTrial[];
  /** Asks the running optimize loop(s) of this process to stop after the trials in flight. */
  stop(): void;
}

/** A strategy that proposes parameter values. See the plugin guide in docs/architecture.md. */
export interface Sampler {
  readonly name: string;
  /** The space to sample jointly for this trial (by `sampleRelative`); empty means none. */
  inferRelativeSearchSpace?(study: StudyView, trial: FrozenTrial): Record<string, Distribution>;
  /** Values for (a subset of) the relative space; missing names fall back to `sampleIndependent`. */
  sampleRelative?(
    study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown>;
  /** A value for one parameter not covered by the relative space. */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown;
  beforeTrial?(study: StudyView, trial: FrozenTrial): void;
  afterTrial?(study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]): void;
  /**
   * System attributes the sampler wants stored on the trial (for example a grid id), read
   * by the runtime after `beforeTrial` and after `sampleRelative`.
   */
  takeSystemAttrs?(trial: FrozenTrial): Record<string, JsonValue> | undefined;
}

/** What the caller of `Pruner.prune` does with the pruner's output. */
export interface PruneContext {
  /**
   * True when the caller stores on the trial what `takeSystemAttrs` returns, right after this
   * `prune` call (tunekit's runtime does). A pruner can then take a trial's stored attrs as
   * its whole record from the first call on; without this it cannot tell such a caller from
   * one that stores nothing until the caller first takes its attrs.
   */
  readonly storesSystemAttrs: boolean;
}

/** Decides whether a running trial should stop early, from its intermediate values. */
export interface Pruner {
  prune(study: StudyView, trial: FrozenTrial, context?: PruneContext): boolean;
  /**
   * Optional: the pruner's name, for messages and logs. Every built-in pruner has one (its
   * class name); the contract keeps it optional so that a bare `{ prune }` object stays a
   * pruner.
   */
  readonly name?: string;
  /**
   * Optional: the view of the study the sampler should see for this trial (Hyperband shows
   * a sampler only the trials of the trial's own bracket). Defaults to the whole study.
   */
  samplerView?(study: StudyView, trial: FrozenTrial): StudyView;
  /**
   * Optional: system attributes to store on the trial after a `prune` call (for example
   * the rungs successive halving has recorded), read by the runtime right after `prune`.
   */
  takeSystemAttrs?(trial: FrozenTrial): Record<string, JsonValue> | undefined;
  /**
   * Optional: `false` when `prune` decides from the trial's own values alone (a threshold, a
   * no-op), so the runtime need not re-read the study while the trial runs. Otherwise, after
   * each `report`, the runtime refreshes the study in the background for the next `prune`.
   */
  readonly readsOtherTrials?: boolean;
}

/** What a storage knows of a study without its trials. */
export interface StudySummary {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly nTrials: number;
  readonly datetimeStart?: Date;
}

/** One parameter of a bulk `Storage.setTrialParams` write. */
export interface ParamEntry {
  readonly name: string;
  readonly value: ParamValue;
  readonly distribution: Distribution;
}

/** What `Storage.finishTrial` reports. */
export interface FinishTrialResult {
  /** Whether this call finished the trial (false: it was not RUNNING, nothing changed). */
  readonly stored: boolean;
  /** The trial as stored after the call, with the storage's own datetimes. */
  readonly trial: FrozenTrial;
}

/** What `createTrial` may be given; the storage assigns trialId and number. */
export interface TrialTemplate {
  /** Default 'RUNNING'. 'WAITING' enqueues; 'COMPLETE' etc. add a finished trial. */
  readonly state?: TrialState;
  readonly values?: readonly number[];
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly distributions?: Readonly<Record<string, Distribution>>;
  readonly intermediateValues?: ReadonlyMap<number, number>;
  readonly userAttrs?: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs?: Readonly<Record<string, JsonValue>>;
  readonly datetimeStart?: Date;
  readonly datetimeComplete?: Date;
}

/**
 * Where studies and trials live. Every method is async so that the same runtime drives
 * in-memory, file and database storages; every storage passes the shared conformance suite.
 *
 * Rules every implementation keeps:
 * - trial numbers are 0, 1, 2, ... within a study, unique even under concurrent writers;
 * - study and trial ids are never reused, not even after `deleteStudy` (workers, heartbeats
 *   and caches may still hold the id of a trial whose study is gone);
 * - only a RUNNING trial can be modified or finished (`setTrialState` is a compare-and-set);
 * - a WAITING trial is claimed (moved to RUNNING) by exactly one caller of `claimWaitingTrial`;
 * - a failed call leaves stored data as it was.
 *
 * The optional members let a storage do in one round trip what the runtime would otherwise
 * do in several; the runtime uses them when present and falls back to the required members.
 * With all three, a trial of `optimize` costs four calls: `claimOrCreateTrial`, one
 * `getAllTrials(fromNumber)` refresh, one `setTrialParams` and `finishTrial`.
 */
export interface Storage {
  /** Throws DuplicatedStudyError when the name is taken. */
  createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number>;
  /** Throws StudyNotFoundError. Deletes the study's trials too. */
  deleteStudy(studyId: number): Promise<void>;
  /** Throws StudyNotFoundError. */
  getStudyIdFromName(studyName: string): Promise<number>;
  getStudy(studyId: number): Promise<StudySummary>;
  getAllStudies(): Promise<StudySummary[]>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;

  createTrial(studyId: number, template?: TrialTemplate): Promise<FrozenTrial>;
  /** Atomically moves the oldest WAITING trial to RUNNING and returns it, or null if none. */
  claimWaitingTrial(studyId: number): Promise<FrozenTrial | null>;
  /**
   * Optional: `claimWaitingTrial`, and when no WAITING trial is left `createTrial(studyId)`
   * (a new RUNNING trial), as one atomic call. It must keep both rules: a WAITING trial goes
   * to exactly one caller, and numbers stay unique and consecutive.
   */
  claimOrCreateTrial?(studyId: number): Promise<FrozenTrial>;
  /** Throws when the trial is not RUNNING or the name has another distribution. */
  setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void>;
  /**
   * Optional: several params of one trial in one call, all or none, with `setTrialParam`'s
   * checks for each (the trial must be RUNNING; a name keeps one distribution). The runtime
   * merges the suggestions an objective makes back to back into one call.
   */
  setTrialParams?(trialId: number, entries: readonly ParamEntry[]): Promise<void>;
  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  /**
   * Moves a RUNNING trial to a finished state (or WAITING -> RUNNING). Returns false, and
   * changes nothing, when the trial is not in a state that allows it.
   */
  setTrialState(trialId: number, state: TrialState, values?: readonly number[]): Promise<boolean>;
  /**
   * Optional: `setTrialState` to a finished state ('COMPLETE', 'PRUNED' or 'FAIL'; any other
   * state throws InvalidArgumentError) that also returns the trial as stored afterwards, so
   * the runtime needs no `getTrial` after it. Same compare-and-set: when the trial was not
   * RUNNING, nothing changes and `stored` is false.
   */
  finishTrial?(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<FinishTrialResult>;
  getTrial(trialId: number): Promise<FrozenTrial>;
  /**
   * Trials of a study in number order; `fromNumber` returns only those with
   * number >= fromNumber, which lets the runtime re-read just the unfinished tail.
   */
  getAllTrials(
    studyId: number,
    options?: { states?: readonly TrialState[]; fromNumber?: number },
  ): Promise<FrozenTrial[]>;

  /** Records that the worker running this trial is alive. */
  recordHeartbeat(trialId: number): Promise<void>;
  /** Marks FAIL every RUNNING trial whose last heartbeat is older than graceMs; returns their ids. */
  failStaleTrials(studyId: number, graceMs: number): Promise<number[]>;
  /** Releases connections and file handles. */
  close?(): Promise<void>;
}
