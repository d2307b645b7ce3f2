import { NotFoundError, StudyNotFoundError, TrialStateError } from '@tunekit/core';
import { categorical, distributionsEqual, float, int } from '@tunekit/search-space';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { PARAM_CASES, TRICKY_JSON, TRICKY_STRINGS, uniqueStudyName } from './fixtures.js';

export function registerTrialCases(ctx: CaseContext): void {
  const { test } = ctx;
  const newStudy = (label: string) =>
    ctx.storage().createStudy(uniqueStudyName(label), ['minimize']);

  test('createTrial defaults to a RUNNING trial numbered 0, 1, 2 ... per study', async () => {
    const s = ctx.storage();
    const a = await newStudy('num-a');
    const b = await newStudy('num-b');
    const before = Date.now();
    const t0 = await s.createTrial(a);
    const t1 = await s.createTrial(a);
    const u0 = await s.createTrial(b);
    const t2 = await s.createTrial(a);
    expect([t0.number, t1.number, t2.number, u0.number]).toEqual([0, 1, 2, 0]);
    expect(new Set([t0.trialId, t1.trialId, t2.trialId, u0.trialId]).size).toBe(4);
    expect(t0.state).toBe('RUNNING');
    expect(t0.params).toEqual({});
    expect(t0.distributions).toEqual({});
    expect(t0.intermediateValues.size).toBe(0);
    expect(t0.values).toBeUndefined();
    expect(t0.datetimeStart).toBeInstanceOf(Date);
    // Storages may keep a coarser clock (seconds); allow for that and for a remote server's skew.
    expect(Math.abs(t0.datetimeStart!.getTime() - before)).toBeLessThan(60_000);
    expect(t0.datetimeComplete).toBeUndefined();
    expect(await s.getTrial(t1.trialId)).toEqual(t1);
  });

  test('createTrial from a finished template keeps everything it was given', async () => {
    const s = ctx.storage();
    const id = await newStudy('template');
    const start = new Date('2024-01-02T03:04:05.678Z');
    const end = new Date('2024-01-02T03:04:06.789Z');
    const params = Object.fromEntries(PARAM_CASES.map((c) => [c.name, c.value]));
    const distributions = Object.fromEntries(PARAM_CASES.map((c) => [c.name, c.dist]));
    const t = await s.createTrial(id, {
      state: 'COMPLETE',
      values: [0.25],
      params,
      distributions,
      intermediateValues: new Map([
        [0, 1.5],
        [3, -2],
      ]),
      userAttrs: { u: TRICKY_JSON },
      systemAttrs: { [TRICKY_STRINGS[2]]: 'sys' },
      datetimeStart: start,
      datetimeComplete: end,
    });
    for (const got of [t, await s.getTrial(t.trialId)]) {
      expect(got.state).toBe('COMPLETE');
      expect(got.value).toBe(0.25);
      expect(got.values).toEqual([0.25]);
      expect(got.params).toEqual(params);
      for (const c of PARAM_CASES)
        expect(distributionsEqual(got.distributions[c.name], c.dist)).toBe(true);
      expect([...got.intermediateValues].sort((x, y) => x[0] - y[0])).toEqual([
        [0, 1.5],
        [3, -2],
      ]);
      expect(got.userAttrs).toEqual({ u: TRICKY_JSON });
      expect(got.systemAttrs).toEqual({ [TRICKY_STRINGS[2]]: 'sys' });
      expect(got.datetimeStart?.getTime()).toBe(start.getTime());
      expect(got.datetimeComplete?.getTime()).toBe(end.getTime());
    }
  });

  test('a WAITING template is enqueued with its params and without a start time', async () => {
    const s = ctx.storage();
    const id = await newStudy('waiting');
    const t = await s.createTrial(id, {
      state: 'WAITING',
      params: { x: 1.5 },
      distributions: { x: float(0, 2) },
      systemAttrs: { fixed_params: { x: 1.5 } },
    });
    const got = await s.getTrial(t.trialId);
    expect(got.state).toBe('WAITING');
    expect(got.params).toEqual({ x: 1.5 });
    expect(got.systemAttrs).toEqual({ fixed_params: { x: 1.5 } });
    expect(got.datetimeStart).toBeUndefined();
    expect(got.datetimeComplete).toBeUndefined();
  });

  test('setTrialParam round-trips values and distributions of every kind', async () => {
    const s = ctx.storage();
    const id = await newStudy('params');
    const t = await s.createTrial(id);
    for (const c of PARAM_CASES) await s.setTrialParam(t.trialId, c.name, c.value, c.dist);
    const got = await s.getTrial(t.trialId);
    expect(got.params).toEqual(Object.fromEntries(PARAM_CASES.map((c) => [c.name, c.value])));
    expect(Object.keys(got.distributions).sort()).toEqual(PARAM_CASES.map((c) => c.name).sort());
    for (const c of PARAM_CASES) {
      expect(Object.is(got.params[c.name], c.value)).toBe(true);
      expect(distributionsEqual(got.distributions[c.name], c.dist)).toBe(true);
    }
  });

  test('setTrialParam with another distribution for a set name throws and keeps the first', async () => {
    const s = ctx.storage();
    const id = await newStudy('param-conflict');
    const t = await s.createTrial(id);
    await s.setTrialParam(t.trialId, 'x', 3, int(0, 10));
    await expect(s.setTrialParam(t.trialId, 'x', 0.5, float(0, 10))).rejects.toThrow();
    await expect(s.setTrialParam(t.trialId, 'x', 'a', categorical(['a', 'b']))).rejects.toThrow();
    const got = await s.getTrial(t.trialId);
    expect(got.params).toEqual({ x: 3 });
    expect(distributionsEqual(got.distributions.x, int(0, 10))).toBe(true);
  });

  test('intermediate values keep every step, overwrite a repeated step, and keep non-finite values', async () => {
    const s = ctx.storage();
    const id = await newStudy('intermediate');
    const t = await s.createTrial(id);
    await s.setTrialIntermediateValue(t.trialId, 0, 0.5);
    await s.setTrialIntermediateValue(t.trialId, 10, -1e300);
    await s.setTrialIntermediateValue(t.trialId, 3, Number.POSITIVE_INFINITY);
    await s.setTrialIntermediateValue(t.trialId, 4, Number.NEGATIVE_INFINITY);
    await s.setTrialIntermediateValue(t.trialId, 5, Number.NaN);
    await s.setTrialIntermediateValue(t.trialId, 0, 0.25);
    const got = await s.getTrial(t.trialId);
    const entries = [...got.intermediateValues].sort((x, y) => x[0] - y[0]);
    expect(entries).toEqual([
      [0, 0.25],
      [3, Number.POSITIVE_INFINITY],
      [4, Number.NEGATIVE_INFINITY],
      [5, Number.NaN],
      [10, -1e300],
    ]);
  });

  test('trial user and system attrs are kept apart, overwritten by key, and round-trip JSON', async () => {
    const s = ctx.storage();
    const id = await newStudy('trial-attrs');
    const t = await s.createTrial(id);
    await s.setTrialUserAttr(t.trialId, 'a', 1);
    await s.setTrialUserAttr(t.trialId, 'a', { deep: [1, { x: null }] });
    for (const key of TRICKY_STRINGS) await s.setTrialUserAttr(t.trialId, key, key);
    await s.setTrialSystemAttr(t.trialId, 'a', TRICKY_JSON);
    const got = await s.getTrial(t.trialId);
    expect(got.userAttrs).toEqual({
      a: { deep: [1, { x: null }] },
      ...Object.fromEntries(TRICKY_STRINGS.map((k) => [k, k])),
    });
    expect(got.systemAttrs).toEqual({ a: TRICKY_JSON });
  });

  test('setTrialState finishes a RUNNING trial once; later transitions return false and change nothing', async () => {
    const s = ctx.storage();
    const id = await newStudy('cas');
    const t = await s.createTrial(id);
    expect(await s.setTrialState(t.trialId, 'COMPLETE', [1.25])).toBe(true);
    const done = await s.getTrial(t.trialId);
    expect(done.state).toBe('COMPLETE');
    expect(done.value).toBe(1.25);
    expect(done.values).toEqual([1.25]);
    expect(done.datetimeComplete).toBeInstanceOf(Date);
    for (const state of ['FAIL', 'PRUNED', 'COMPLETE', 'RUNNING', 'WAITING'] as const) {
      expect(await s.setTrialState(t.trialId, state, [9])).toBe(false);
    }
    expect(await s.getTrial(t.trialId)).toEqual(done);
  });

  test('RUNNING can become PRUNED or FAIL; multi-objective and infinite values round-trip', async () => {
    const s = ctx.storage();
    const id = await s.createStudy(uniqueStudyName('states'), ['minimize', 'maximize']);
    const p = await s.createTrial(id);
    const f = await s.createTrial(id);
    const c = await s.createTrial(id);
    expect(await s.setTrialState(p.trialId, 'PRUNED')).toBe(true);
    expect(await s.setTrialState(f.trialId, 'FAIL')).toBe(true);
    expect(await s.setTrialState(c.trialId, 'COMPLETE', [Number.NEGATIVE_INFINITY, 3])).toBe(true);
    expect((await s.getTrial(p.trialId)).state).toBe('PRUNED');
    expect((await s.getTrial(f.trialId)).state).toBe('FAIL');
    expect((await s.getTrial(f.trialId)).values).toBeUndefined();
    const got = await s.getTrial(c.trialId);
    expect(got.values).toEqual([Number.NEGATIVE_INFINITY, 3]);
    expect(got.value).toBe(Number.NEGATIVE_INFINITY);
  });

  test('WAITING can only become RUNNING; RUNNING cannot go back to WAITING or RUNNING', async () => {
    const s = ctx.storage();
    const id = await newStudy('waiting-cas');
    const w = await s.createTrial(id, { state: 'WAITING' });
    expect(await s.setTrialState(w.trialId, 'COMPLETE', [1])).toBe(false);
    expect((await s.getTrial(w.trialId)).state).toBe('WAITING');
    expect(await s.setTrialState(w.trialId, 'RUNNING')).toBe(true);
    const running = await s.getTrial(w.trialId);
    expect(running.state).toBe('RUNNING');
    expect(running.datetimeStart).toBeInstanceOf(Date);
    expect(await s.setTrialState(w.trialId, 'RUNNING')).toBe(false);
    expect(await s.setTrialState(w.trialId, 'WAITING')).toBe(false);
    expect((await s.getTrial(w.trialId)).state).toBe('RUNNING');
  });

  test('a finished trial rejects params, intermediate values and attrs with TrialStateError', async () => {
    const s = ctx.storage();
    const id = await newStudy('frozen');
    const t = await s.createTrial(id);
    await s.setTrialParam(t.trialId, 'x', 1, float(0, 2));
    await s.setTrialState(t.trialId, 'COMPLETE', [0]);
    const before = await s.getTrial(t.trialId);
    await expect(s.setTrialParam(t.trialId, 'y', 1, float(0, 2))).rejects.toBeInstanceOf(
      TrialStateError,
    );
    await expect(s.setTrialIntermediateValue(t.trialId, 1, 1)).rejects.toBeInstanceOf(
      TrialStateError,
    );
    await expect(s.setTrialUserAttr(t.trialId, 'k', 1)).rejects.toBeInstanceOf(TrialStateError);
    await expect(s.setTrialSystemAttr(t.trialId, 'k', 1)).rejects.toBeInstanceOf(TrialStateError);
    expect(await s.getTrial(t.trialId)).toEqual(before);
  });

  test('unknown trial ids throw NotFoundError', async () => {
    const s = ctx.storage();
    await newStudy('unknown-trial');
    const missing = 987_654_321;
    await expect(s.getTrial(missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.setTrialParam(missing, 'x', 1, float(0, 2))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(s.setTrialState(missing, 'COMPLETE', [1])).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.setTrialUserAttr(missing, 'k', 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.setTrialIntermediateValue(missing, 0, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(s.recordHeartbeat(missing)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('unknown study ids throw StudyNotFoundError from every study-level trial method', async () => {
    const s = ctx.storage();
    const missing = 987_654_321;
    await expect(s.createTrial(missing)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.claimWaitingTrial(missing)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.getAllTrials(missing)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.failStaleTrials(missing, 1000)).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  test('claimWaitingTrial takes the oldest WAITING trial first and returns null when none is left', async () => {
    const s = ctx.storage();
    const id = await newStudy('claim');
    expect(await s.claimWaitingTrial(id)).toBeNull();
    await s.createTrial(id); // RUNNING, not claimable
    const w1 = await s.createTrial(id, {
      state: 'WAITING',
      params: { x: 1 },
      distributions: { x: int(0, 3) },
    });
    const w2 = await s.createTrial(id, { state: 'WAITING' });
    const c1 = await s.claimWaitingTrial(id);
    expect(c1?.trialId).toBe(w1.trialId);
    expect(c1?.state).toBe('RUNNING');
    expect(c1?.params).toEqual({ x: 1 });
    expect(c1?.datetimeStart).toBeInstanceOf(Date);
    expect((await s.claimWaitingTrial(id))?.trialId).toBe(w2.trialId);
    expect(await s.claimWaitingTrial(id)).toBeNull();
    expect((await s.getTrial(w2.trialId)).state).toBe('RUNNING');
  });

  test('getAllTrials returns number order and filters by states and fromNumber', async () => {
    const s = ctx.storage();
    const id = await newStudy('filters');
    const other = await newStudy('filters-other');
    await s.createTrial(other);
    const states = [
      'COMPLETE',
      'RUNNING',
      'FAIL',
      'WAITING',
      'COMPLETE',
      'PRUNED',
      'RUNNING',
    ] as const;
    for (const state of states) {
      if (state === 'RUNNING' || state === 'WAITING') await s.createTrial(id, { state });
      else await s.createTrial(id, { state, values: state === 'COMPLETE' ? [1] : undefined });
    }
    const all = await s.getAllTrials(id);
    expect(all.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(all.map((t) => t.state)).toEqual([...states]);
    const numbers = (ts: readonly { number: number }[]) => ts.map((t) => t.number);
    expect(numbers(await s.getAllTrials(id, { states: ['COMPLETE'] }))).toEqual([0, 4]);
    expect(numbers(await s.getAllTrials(id, { states: ['RUNNING', 'WAITING'] }))).toEqual([
      1, 3, 6,
    ]);
    expect(numbers(await s.getAllTrials(id, { states: [] }))).toEqual([]);
    expect(numbers(await s.getAllTrials(id, { fromNumber: 4 }))).toEqual([4, 5, 6]);
    expect(numbers(await s.getAllTrials(id, { fromNumber: 7 }))).toEqual([]);
    expect(
      numbers(await s.getAllTrials(id, { fromNumber: 2, states: ['COMPLETE', 'FAIL'] })),
    ).toEqual([2, 4]);
    for (const t of all) expect(await s.getTrial(t.trialId)).toEqual(t);
  });

  test('returned trials are snapshots that later writes do not change', async () => {
    const s = ctx.storage();
    const id = await newStudy('snapshot');
    const t = await s.createTrial(id);
    const before = await s.getTrial(t.trialId);
    const listed = (await s.getAllTrials(id))[0];
    await s.setTrialParam(t.trialId, 'x', 1, float(0, 2));
    await s.setTrialIntermediateValue(t.trialId, 0, 1);
    await s.setTrialUserAttr(t.trialId, 'k', 'v');
    await s.setTrialState(t.trialId, 'COMPLETE', [1]);
    for (const old of [t, before, listed]) {
      expect(old.state).toBe('RUNNING');
      expect(old.params).toEqual({});
      expect(old.intermediateValues.size).toBe(0);
      expect(old.userAttrs).toEqual({});
    }
  });
}
