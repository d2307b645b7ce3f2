import {
  checkFinishedState,
  checkParamDistribution,
  DuplicatedStudyError,
  type FinishTrialResult,
  type FrozenTrial,
  isFinishedState,
  type JsonValue,
  makeFrozenTrial,
  type ParamEntry,
  type ParamValue,
  type Storage,
  StorageError,
  type StudyDirection,
  StudyNotFoundError,
  type StudySummary,
  staleTrialFailReason,
  stateTransitionAllowed,
  TrialNotFoundError,
  type TrialState,
  TrialStateError,
  type TrialTemplate,
  TunekitError,
} from '@tunekit/core';
import { type Distribution, toJSON } from '@tunekit/search-space';
import Database from 'better-sqlite3';
import {
  decodeIntermediate,
  decodeValues,
  encodeIntermediate,
  encodeNumber,
  encodeValues,
} from './codec.js';
import { migrate } from './schema.js';

export interface SqliteStorageOptions {
  /** How long a write waits for another process's transaction before failing (default 30 000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * `PRAGMA synchronous`: 'NORMAL' (default) survives a crashed process but may lose the last
   * transactions on power loss; 'FULL' also survives power loss, at a few fsyncs per trial.
   */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

interface StudyRow {
  study_id: number;
  study_name: string;
  directions: string;
  user_attrs: string;
  system_attrs: string;
  datetime_created: number;
  n_trials: number;
}

interface TrialRow {
  trial_id: number;
  study_id: number;
  number: number;
  state: TrialState;
  values: string | null;
  params: string;
  distributions: string;
  intermediate: string;
  user_attrs: string;
  system_attrs: string;
  datetime_start: number | null;
  datetime_complete: number | null;
}

const TRIAL_COLUMNS =
  'trial_id, study_id, number, state, "values", params, distributions, intermediate, user_attrs, system_attrs, datetime_start, datetime_complete';

/**
 * A Storage in one SQLite file (better-sqlite3, WAL). Several processes on one machine may
 * share the file: every write is one `BEGIN IMMEDIATE` transaction, so writers serialise
 * and a trial number is read and taken in the same transaction.
 */
export class SqliteStorage implements Storage {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepareStatements>;
  /** Finished trials never change again, so their parsed form is kept by id. */
  private readonly finished = new Map<number, FrozenTrial>();

  constructor(path: string, options: SqliteStorageOptions = {}) {
    this.path = path;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: options.busyTimeoutMs ?? 30_000 });
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      migrate(db);
      this.stmt = prepareStatements(db);
      this.db = db;
    } catch (e) {
      db?.close();
      throw wrap(`opening ${path}`, e);
    }
  }

  async createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    return this.write('createStudy', () => {
      if (this.stmt.studyIdByName.get(studyName) !== undefined)
        throw new DuplicatedStudyError(studyName);
      const info = this.stmt.insertStudy.run(studyName, JSON.stringify(directions), Date.now());
      return Number(info.lastInsertRowid);
    });
  }

  async deleteStudy(studyId: number): Promise<void> {
    this.write('deleteStudy', () => {
      this.requireStudyId(studyId);
      this.stmt.deleteTrials.run(studyId);
      this.stmt.deleteStudy.run(studyId);
    });
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    return this.read('getStudyIdFromName', () => {
      const row = this.stmt.studyIdByName.get(studyName) as { study_id: number } | undefined;
      if (row === undefined)
        throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
      return row.study_id;
    });
  }

  async getStudy(studyId: number): Promise<StudySummary> {
    return this.read('getStudy', () => toSummary(this.requireStudy(studyId)));
  }

  async getAllStudies(): Promise<StudySummary[]> {
    return this.read('getAllStudies', () =>
      (this.stmt.allStudies.all() as StudyRow[]).map(toSummary),
    );
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    this.setStudyAttr(studyId, 'user_attrs', key, value);
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    this.setStudyAttr(studyId, 'system_attrs', key, value);
  }

  async createTrial(studyId: number, template: TrialTemplate = {}): Promise<FrozenTrial> {
    return this.write('createTrial', () => this.insertTrial(studyId, template));
  }

  async claimWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    return this.write('claimWaitingTrial', () => this.claimWaiting(studyId));
  }

  /** claimWaitingTrial, else createTrial, in one transaction. */
  async claimOrCreateTrial(studyId: number): Promise<FrozenTrial> {
    return this.write(
      'claimOrCreateTrial',
      () => this.claimWaiting(studyId) ?? this.insertTrial(studyId, {}),
    );
  }

  /** Inside a write transaction. */
  private insertTrial(studyId: number, template: TrialTemplate): FrozenTrial {
    this.requireStudyId(studyId);
    const { next } = this.stmt.nextNumber.get(studyId) as { next: number };
    const state = template.state ?? 'RUNNING';
    const now = Date.now();
    const start = template.datetimeStart?.getTime() ?? (state === 'WAITING' ? null : now);
    const complete = template.datetimeComplete?.getTime() ?? (isFinishedState(state) ? now : null);
    const distributions: Record<string, unknown> = {};
    for (const [name, d] of Object.entries(template.distributions ?? {}))
      distributions[name] = toJSON(d);
    const info = this.stmt.insertTrial.run(
      studyId,
      next,
      state,
      encodeValues(template.values),
      JSON.stringify(template.params ?? {}),
      JSON.stringify(distributions),
      encodeIntermediate(template.intermediateValues),
      JSON.stringify(template.userAttrs ?? {}),
      JSON.stringify(template.systemAttrs ?? {}),
      start,
      complete,
    );
    return this.trialById(Number(info.lastInsertRowid));
  }

  /** Inside a write transaction: the claimed trial, or null when none is WAITING. */
  private claimWaiting(studyId: number): FrozenTrial | null {
    const row = this.stmt.oldestWaiting.get(studyId) as { trial_id: number } | undefined;
    if (row === undefined) {
      this.requireStudyId(studyId);
      return null;
    }
    this.stmt.setState.run('RUNNING', null, Date.now(), null, row.trial_id, 'WAITING');
    return this.trialById(row.trial_id);
  }

  async setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    this.writeParams('setTrialParam', trialId, [{ name, value, distribution }]);
  }

  /** Several params of one trial in one transaction, all or none. */
  async setTrialParams(trialId: number, entries: readonly ParamEntry[]): Promise<void> {
    this.writeParams('setTrialParams', trialId, entries);
  }

  private writeParams(op: string, trialId: number, entries: readonly ParamEntry[]): void {
    this.write(op, () => {
      const row = this.runningTrial(trialId, op);
      const params = JSON.parse(row.params) as Record<string, ParamValue>;
      const dists = JSON.parse(row.distributions) as Record<string, Distribution>;
      for (const { name, value, distribution } of entries) {
        checkParamDistribution(trialId, name, dists[name], distribution);
        params[name] = value;
        dists[name] = toJSON(distribution);
      }
      this.stmt.setParams.run(JSON.stringify(params), JSON.stringify(dists), trialId);
    });
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    this.write('setTrialIntermediateValue', () => {
      const row = this.runningTrial(trialId, 'setTrialIntermediateValue');
      const obj = JSON.parse(row.intermediate) as Record<string, unknown>;
      obj[String(step)] = encodeNumber(value);
      this.stmt.setIntermediate.run(JSON.stringify(obj), trialId);
    });
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    this.setTrialAttr(trialId, 'user_attrs', key, value);
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    this.setTrialAttr(trialId, 'system_attrs', key, value);
  }

  async setTrialState(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    return this.write('setTrialState', () => this.changeState(trialId, state, values)[0]);
  }

  /** setTrialState to a finished state, returning the trial as stored, in one transaction. */
  async finishTrial(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<FinishTrialResult> {
    checkFinishedState(state);
    return this.write('finishTrial', () => {
      const [stored, row] = this.changeState(trialId, state, values);
      return { stored, trial: stored ? this.trialById(trialId) : this.toTrial(row) };
    });
  }

  /** Inside a write transaction: the compare-and-set, and the row as it was before. */
  private changeState(
    trialId: number,
    state: TrialState,
    values: readonly number[] | undefined,
  ): [boolean, TrialRow] {
    const row = this.stmt.trialById.get(trialId) as TrialRow | undefined;
    if (row === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    if (!stateTransitionAllowed(row.state, state)) return [false, row];
    const now = Date.now();
    if (state === 'RUNNING') this.stmt.setState.run(state, null, now, null, trialId, row.state);
    else
      this.stmt.setState.run(
        state,
        encodeValues(values),
        row.datetime_start,
        now,
        trialId,
        row.state,
      );
    return [true, row];
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    return this.read('getTrial', () => this.trialById(trialId));
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[]; fromNumber?: number } = {},
  ): Promise<FrozenTrial[]> {
    return this.read('getAllTrials', () => {
      const rows = this.stmt.trialsFrom.all(studyId, options.fromNumber ?? 0) as TrialRow[];
      if (rows.length === 0) this.requireStudyId(studyId);
      const states = options.states;
      const out: FrozenTrial[] = [];
      for (const row of rows) {
        if (states === undefined || states.includes(row.state)) out.push(this.toTrial(row));
      }
      return out;
    });
  }

  async recordHeartbeat(trialId: number): Promise<void> {
    this.write('recordHeartbeat', () => {
      // Not RUNNING (a late beat after the finish) is fine; a trial that does not exist is not.
      if (this.stmt.heartbeat.run(Date.now(), trialId).changes === 0) this.trialById(trialId);
    });
  }

  async failStaleTrials(studyId: number, graceMs: number): Promise<number[]> {
    return this.write('failStaleTrials', () => {
      this.requireStudyId(studyId);
      const now = Date.now();
      const stale = this.stmt.staleTrials.all(studyId, now - graceMs) as {
        trial_id: number;
        system_attrs: string;
      }[];
      for (const { trial_id, system_attrs } of stale) {
        const attrs = JSON.parse(system_attrs) as Record<string, JsonValue>;
        attrs.fail_reason = staleTrialFailReason(graceMs);
        this.stmt.failTrial.run(now, JSON.stringify(attrs), trial_id);
      }
      return stale.map((r) => r.trial_id);
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private setStudyAttr(
    studyId: number,
    column: 'user_attrs' | 'system_attrs',
    key: string,
    value: JsonValue,
  ): void {
    this.write('setStudyAttr', () => {
      const row = this.requireStudy(studyId);
      const attrs = JSON.parse(row[column]) as Record<string, JsonValue>;
      attrs[key] = value;
      (column === 'user_attrs' ? this.stmt.setStudyUserAttrs : this.stmt.setStudySystemAttrs).run(
        JSON.stringify(attrs),
        studyId,
      );
    });
  }

  private setTrialAttr(
    trialId: number,
    column: 'user_attrs' | 'system_attrs',
    key: string,
    value: JsonValue,
  ): void {
    this.write('setTrialAttr', () => {
      const row = this.runningTrial(
        trialId,
        column === 'user_attrs' ? 'setTrialUserAttr' : 'setTrialSystemAttr',
      );
      const attrs = JSON.parse(row[column]) as Record<string, JsonValue>;
      attrs[key] = value;
      (column === 'user_attrs' ? this.stmt.setTrialUserAttrs : this.stmt.setTrialSystemAttrs).run(
        JSON.stringify(attrs),
        trialId,
      );
    });
  }

  /** Like requireStudy without counting the trials. */
  private requireStudyId(studyId: number): void {
    if (this.stmt.studyExists.get(studyId) === undefined)
      throw new StudyNotFoundError(`no study with id ${studyId}`);
  }

  private requireStudy(studyId: number): StudyRow {
    const row = this.stmt.studyById.get(studyId) as StudyRow | undefined;
    if (row === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return row;
  }

  private runningTrial(trialId: number, op: string): TrialRow {
    const row = this.stmt.trialById.get(trialId) as TrialRow | undefined;
    if (row === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    if (row.state !== 'RUNNING') {
      throw new TrialStateError(
        `${op}: trial ${row.number} (id ${trialId}) is ${row.state}; only a RUNNING trial can be changed`,
      );
    }
    return row;
  }

  private trialById(trialId: number): FrozenTrial {
    const row = this.stmt.trialById.get(trialId) as TrialRow | undefined;
    if (row === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return this.toTrial(row);
  }

  private toTrial(row: TrialRow): FrozenTrial {
    const cached = this.finished.get(row.trial_id);
    if (cached !== undefined) return cached;
    const distributions = JSON.parse(row.distributions) as Record<string, Distribution>;
    for (const d of Object.values(distributions)) Object.freeze(d);
    const trial = makeFrozenTrial({
      trialId: row.trial_id,
      number: row.number,
      state: row.state,
      values: decodeValues(row.values),
      params: Object.freeze(JSON.parse(row.params)),
      distributions: Object.freeze(distributions),
      intermediateValues: decodeIntermediate(row.intermediate),
      userAttrs: Object.freeze(JSON.parse(row.user_attrs)),
      systemAttrs: Object.freeze(JSON.parse(row.system_attrs)),
      datetimeStart: row.datetime_start === null ? undefined : new Date(row.datetime_start),
      datetimeComplete:
        row.datetime_complete === null ? undefined : new Date(row.datetime_complete),
    });
    if (isFinishedState(row.state)) this.finished.set(row.trial_id, trial);
    return trial;
  }

  private write<T>(op: string, fn: () => T): T {
    return this.transaction(op, this.stmt.beginImmediate, fn);
  }

  private read<T>(op: string, fn: () => T): T {
    return this.transaction(op, this.stmt.beginDeferred, fn);
  }

  /**
   * One transaction from cached BEGIN/COMMIT statements (better-sqlite3's `db.transaction()`
   * builds a new wrapper per call, which cost 4x the whole write here). Writes BEGIN
   * IMMEDIATE, taking the write lock up front, so processes queue (busy_timeout) instead of
   * failing to upgrade a read lock.
   */
  private transaction<T>(op: string, begin: Database.Statement, fn: () => T): T {
    try {
      begin.run();
      try {
        const result = fn();
        this.stmt.commit.run();
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.stmt.rollback.run();
        throw e;
      }
    } catch (e) {
      throw wrap(op, e);
    }
  }
}

function prepareStatements(db: Database.Database) {
  const studyColumns =
    'study_id, study_name, directions, user_attrs, system_attrs, datetime_created, (SELECT COUNT(*) FROM trials t WHERE t.study_id = s.study_id) AS n_trials';
  return {
    beginImmediate: db.prepare('BEGIN IMMEDIATE'),
    beginDeferred: db.prepare('BEGIN DEFERRED'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    studyIdByName: db.prepare('SELECT study_id FROM studies WHERE study_name = ?'),
    studyExists: db.prepare('SELECT 1 FROM studies WHERE study_id = ?'),
    studyById: db.prepare(`SELECT ${studyColumns} FROM studies s WHERE study_id = ?`),
    allStudies: db.prepare(`SELECT ${studyColumns} FROM studies s ORDER BY study_id`),
    insertStudy: db.prepare(
      'INSERT INTO studies (study_name, directions, datetime_created) VALUES (?, ?, ?)',
    ),
    deleteStudy: db.prepare('DELETE FROM studies WHERE study_id = ?'),
    deleteTrials: db.prepare('DELETE FROM trials WHERE study_id = ?'),
    setStudyUserAttrs: db.prepare('UPDATE studies SET user_attrs = ? WHERE study_id = ?'),
    setStudySystemAttrs: db.prepare('UPDATE studies SET system_attrs = ? WHERE study_id = ?'),
    nextNumber: db.prepare(
      'SELECT COALESCE(MAX(number) + 1, 0) AS next FROM trials WHERE study_id = ?',
    ),
    insertTrial: db.prepare(
      `INSERT INTO trials (study_id, number, state, "values", params, distributions, intermediate, user_attrs, system_attrs, datetime_start, datetime_complete)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    trialById: db.prepare(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE trial_id = ?`),
    trialsFrom: db.prepare(
      `SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ? AND number >= ? ORDER BY number`,
    ),
    oldestWaiting: db.prepare(
      "SELECT trial_id FROM trials WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1",
    ),
    setState: db.prepare(
      'UPDATE trials SET state = ?, "values" = ?, datetime_start = ?, datetime_complete = ? WHERE trial_id = ? AND state = ?',
    ),
    setParams: db.prepare('UPDATE trials SET params = ?, distributions = ? WHERE trial_id = ?'),
    setIntermediate: db.prepare('UPDATE trials SET intermediate = ? WHERE trial_id = ?'),
    setTrialUserAttrs: db.prepare('UPDATE trials SET user_attrs = ? WHERE trial_id = ?'),
    setTrialSystemAttrs: db.prepare('UPDATE trials SET system_attrs = ? WHERE trial_id = ?'),
    heartbeat: db.prepare(
      "UPDATE trials SET heartbeat = ? WHERE trial_id = ? AND state = 'RUNNING'",
    ),
    staleTrials: db.prepare(
      "SELECT trial_id, system_attrs FROM trials WHERE study_id = ? AND state = 'RUNNING' AND heartbeat IS NOT NULL AND heartbeat < ? ORDER BY number",
    ),
    failTrial: db.prepare(
      "UPDATE trials SET state = 'FAIL', datetime_complete = ?, system_attrs = ? WHERE trial_id = ? AND state = 'RUNNING'",
    ),
  };
}

function toSummary(row: StudyRow): StudySummary {
  return Object.freeze({
    studyId: row.study_id,
    studyName: row.study_name,
    directions: Object.freeze(JSON.parse(row.directions) as StudyDirection[]),
    userAttrs: Object.freeze(JSON.parse(row.user_attrs)),
    systemAttrs: Object.freeze(JSON.parse(row.system_attrs)),
    nTrials: row.n_trials,
    datetimeStart: new Date(row.datetime_created),
  });
}

/** Our own errors pass through; SQLite's (busy, I/O, corrupt file) become a StorageError. */
function wrap(op: string, e: unknown): Error {
  if (e instanceof TunekitError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new StorageError(`sqlite: ${op} failed: ${message}`, { cause: e });
}
