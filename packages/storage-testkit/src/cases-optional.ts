import {
  InvalidArgumentError,
  NotFoundError,
  type Storage,
  StudyNotFoundError,
  TrialStateError,
} from '@tunekit/core';
import { distributionsEqual, float, int } from '@tunekit/search-space';
import { expect } from 'vitest';
import type { CaseContext, CaseTools } from './conformance.js';
import { PARAM_CASES, uniqueStudyName } from './fixtures.js';

type OptionalMethod = 'setTrialParams' | 'claimOrCreateTrial' | 'finishTrial';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Cases for the optional Storage members. Each runs when the storage has the member and is
 * skipped, saying so, when it has not: the members are optional, the rules when present are not.
 */
export function registerOptionalCases(ctx: CaseContext): void {
  const { test } = ctx;
  const having = <K extends OptionalMethod>(
    method: K,
    t: CaseTools,
  ): Storage & Required<Pick<Storage, K>> => {
    const s = ctx.storage();
    if (typeof s[method] !== 'function') t.skip(`the storage has no optional ${method}`);
    return s as Storage & Required<Pick<Storage, K>>;
  };
  const newStudy = (s: Storage, label: string) =>
    s.createStudy(uniqueStudyName(label), ['minimize']);

  test('setTrialParams writes every param of a trial in one call', async (t) => {
    const s = having('setTrialParams', t);
    const id = await newStudy(s, 'bulk');
    const trial = await s.createTrial(id);
    await s.setTrialParam(trial.trialId, 'first', 1, int(0, 3));
    await s.setTrialParams(
      trial.trialId,
      PARAM_CASES.map((c) => ({ name: c.name, value: c.value, distribution: c.dist })),
    );
    const got = await s.getTrial(trial.trialId);
    expect(got.params).toEqual({
      first: 1,
      ...Object.fromEntries(PARAM_CASES.map((c) => [c.name, c.value])),
    });
    for (const c of PARAM_CASES)
      expect(distributionsEqual(got.distributions[c.name], c.dist)).toBe(true);
  });

  test('setTrialParams with one conflicting distribution throws and writes none', async (t) => {
    const s = having('setTrialParams', t);
    const id = await newStudy(s, 'bulk-conflict');
    const trial = await s.createTrial(id);
    await s.setTrialParam(trial.trialId, 'x', 3, int(0, 10));
    await expect(
      s.setTrialParams(trial.trialId, [
        { name: 'y', value: 0.5, distribution: float(0, 1) },
        { name: 'x', value: 0.5, distribution: float(0, 10) },
      ]),
    ).rejects.toThrow(/"x"/);
    expect((await s.getTrial(trial.trialId)).params).toEqual({ x: 3 });
    await s.setTrialState(trial.trialId, 'COMPLETE', [0]);
    await expect(
      s.setTrialParams(trial.trialId, [{ name: 'z', value: 1, distribution: float(0, 1) }]),
    ).rejects.toBeInstanceOf(TrialStateError);
  });

  test('claimOrCreateTrial creates a RUNNING trial numbered next when none is WAITING', async (t) => {
    const s = having('claimOrCreateTrial', t);
    const id = await newStudy(s, 'coc-create');
    const done = await s.createTrial(id, { state: 'COMPLETE', values: [1] });
    const created = await s.claimOrCreateTrial(id);
    expect(created.number).toBe(1);
    expect(created.trialId).not.toBe(done.trialId);
    expect(created.state).toBe('RUNNING');
    expect(created.params).toEqual({});
    expect(created.datetimeStart).toBeInstanceOf(Date);
    expect(created.datetimeComplete).toBeUndefined();
    expect(await s.getTrial(created.trialId)).toEqual(created);
    expect((await s.getStudy(id)).nTrials).toBe(2);
  });

  test('claimOrCreateTrial claims the oldest WAITING trial before creating one', async (t) => {
    const s = having('claimOrCreateTrial', t);
    const id = await newStudy(s, 'coc-claim');
    const w0 = await s.createTrial(id, {
      state: 'WAITING',
      systemAttrs: { fixed_params: { x: 1 } },
    });
    const w1 = await s.createTrial(id, { state: 'WAITING' });
    const c0 = await s.claimOrCreateTrial(id);
    expect([c0.trialId, c0.number, c0.state]).toEqual([w0.trialId, 0, 'RUNNING']);
    expect(c0.systemAttrs).toEqual({ fixed_params: { x: 1 } });
    expect(c0.datetimeStart).toBeInstanceOf(Date);
    expect((await s.claimOrCreateTrial(id)).trialId).toBe(w1.trialId);
    const c2 = await s.claimOrCreateTrial(id);
    expect([c2.number, c2.state]).toEqual([2, 'RUNNING']);
    expect((await s.getAllTrials(id)).map((x) => x.state)).toEqual([
      'RUNNING',
      'RUNNING',
      'RUNNING',
    ]);
    await expect(s.claimOrCreateTrial(-12345)).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  test('concurrent claimOrCreateTrial calls each get their own trial: WAITING ones first, then new ones numbered on', async (t) => {
    having('claimOrCreateTrial', t);
    const pool: Storage[] = [ctx.storage()];
    if (ctx.reopen !== undefined) pool.push(await ctx.reopen(), await ctx.reopen());
    const id = await newStudy(pool[0], 'coc-race');
    const k = 3;
    const waiting: number[] = [];
    for (let i = 0; i < k; i++)
      waiting.push((await pool[0].createTrial(id, { state: 'WAITING' })).trialId);
    const n = ctx.concurrency;
    const got = await Promise.all(
      range(n).map((i) => (pool[i % pool.length] as Required<Storage>).claimOrCreateTrial(id)),
    );
    const ids = got.map((x) => x.trialId);
    expect(new Set(ids).size).toBe(n);
    for (const w of waiting) expect(ids).toContain(w);
    const all = await pool[0].getAllTrials(id);
    expect(all.map((x) => x.number)).toEqual(range(n));
    expect(all.every((x) => x.state === 'RUNNING')).toBe(true);
  });

  test('finishTrial finishes a RUNNING trial and returns it exactly as stored', async (t) => {
    const s = having('finishTrial', t);
    const id = await newStudy(s, 'finish');
    const trial = await s.createTrial(id);
    await s.setTrialParam(trial.trialId, 'x', 0.5, float(0, 1));
    await s.setTrialIntermediateValue(trial.trialId, 2, 0.75);
    const r = await s.finishTrial(trial.trialId, 'COMPLETE', [1.5]);
    expect(r.stored).toBe(true);
    expect(r.trial.state).toBe('COMPLETE');
    expect(r.trial.values).toEqual([1.5]);
    expect(r.trial.value).toBe(1.5);
    expect(r.trial.params).toEqual({ x: 0.5 });
    expect([...r.trial.intermediateValues]).toEqual([[2, 0.75]]);
    expect(r.trial.datetimeComplete).toBeInstanceOf(Date);
    expect(await s.getTrial(trial.trialId)).toEqual(r.trial);
    const pruned = await s.createTrial(id);
    const p = await s.finishTrial(pruned.trialId, 'PRUNED');
    expect([p.stored, p.trial.state, p.trial.values]).toEqual([true, 'PRUNED', undefined]);
  });

  test('finishTrial on a trial that is not RUNNING changes nothing and returns it as it is', async (t) => {
    const s = having('finishTrial', t);
    const id = await newStudy(s, 'finish-cas');
    const failed = await s.createTrial(id);
    await s.setTrialState(failed.trialId, 'FAIL');
    const before = await s.getTrial(failed.trialId);
    const r = await s.finishTrial(failed.trialId, 'COMPLETE', [0]);
    expect(r.stored).toBe(false);
    expect(r.trial).toEqual(before);
    expect(await s.getTrial(failed.trialId)).toEqual(before);
    const waiting = await s.createTrial(id, { state: 'WAITING' });
    const w = await s.finishTrial(waiting.trialId, 'COMPLETE', [0]);
    expect([w.stored, w.trial.state]).toEqual([false, 'WAITING']);
    await expect(s.finishTrial(-12345, 'COMPLETE', [0])).rejects.toBeInstanceOf(NotFoundError);
  });

  test('finishTrial refuses a state that is not finished', async (t) => {
    const s = having('finishTrial', t);
    const id = await newStudy(s, 'finish-state');
    const trial = await s.createTrial(id);
    for (const state of ['RUNNING', 'WAITING'] as const)
      await expect(s.finishTrial(trial.trialId, state)).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
    expect((await s.getTrial(trial.trialId)).state).toBe('RUNNING');
  });

  test('concurrent finishTrial calls: exactly one stores, every caller sees the winner', async (t) => {
    having('finishTrial', t);
    const pool: Storage[] = [ctx.storage()];
    if (ctx.reopen !== undefined) pool.push(await ctx.reopen(), await ctx.reopen());
    const id = await newStudy(pool[0], 'finish-race');
    const trial = await pool[0].createTrial(id);
    const results = await Promise.all(
      range(ctx.concurrency).map((i) =>
        (pool[i % pool.length] as Required<Storage>).finishTrial(
          trial.trialId,
          i % 2 === 0 ? 'COMPLETE' : 'FAIL',
          i % 2 === 0 ? [i] : undefined,
        ),
      ),
    );
    const winners = range(ctx.concurrency).filter((i) => results[i].stored);
    expect(winners.length).toBe(1);
    const stored = await pool[0].getTrial(trial.trialId);
    expect(stored.state).toBe(winners[0] % 2 === 0 ? 'COMPLETE' : 'FAIL');
    for (const r of results) expect(r.trial.state).toBe(stored.state);
  });
}
