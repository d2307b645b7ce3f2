import {
  checkFinishedState,
  checkParamDistribution,
  DuplicatedStudyError,
  type FinishTrialResult,
  type FrozenTrial,
  isFinishedState,
  type JsonValue,
  type ParamEntry,
  type ParamValue,
  type Storage,
  StorageError,
  type StudyDirection,
  StudyNotFoundError,
  type StudySummary,
  staleTrialFailReason,
  stateTransitionAllowed,
  type TrialState,
  type TrialTemplate,
  TunekitError,
} from '@tunekit/core';
import { type Distribution, type DistributionJSON, toJSON } from '@tunekit/search-space';
import { FileLock, type JournalLockOptions } from './file-lock.js';
import { JournalFile } from './journal-file.js';
import { JournalModel, type StudyRecord } from './model.js';
import { encodeNumber, type JournalOp } from './ops.js';

export interface JournalStorageOptions {
  /**
   * The cross-process file lock (`<path>.lock`) every write takes. `false` turns it off,
   * for a journal only one process ever writes.
   */
  readonly lock?: JournalLockOptions | false;
  /**
   * Without it (default false), a write that returned is in the operating system's page cache:
   * it survives the process being killed, not an OS crash or power loss. true calls
   * fdatasync after every append, so a returned write survives those too, at a disk flush
   * per write.
   */
  readonly fsync?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A Storage in an append-only JSON-lines file, replayed into memory. Several processes on one
 * machine may share it: a write takes the file lock, reads the lines others appended, checks
 * and appends its own; a read first replays what others appended. No native dependency.
 */
export class JournalStorage implements Storage {
  readonly path: string;
  private readonly file: JournalFile;
  private readonly lock: FileLock | null;
  private readonly model = new JournalModel();

  constructor(path: string, options: JournalStorageOptions = {}) {
    this.path = path;
    try {
      this.file = new JournalFile(path, options.fsync === true);
    } catch (e) {
      throw wrap(`opening ${path}`, e);
    }
    this.lock = options.lock === false ? null : new FileLock(`${path}.lock`, options.lock);
  }

  async createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    return this.write('createStudy', (m) => {
      if (m.studyIdByName.has(studyName)) throw new DuplicatedStudyError(studyName);
      const studyId = m.nextStudyId;
      return [
        { op: 'createStudy', studyId, name: studyName, directions: [...directions], t: Date.now() },
        studyId,
      ];
    });
  }

  async deleteStudy(studyId: number): Promise<void> {
    await this.write('deleteStudy', (m) => {
      m.study(studyId);
      return [{ op: 'deleteStudy', studyId }, undefined];
    });
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    return this.read('getStudyIdFromName', (m) => {
      const id = m.studyIdByName.get(studyName);
      if (id === undefined)
        throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
      return id;
    });
  }

  async getStudy(studyId: number): Promise<StudySummary> {
    return this.read('getStudy', (m) => summary(m.study(studyId)));
  }

  async getAllStudies(): Promise<StudySummary[]> {
    return this.read('getAllStudies', (m) => [...m.studies.values()].map(summary));
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write('setStudyUserAttr', (m) => {
      m.study(studyId);
      return [{ op: 'studyAttr', studyId, system: false, key, value }, undefined];
    });
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write('setStudySystemAttr', (m) => {
      m.study(studyId);
      return [{ op: 'studyAttr', studyId, system: true, key, value }, undefined];
    });
  }

  async createTrial(studyId: number, template: TrialTemplate = {}): Promise<FrozenTrial> {
    const trialId = await this.write('createTrial', (m) => {
      const op = createTrialOp(m, studyId, template);
      return [op, op.trialId];
    });
    return this.model.trial(trialId).frozen;
  }

  async claimWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    const trialId = await this.write('claimWaitingTrial', (m) => {
      const op = claimOp(m, studyId);
      return op === null ? [null, null] : [op, op.trialId];
    });
    return trialId === null ? null : this.model.trial(trialId).frozen;
  }

  /** claimWaitingTrial, else createTrial, under one lock and in one line. */
  async claimOrCreateTrial(studyId: number): Promise<FrozenTrial> {
    const trialId = await this.write('claimOrCreateTrial', (m) => {
      const op = claimOp(m, studyId) ?? createTrialOp(m, studyId, {});
      return [op, op.trialId];
    });
    return this.model.trial(trialId).frozen;
  }

  async setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    await this.writeParams('setTrialParam', trialId, [{ name, value, distribution }]);
  }

  /** Several params of one trial in one line, all or none. */
  async setTrialParams(trialId: number, entries: readonly ParamEntry[]): Promise<void> {
    await this.writeParams('setTrialParams', trialId, entries);
  }

  private writeParams(
    opName: string,
    trialId: number,
    entries: readonly ParamEntry[],
  ): Promise<void> {
    return this.write(opName, (m) => {
      const known = m.runningTrial(trialId, opName).frozen.distributions;
      const params: [string, ParamValue, DistributionJSON][] = [];
      for (const { name, value, distribution } of entries) {
        checkParamDistribution(trialId, name, known[name], distribution);
        params.push([name, value, toJSON(distribution)]);
      }
      return [{ op: 'params', trialId, params }, undefined];
    });
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    await this.write('setTrialIntermediateValue', (m) => {
      m.runningTrial(trialId, 'setTrialIntermediateValue');
      return [{ op: 'intermediate', trialId, step, value: encodeNumber(value) }, undefined];
    });
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.write('setTrialUserAttr', (m) => {
      m.runningTrial(trialId, 'setTrialUserAttr');
      return [{ op: 'trialAttr', trialId, system: false, key, value }, undefined];
    });
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.write('setTrialSystemAttr', (m) => {
      m.runningTrial(trialId, 'setTrialSystemAttr');
      return [{ op: 'trialAttr', trialId, system: true, key, value }, undefined];
    });
  }

  async setTrialState(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    return this.write('setTrialState', (m) => {
      if (!stateTransitionAllowed(m.trial(trialId).frozen.state, state)) return [null, false];
      const op: JournalOp = {
        op: 'state',
        trialId,
        state,
        values: state === 'RUNNING' ? undefined : values?.map(encodeNumber),
        t: Date.now(),
      };
      return [op, true];
    });
  }

  /** setTrialState to a finished state, returning the trial as stored. */
  async finishTrial(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<FinishTrialResult> {
    checkFinishedState(state);
    const stored = await this.setTrialState(trialId, state, values);
    // A finished trial never changes again, so the model's copy is the stored one.
    return { stored, trial: this.model.trial(trialId).frozen };
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.read('getTrial', (m) => m.trial(trialId).frozen);
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[]; fromNumber?: number } = {},
  ): Promise<FrozenTrial[]> {
    return this.read('getAllTrials', (m) => {
      const trials = m.study(studyId).trials;
      const states = options.states;
      const out: FrozenTrial[] = [];
      for (let i = Math.max(0, options.fromNumber ?? 0); i < trials.length; i++) {
        const t = trials[i].frozen;
        if (states === undefined || states.includes(t.state)) out.push(t);
      }
      return out;
    });
  }

  async recordHeartbeat(trialId: number): Promise<void> {
    await this.write('recordHeartbeat', (m) => {
      if (m.trial(trialId).frozen.state !== 'RUNNING') return [null, undefined];
      return [{ op: 'heartbeat', trialId, t: Date.now() }, undefined];
    });
  }

  async failStaleTrials(studyId: number, graceMs: number): Promise<number[]> {
    return this.write('failStaleTrials', (m) => {
      const now = Date.now();
      const stale = m
        .study(studyId)
        .trials.filter(
          (t) =>
            t.frozen.state === 'RUNNING' &&
            t.heartbeat !== undefined &&
            t.heartbeat < now - graceMs,
        )
        .map((t) => t.frozen.trialId);
      if (stale.length === 0) return [null, []];
      return [
        {
          op: 'failStale',
          trialIds: stale,
          t: now,
          reason: staleTrialFailReason(graceMs),
        },
        stale,
      ];
    });
  }

  async close(): Promise<void> {
    this.file.close();
  }

  /**
   * Under the lock: replays what others appended, lets `decide` check the request against the
   * current state and name the line to append (or none), appends and applies it.
   */
  private async write<T>(
    opName: string,
    decide: (m: JournalModel) => [JournalOp | null, T],
  ): Promise<T> {
    let delay = 1;
    while (true) {
      let acquired: boolean;
      try {
        acquired = this.lock === null || this.lock.tryAcquire();
      } catch (e) {
        throw wrap(`${opName} (taking ${this.lock?.path})`, e);
      }
      if (acquired) {
        try {
          for (const op of this.file.readAllUnderLock()) this.model.apply(op);
          const [op, result] = decide(this.model);
          if (op !== null) {
            this.file.append([op]);
            this.model.apply(op);
          }
          return result;
        } catch (e) {
          throw wrap(opName, e);
        } finally {
          this.lock?.release();
        }
      }
      // Random back-off so that waiting processes do not retry in lockstep.
      await sleep(delay * (0.5 + Math.random()));
      delay = Math.min(delay * 2, 16);
    }
  }

  private read<T>(opName: string, fn: (m: JournalModel) => T): T {
    try {
      this.replay();
      return fn(this.model);
    } catch (e) {
      throw wrap(opName, e);
    }
  }

  private replay(): void {
    for (const op of this.file.readNew()) this.model.apply(op);
  }
}

/** The line that creates a trial from a template, numbered next in its study. */
function createTrialOp(
  m: JournalModel,
  studyId: number,
  template: TrialTemplate,
): Extract<JournalOp, { op: 'createTrial' }> {
  const study = m.study(studyId);
  const state = template.state ?? 'RUNNING';
  const now = Date.now();
  const distributions: Record<string, DistributionJSON> = {};
  for (const [name, d] of Object.entries(template.distributions ?? {}))
    distributions[name] = toJSON(d);
  return {
    op: 'createTrial',
    studyId,
    trialId: m.nextTrialId,
    number: study.trials.length,
    state,
    values: template.values?.map(encodeNumber),
    params: template.params === undefined ? undefined : { ...template.params },
    distributions,
    intermediate:
      template.intermediateValues === undefined
        ? undefined
        : [...template.intermediateValues].map(([s, v]) => [s, encodeNumber(v)]),
    userAttrs: template.userAttrs === undefined ? undefined : { ...template.userAttrs },
    systemAttrs: template.systemAttrs === undefined ? undefined : { ...template.systemAttrs },
    start: template.datetimeStart?.getTime() ?? (state === 'WAITING' ? undefined : now),
    complete: template.datetimeComplete?.getTime() ?? (isFinishedState(state) ? now : undefined),
  };
}

/** The line that claims the study's oldest WAITING trial, or null when none is waiting. */
function claimOp(m: JournalModel, studyId: number): Extract<JournalOp, { op: 'state' }> | null {
  const study = m.study(studyId);
  if (study.nWaiting === 0) return null;
  const waiting = study.trials.find((t) => t.frozen.state === 'WAITING');
  if (waiting === undefined) return null;
  return { op: 'state', trialId: waiting.frozen.trialId, state: 'RUNNING', t: Date.now() };
}

function summary(study: StudyRecord): StudySummary {
  return Object.freeze({
    studyId: study.studyId,
    studyName: study.name,
    directions: study.directions,
    userAttrs: study.userAttrs,
    systemAttrs: study.systemAttrs,
    nTrials: study.trials.length,
    datetimeStart: new Date(study.created),
  });
}

/** Our own errors pass through; file-system errors become a StorageError naming the operation. */
function wrap(op: string, e: unknown): Error {
  if (e instanceof TunekitError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new StorageError(`journal: ${op} failed: ${message}`, { cause: e });
}
