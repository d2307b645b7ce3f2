import type { Distribution } from '@tunekit/search-space';
import {
  DuplicatedStudyError,
  InvalidArgumentError,
  StudyNotFoundError,
  TrialNotFoundError,
  TrialStateError,
} from '../errors.js';
import { withKey } from '../records.js';
import type {
  FinishTrialResult,
  FrozenTrial,
  JsonValue,
  ParamEntry,
  ParamValue,
  Storage,
  StudyDirection,
  StudySummary,
  TrialState,
  TrialTemplate,
} from '../types.js';
import {
  checkFinishedState,
  checkParamDistribution,
  isFinishedState,
  staleTrialFailReason,
} from './rules.js';

export interface InMemoryStorageOptions {
  /** Clock in epoch milliseconds (tests pass a fake one to age heartbeats). Default Date.now. */
  readonly now?: () => number;
}

interface StudyRecord {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  userAttrs: Readonly<Record<string, JsonValue>>;
  systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly datetimeStart: Date;
  /** Index = trial number. Entries are frozen and replaced on change, never mutated. */
  readonly trials: FrozenTrial[];
  /** Numbers of trials created WAITING, oldest first; `waitingHead` skips claimed ones. */
  readonly waiting: number[];
  waitingHead: number;
}

/**
 * The pending changes of a RUNNING trial. Writes go into a draft (mutable, never handed
 * out) and the next read freezes it into a new snapshot, so a trial with k params costs
 * O(k) to build rather than O(k^2) copies.
 */
interface Draft {
  readonly study: StudyRecord;
  readonly number: number;
  readonly params: Record<string, ParamValue>;
  readonly distributions: Record<string, Distribution>;
  readonly intermediateValues: Map<number, number>;
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
}

interface TrialLocation {
  readonly study: StudyRecord;
  readonly number: number;
}

const EMPTY_INTERMEDIATE: ReadonlyMap<number, number> = new Map();
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/** A deep, frozen copy of a JSON value, so callers cannot change stored attributes later. */
function freezeJson(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  return deepFreeze(JSON.parse(JSON.stringify(value)) as JsonValue);
}

function deepFreeze(value: JsonValue): JsonValue {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function copyJsonRecord(
  record: Readonly<Record<string, JsonValue>> | undefined,
): Readonly<Record<string, JsonValue>> {
  if (record === undefined) return EMPTY;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(record)) out[k] = freezeJson(v);
  return Object.freeze(out);
}

function replaceTrial(t: FrozenTrial, changes: Partial<FrozenTrial>): FrozenTrial {
  return Object.freeze({ ...t, ...changes });
}

function checkState(state: unknown): asserts state is TrialState {
  if (
    state !== 'RUNNING' &&
    state !== 'COMPLETE' &&
    state !== 'PRUNED' &&
    state !== 'FAIL' &&
    state !== 'WAITING'
  ) {
    throw new InvalidArgumentError(
      'state',
      state,
      "must be one of 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'",
    );
  }
}

function checkValues(values: readonly number[] | undefined): readonly number[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number')) {
    throw new InvalidArgumentError('values', values, 'must be an array of numbers');
  }
  return Object.freeze([...values]);
}

/**
 * The reference Storage: everything lives in this process's memory. Each method does its
 * work synchronously before its promise settles, so every call is atomic with respect to
 * the others; trials are frozen and replaced on change, so snapshots handed out stay valid.
 */
export class InMemoryStorage implements Storage {
  private readonly studies = new Map<number, StudyRecord>();
  private readonly studyIdsByName = new Map<string, number>();
  private readonly trialLocations = new Map<number, TrialLocation>();
  private readonly heartbeats = new Map<number, number>();
  /** trialId -> pending changes of a RUNNING trial. */
  private readonly drafts = new Map<number, Draft>();
  private readonly now: () => number;
  private nextStudyId = 0;
  private nextTrialId = 0;

  constructor(options: InMemoryStorageOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    if (typeof studyName !== 'string' || studyName.length === 0) {
      throw new InvalidArgumentError('studyName', studyName, 'must be a non-empty string');
    }
    if (
      !Array.isArray(directions) ||
      directions.length === 0 ||
      directions.some((d) => d !== 'minimize' && d !== 'maximize')
    ) {
      throw new InvalidArgumentError(
        'directions',
        directions,
        "must be a non-empty array of 'minimize' | 'maximize'",
      );
    }
    if (this.studyIdsByName.has(studyName)) throw new DuplicatedStudyError(studyName);
    const studyId = this.nextStudyId++;
    this.studies.set(studyId, {
      studyId,
      studyName,
      directions: Object.freeze([...directions]),
      userAttrs: EMPTY,
      systemAttrs: EMPTY,
      datetimeStart: new Date(this.now()),
      trials: [],
      waiting: [],
      waitingHead: 0,
    });
    this.studyIdsByName.set(studyName, studyId);
    return studyId;
  }

  async deleteStudy(studyId: number): Promise<void> {
    const study = this.study(studyId);
    for (const t of study.trials) {
      this.trialLocations.delete(t.trialId);
      this.heartbeats.delete(t.trialId);
      this.drafts.delete(t.trialId);
    }
    this.studies.delete(studyId);
    this.studyIdsByName.delete(study.studyName);
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    const id = this.studyIdsByName.get(studyName);
    if (id === undefined)
      throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
    return id;
  }

  async getStudy(studyId: number): Promise<StudySummary> {
    return this.summary(this.study(studyId));
  }

  async getAllStudies(): Promise<StudySummary[]> {
    return [...this.studies.values()].map((s) => this.summary(s));
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const study = this.study(studyId);
    study.userAttrs = withKey(study.userAttrs, key, freezeJson(value));
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    const study = this.study(studyId);
    study.systemAttrs = withKey(study.systemAttrs, key, freezeJson(value));
  }

  async createTrial(studyId: number, template: TrialTemplate = {}): Promise<FrozenTrial> {
    const study = this.study(studyId);
    const state = template.state ?? 'RUNNING';
    checkState(state);
    const values = checkValues(template.values);
    const params: Record<string, ParamValue> = {};
    const distributions: Record<string, Distribution> = {};
    for (const [name, value] of Object.entries(template.params ?? {})) {
      const d = template.distributions?.[name];
      if (d === undefined) {
        throw new InvalidArgumentError(
          `params.${name}`,
          value,
          'every param of a trial template needs a distribution',
        );
      }
      params[name] = value;
      distributions[name] = Object.isFrozen(d) ? d : Object.freeze({ ...d });
    }
    const now = this.now();
    const trialId = this.nextTrialId++;
    const number = study.trials.length;
    const trial: FrozenTrial = Object.freeze({
      trialId,
      number,
      state,
      value: values?.[0],
      values,
      params: Object.freeze(params),
      distributions: Object.freeze(distributions),
      intermediateValues:
        template.intermediateValues === undefined || template.intermediateValues.size === 0
          ? EMPTY_INTERMEDIATE
          : new Map(template.intermediateValues),
      userAttrs: copyJsonRecord(template.userAttrs),
      systemAttrs: copyJsonRecord(template.systemAttrs),
      datetimeStart: template.datetimeStart ?? (state === 'WAITING' ? undefined : new Date(now)),
      datetimeComplete:
        template.datetimeComplete ?? (isFinishedState(state) ? new Date(now) : undefined),
    });
    study.trials.push(trial);
    if (state === 'WAITING') study.waiting.push(number);
    this.trialLocations.set(trialId, { study, number });
    return trial;
  }

  async claimWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    const study = this.study(studyId);
    while (study.waitingHead < study.waiting.length) {
      const number = study.waiting[study.waitingHead++];
      const t = study.trials[number];
      // A WAITING trial may have been started through setTrialState already.
      if (t.state !== 'WAITING') continue;
      const claimed = replaceTrial(t, { state: 'RUNNING', datetimeStart: new Date(this.now()) });
      study.trials[number] = claimed;
      return claimed;
    }
    return null;
  }

  async claimOrCreateTrial(studyId: number): Promise<FrozenTrial> {
    return (await this.claimWaitingTrial(studyId)) ?? this.createTrial(studyId);
  }

  async setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    const draft = this.draft(trialId);
    checkParamDistribution(trialId, name, draft.distributions[name], distribution);
    draft.params[name] = value;
    draft.distributions[name] = Object.isFrozen(distribution)
      ? distribution
      : Object.freeze({ ...distribution });
  }

  async setTrialParams(trialId: number, entries: readonly ParamEntry[]): Promise<void> {
    const draft = this.draft(trialId);
    // All checked before any is written: all or none.
    for (const e of entries)
      checkParamDistribution(trialId, e.name, draft.distributions[e.name], e.distribution);
    for (const { name, value, distribution } of entries) {
      draft.params[name] = value;
      draft.distributions[name] = Object.isFrozen(distribution)
        ? distribution
        : Object.freeze({ ...distribution });
    }
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    if (!Number.isInteger(step) || step < 0) {
      throw new InvalidArgumentError('step', step, 'must be a non-negative integer');
    }
    if (typeof value !== 'number') {
      throw new InvalidArgumentError('value', value, 'must be a number');
    }
    this.draft(trialId).intermediateValues.set(step, value);
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    const v = freezeJson(value);
    this.draft(trialId).userAttrs[key] = v;
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    const v = freezeJson(value);
    this.draft(trialId).systemAttrs[key] = v;
  }

  async setTrialState(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    checkState(state);
    const { study, number } = this.location(trialId);
    const trial = this.snapshot(study, number);
    if (trial.state === 'WAITING' && state === 'RUNNING') {
      study.trials[number] = replaceTrial(trial, { state, datetimeStart: new Date(this.now()) });
      return true;
    }
    if (trial.state !== 'RUNNING' || !isFinishedState(state)) return false;
    const frozenValues = checkValues(values);
    study.trials[number] = replaceTrial(trial, {
      state,
      values: frozenValues,
      value: frozenValues?.[0],
      datetimeComplete: new Date(this.now()),
    });
    this.heartbeats.delete(trialId);
    return true;
  }

  async finishTrial(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<FinishTrialResult> {
    checkFinishedState(state);
    const stored = await this.setTrialState(trialId, state, values);
    const { study, number } = this.location(trialId);
    return { stored, trial: this.snapshot(study, number) };
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const { study, number } = this.location(trialId);
    return this.snapshot(study, number);
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[]; fromNumber?: number } = {},
  ): Promise<FrozenTrial[]> {
    const study = this.study(studyId);
    const from = Math.max(0, Math.floor(options.fromNumber ?? 0));
    for (const d of this.drafts.values()) {
      if (d.study === study && d.number >= from) this.snapshot(study, d.number);
    }
    const slice = from === 0 ? study.trials.slice() : study.trials.slice(from);
    const states = options.states;
    return states === undefined ? slice : slice.filter((t) => states.includes(t.state));
  }

  async recordHeartbeat(trialId: number): Promise<void> {
    const { study, number } = this.location(trialId);
    if (study.trials[number].state === 'RUNNING') this.heartbeats.set(trialId, this.now());
  }

  async failStaleTrials(studyId: number, graceMs: number): Promise<number[]> {
    const study = this.study(studyId);
    const limit = this.now() - graceMs;
    const failed: number[] = [];
    for (const [trialId, beat] of this.heartbeats) {
      const loc = this.trialLocations.get(trialId);
      if (loc === undefined || loc.study !== study || beat >= limit) continue;
      const t = this.snapshot(study, loc.number);
      if (t.state !== 'RUNNING') continue;
      study.trials[loc.number] = replaceTrial(t, {
        state: 'FAIL',
        systemAttrs: withKey(t.systemAttrs, 'fail_reason', staleTrialFailReason(graceMs)),
        datetimeComplete: new Date(this.now()),
      });
      this.heartbeats.delete(trialId);
      failed.push(trialId);
    }
    return failed.sort((a, b) => a - b);
  }

  async close(): Promise<void> {}

  private study(studyId: number): StudyRecord {
    const study = this.studies.get(studyId);
    if (study === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return study;
  }

  private location(trialId: number): TrialLocation {
    const loc = this.trialLocations.get(trialId);
    if (loc === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return loc;
  }

  /** The draft of a RUNNING trial, made on its first write since the last read. */
  private draft(trialId: number): Draft {
    const existing = this.drafts.get(trialId);
    if (existing !== undefined) return existing;
    const { study, number } = this.location(trialId);
    const t = study.trials[number];
    if (t.state !== 'RUNNING') {
      throw new TrialStateError(
        `trial ${t.number} is ${t.state}; only a RUNNING trial can be changed`,
      );
    }
    const d: Draft = {
      study,
      number,
      params: { ...t.params },
      distributions: { ...t.distributions },
      intermediateValues: new Map(t.intermediateValues),
      userAttrs: { ...t.userAttrs },
      systemAttrs: { ...t.systemAttrs },
    };
    this.drafts.set(trialId, d);
    return d;
  }

  /** The current frozen trial, folding in its draft if it has one. */
  private snapshot(study: StudyRecord, number: number): FrozenTrial {
    const t = study.trials[number];
    const d = this.drafts.get(t.trialId);
    if (d === undefined) return t;
    // The draft is dropped here, so its objects can be frozen in place instead of copied.
    this.drafts.delete(t.trialId);
    const frozen: FrozenTrial = Object.freeze({
      trialId: t.trialId,
      number: t.number,
      state: t.state,
      value: t.value,
      values: t.values,
      datetimeStart: t.datetimeStart,
      datetimeComplete: t.datetimeComplete,
      params: Object.freeze(d.params),
      distributions: Object.freeze(d.distributions),
      intermediateValues:
        d.intermediateValues.size === 0 ? EMPTY_INTERMEDIATE : d.intermediateValues,
      userAttrs: Object.freeze(d.userAttrs),
      systemAttrs: Object.freeze(d.systemAttrs),
    });
    study.trials[number] = frozen;
    return frozen;
  }

  private summary(s: StudyRecord): StudySummary {
    return Object.freeze({
      studyId: s.studyId,
      studyName: s.studyName,
      directions: s.directions,
      userAttrs: s.userAttrs,
      systemAttrs: s.systemAttrs,
      nTrials: s.trials.length,
      datetimeStart: s.datetimeStart,
    });
  }
}
