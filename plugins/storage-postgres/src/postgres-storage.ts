import {
  checkFinishedState,
  checkParamDistribution,
  DuplicatedStudyError,
  type FinishTrialResult,
  type FrozenTrial,
  InvalidArgumentError,
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
  TrialNotFoundError,
  type TrialState,
  TrialStateError,
  type TrialTemplate,
} from '@tunekit/core';
import { type Distribution, type DistributionJSON, toJSON } from '@tunekit/search-space';
import pg from 'pg';
import { isConnectionError, Scrubber } from './connection.js';
import { migrate, type Tables, tablesIn } from './schema.js';
import { type Statements, statements } from './statements.js';

export interface PostgresStorageOptions {
  /** The schema holding tunekit's tables (created if missing). Default 'public'. */
  readonly schema?: string;
  /** Attempts after a dropped connection, for calls that are safe to repeat (default 3). */
  readonly retries?: number;
  /** First back-off after a dropped connection, doubled per attempt (default 100 ms). */
  readonly retryDelayMs?: number;
  /**
   * PostgreSQL's `synchronous_commit` for this storage's sessions. Default true: the
   * server's setting is kept (normally on), so a write that returned survives a crash of the
   * database server too. false sets it 'off' per session: a commit returns before its WAL
   * reaches disk, several times faster on a busy server, but a server crash may lose the last
   * fraction of a second of writes (never corrupting anything). Choose false only when
   * losing the last trials' results on a server crash is acceptable.
   */
  readonly synchronousCommit?: boolean;
}

interface TrialRow {
  trial_id: string;
  number: number;
  state: TrialState;
  values: number[] | null;
  params: Record<string, ParamValue>;
  distributions: Record<string, Distribution>;
  user_attrs: Record<string, JsonValue>;
  system_attrs: Record<string, JsonValue>;
  datetime_start: Date | null;
  datetime_complete: Date | null;
  iv_steps: number[] | null;
  iv_values: number[] | null;
}

interface StudyRow {
  study_id: string;
  study_name: string;
  directions: StudyDirection[];
  user_attrs: Record<string, JsonValue>;
  system_attrs: Record<string, JsonValue>;
  next_number: number;
  datetime_created: Date;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A Storage in PostgreSQL, for many workers on many machines. Every call is one SQL statement
 * (so one round trip and its own transaction): trial numbers come from a per-study counter
 * row updated in the same statement that inserts the trial, WAITING trials are claimed with
 * `FOR UPDATE SKIP LOCKED`, and state changes are compare-and-set `UPDATE ... WHERE state`.
 * Heartbeats use the server's clock, so workers' clocks need not agree.
 */
export class PostgresStorage implements Storage {
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly scrubber: Scrubber;
  private readonly tables: Tables;
  private readonly sql: Statements;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private ready: Promise<void> | undefined;

  constructor(connection: string | pg.PoolConfig, options: PostgresStorageOptions = {}) {
    this.scrubber = new Scrubber(connection);
    this.schema = options.schema ?? 'public';
    this.tables = tablesIn(this.schema);
    this.sql = statements(this.tables);
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 100;
    this.pool = new pg.Pool(
      typeof connection === 'string' ? { connectionString: connection } : connection,
    );
    // An idle client whose server went away emits 'error'; without a listener Node would
    // crash the process. The pool drops that client and the next call connects afresh.
    this.pool.on('error', () => {});
    if (options.synchronousCommit === false) {
      // Queued on the new client before any query of ours.
      this.pool.on('connect', (client) => {
        client.query('SET synchronous_commit TO off').catch(() => {});
      });
    }
  }

  async createStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    const { rows } = await this.query('createStudy', false, 'insertStudy', [
      studyName,
      JSON.stringify(directions),
    ]);
    if (rows.length === 0) throw new DuplicatedStudyError(studyName);
    return Number(rows[0].study_id);
  }

  async deleteStudy(studyId: number): Promise<void> {
    const { rowCount } = await this.query('deleteStudy', false, 'deleteStudy', [studyId]);
    if (rowCount === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
  }

  async getStudyIdFromName(studyName: string): Promise<number> {
    const { rows } = await this.query('getStudyIdFromName', true, 'studyIdByName', [studyName]);
    if (rows.length === 0)
      throw new StudyNotFoundError(`no study named ${JSON.stringify(studyName)}`);
    return Number(rows[0].study_id);
  }

  async getStudy(studyId: number): Promise<StudySummary> {
    const { rows } = await this.query('getStudy', true, 'studyById', [studyId]);
    if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return toSummary(rows[0] as StudyRow);
  }

  async getAllStudies(): Promise<StudySummary[]> {
    const { rows } = await this.query('getAllStudies', true, 'allStudies', []);
    return (rows as StudyRow[]).map(toSummary);
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.setStudyAttr('setStudyUserAttr', 'setStudyUserAttr', studyId, key, value);
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.setStudyAttr('setStudySystemAttr', 'setStudySystemAttr', studyId, key, value);
  }

  async createTrial(studyId: number, template: TrialTemplate = {}): Promise<FrozenTrial> {
    const state = template.state ?? 'RUNNING';
    const distributions: Record<string, unknown> = {};
    for (const [name, d] of Object.entries(template.distributions ?? {}))
      distributions[name] = toJSON(d);
    const iv = [...(template.intermediateValues ?? [])];
    for (const [step] of iv) checkStep(step);
    const { rows } = await this.query('createTrial', false, 'insertTrial', [
      studyId,
      state,
      template.values === undefined ? null : template.values.map(float8),
      JSON.stringify(template.params ?? {}),
      JSON.stringify(distributions),
      JSON.stringify(template.userAttrs ?? {}),
      JSON.stringify(template.systemAttrs ?? {}),
      template.datetimeStart ?? null,
      state !== 'WAITING',
      template.datetimeComplete ?? null,
      state === 'COMPLETE' || state === 'PRUNED' || state === 'FAIL',
      iv.map(([s]) => s),
      iv.map(([, v]) => float8(v)),
    ]);
    if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
    const row = rows[0] as TrialRow;
    return toTrial({ ...row, iv_steps: iv.map(([s]) => s), iv_values: iv.map(([, v]) => v) });
  }

  async claimWaitingTrial(studyId: number): Promise<FrozenTrial | null> {
    const { rows } = await this.query('claimWaitingTrial', false, 'claimWaiting', [studyId]);
    if (rows[0].study_exists !== true) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return rows[0].trial_id === null ? null : toTrial(rows[0] as TrialRow);
  }

  /** claimWaitingTrial, else createTrial, in one statement. */
  async claimOrCreateTrial(studyId: number): Promise<FrozenTrial> {
    const { rows } = await this.query('claimOrCreateTrial', false, 'claimOrCreate', [studyId]);
    if (rows.length === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return toTrial(rows[0] as TrialRow);
  }

  async setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    await this.writeParams('setTrialParam', trialId, [{ name, value, distribution }]);
  }

  /** Several params of one trial in one statement, all or none. */
  async setTrialParams(trialId: number, entries: readonly ParamEntry[]): Promise<void> {
    await this.writeParams('setTrialParams', trialId, entries);
  }

  private async writeParams(
    op: string,
    trialId: number,
    entries: readonly ParamEntry[],
  ): Promise<void> {
    const values: Record<string, ParamValue> = {};
    const dists: Record<string, DistributionJSON> = {};
    for (const { name, value, distribution } of entries) {
      values[name] = value;
      dists[name] = toJSON(distribution);
    }
    const { rowCount } = await this.query(op, true, 'setParams', [
      trialId,
      JSON.stringify(values),
      JSON.stringify(dists),
    ]);
    if (rowCount !== 0) return;
    const known = (await this.runningTrial(op, trialId)).distributions;
    for (const e of entries) checkParamDistribution(trialId, e.name, known[e.name], e.distribution);
    // Every name matches now: the trial changed between the two statements; say so.
    throw new StorageError(`postgres: ${op}: trial ${trialId} changed concurrently; try again`);
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    checkStep(step);
    const { rowCount } = await this.query('setTrialIntermediateValue', true, 'setIntermediate', [
      trialId,
      step,
      float8(value),
    ]);
    if (rowCount === 0) await this.runningTrial('setTrialIntermediateValue', trialId);
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.setTrialAttr('setTrialUserAttr', 'setTrialUserAttr', trialId, key, value);
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.setTrialAttr('setTrialSystemAttr', 'setTrialSystemAttr', trialId, key, value);
  }

  async setTrialState(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<boolean> {
    let rowCount: number | null = 0;
    if (state === 'RUNNING') {
      ({ rowCount } = await this.query('setTrialState', false, 'startTrial', [trialId]));
    } else if (state !== 'WAITING') {
      ({ rowCount } = await this.query('setTrialState', false, 'finishTrial', [
        trialId,
        state,
        values === undefined ? null : values.map(float8),
      ]));
    }
    if (rowCount !== 0) return true;
    await this.getTrial(trialId); // throws TrialNotFoundError
    return false;
  }

  /** setTrialState to a finished state, returning the stored row, in one statement. */
  async finishTrial(
    trialId: number,
    state: TrialState,
    values?: readonly number[],
  ): Promise<FinishTrialResult> {
    checkFinishedState(state);
    const { rows } = await this.query('finishTrial', false, 'finishTrialReturning', [
      trialId,
      state,
      values === undefined ? null : values.map(float8),
    ]);
    if (rows.length > 0) return { stored: true, trial: toTrial(rows[0] as TrialRow) };
    // Not RUNNING (or missing: getTrial throws TrialNotFoundError): the trial as it is.
    return { stored: false, trial: await this.getTrial(trialId) };
  }

  async getTrial(trialId: number): Promise<FrozenTrial> {
    const { rows } = await this.query('getTrial', true, 'trialById', [trialId]);
    if (rows.length === 0) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return toTrial(rows[0] as TrialRow);
  }

  async getAllTrials(
    studyId: number,
    options: { states?: readonly TrialState[]; fromNumber?: number } = {},
  ): Promise<FrozenTrial[]> {
    const { rows } = await this.query('getAllTrials', true, 'trialsOfStudy', [
      studyId,
      options.fromNumber ?? 0,
      options.states === undefined ? null : [...options.states],
    ]);
    if (rows.length === 0) await this.getStudy(studyId); // throws StudyNotFoundError
    return (rows as TrialRow[]).map(toTrial);
  }

  async recordHeartbeat(trialId: number): Promise<void> {
    const { rowCount } = await this.query('recordHeartbeat', true, 'heartbeat', [trialId]);
    // Not RUNNING (a late beat after the finish) is fine; a trial that does not exist is not.
    if (rowCount === 0) await this.getTrial(trialId);
  }

  async failStaleTrials(studyId: number, graceMs: number): Promise<number[]> {
    const { rows } = await this.query('failStaleTrials', false, 'failStale', [
      studyId,
      graceMs,
      staleTrialFailReason(graceMs),
    ]);
    if (rows[0].study_exists !== true) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return (rows[0].trial_ids as string[]).map(Number);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async setStudyAttr(
    op: string,
    sql: keyof Statements,
    studyId: number,
    key: string,
    value: JsonValue,
  ): Promise<void> {
    const { rowCount } = await this.query(op, true, sql, [studyId, key, JSON.stringify(value)]);
    if (rowCount === 0) throw new StudyNotFoundError(`no study with id ${studyId}`);
  }

  private async setTrialAttr(
    op: string,
    sql: keyof Statements,
    trialId: number,
    key: string,
    value: JsonValue,
  ): Promise<void> {
    const { rowCount } = await this.query(op, true, sql, [trialId, key, JSON.stringify(value)]);
    if (rowCount === 0) await this.runningTrial(op, trialId);
  }

  /** After a guarded write changed nothing: throws the reason (missing or not RUNNING), else returns the trial. */
  private async runningTrial(op: string, trialId: number): Promise<FrozenTrial> {
    const t = await this.getTrial(trialId);
    if (t.state !== 'RUNNING') {
      throw new TrialStateError(
        `${op}: trial ${t.number} (id ${trialId}) is ${t.state}; only a RUNNING trial can be changed`,
      );
    }
    return t;
  }

  /**
   * One statement on a pooled connection. Failing to connect is always retried (nothing was
   * sent); a connection lost mid-statement is retried only for `repeatable` statements, whose
   * second run has the same effect as the first.
   */
  private async query(
    op: string,
    repeatable: boolean,
    statement: keyof Statements,
    params: unknown[],
  ): Promise<pg.QueryResult> {
    // Unnamed on purpose: named prepared statements break behind transaction-pooling
    // proxies (pgbouncer), and measured no faster here.
    const text = this.sql[statement];
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.retries;
      let client: pg.PoolClient;
      try {
        await this.migrated();
        client = await this.pool.connect();
      } catch (e) {
        if (!last && isConnectionError(e)) {
          await sleep(this.retryDelayMs * 2 ** attempt);
          continue;
        }
        throw this.scrubber.error(op, e);
      }
      try {
        const result = await client.query(text, params);
        client.release();
        return result;
      } catch (e) {
        const lost = isConnectionError(e);
        client.release(lost ? (e as Error) : undefined);
        if (lost && repeatable && !last) {
          await sleep(this.retryDelayMs * 2 ** attempt);
          continue;
        }
        throw this.scrubber.error(op, e);
      }
    }
  }

  private migrated(): Promise<void> {
    if (this.ready === undefined) {
      this.ready = (async () => {
        const client = await this.pool.connect();
        try {
          await migrate(client, this.tables, this.schema);
          client.release();
        } catch (e) {
          client.release(isConnectionError(e) ? (e as Error) : undefined);
          throw e;
        }
      })();
      // A failed migration is tried again by the next call rather than cached.
      this.ready.catch(() => {
        this.ready = undefined;
      });
    }
    return this.ready;
  }
}

/**
 * A float8 bind parameter. pg sends numbers as `String(x)`, which turns -0 into '0';
 * '-0' keeps the sign (the column and the driver's parser keep it on the way back).
 */
function float8(x: number): number | string {
  return Object.is(x, -0) ? '-0' : x;
}

function checkStep(step: number): void {
  if (!Number.isSafeInteger(step) || step < -2_147_483_648 || step > 2_147_483_647) {
    throw new InvalidArgumentError('step', step, 'must be an integer that fits in 32 bits');
  }
}

function toTrial(row: TrialRow): FrozenTrial {
  const iv = new Map<number, number>();
  if (row.iv_steps !== null && row.iv_values !== null) {
    for (let i = 0; i < row.iv_steps.length; i++) iv.set(row.iv_steps[i], row.iv_values[i]);
  }
  for (const d of Object.values(row.distributions)) Object.freeze(d);
  return makeFrozenTrial({
    trialId: Number(row.trial_id),
    number: row.number,
    state: row.state,
    values: row.values ?? undefined,
    params: Object.freeze(row.params),
    distributions: Object.freeze(row.distributions),
    intermediateValues: iv,
    userAttrs: Object.freeze(row.user_attrs),
    systemAttrs: Object.freeze(row.system_attrs),
    datetimeStart: row.datetime_start ?? undefined,
    datetimeComplete: row.datetime_complete ?? undefined,
  });
}

function toSummary(row: StudyRow): StudySummary {
  return Object.freeze({
    studyId: Number(row.study_id),
    studyName: row.study_name,
    directions: Object.freeze(row.directions),
    userAttrs: Object.freeze(row.user_attrs),
    systemAttrs: Object.freeze(row.system_attrs),
    nTrials: row.next_number,
    datetimeStart: row.datetime_created,
  });
}
