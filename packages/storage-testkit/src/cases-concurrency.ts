import type { Storage } from '@tunekit/core';
import { float } from '@tunekit/search-space';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { uniqueStudyName } from './fixtures.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Up to three instances over the same data when the storage can reopen, else the one storage. */
async function instances(ctx: CaseContext): Promise<Storage[]> {
  const s = ctx.storage();
  if (ctx.reopen === undefined) return [s];
  return [s, await ctx.reopen(), await ctx.reopen()];
}

export function registerConcurrencyCases(ctx: CaseContext): void {
  const { test } = ctx;

  test('concurrent createTrial calls get unique, consecutive numbers', async () => {
    const pool = await instances(ctx);
    const id = await pool[0].createStudy(uniqueStudyName('race-create'), ['minimize']);
    const n = ctx.concurrency * 4;
    const created = await Promise.all(range(n).map((i) => pool[i % pool.length].createTrial(id)));
    expect(created.map((t) => t.number).sort((a, b) => a - b)).toEqual(range(n));
    expect(new Set(created.map((t) => t.trialId)).size).toBe(n);
    const listed = await pool[0].getAllTrials(id);
    expect(listed.map((t) => t.number)).toEqual(range(n));
    expect((await pool[0].getStudy(id)).nTrials).toBe(n);
  });

  test('one WAITING trial is claimed by exactly one of many concurrent claimers', async () => {
    const pool = await instances(ctx);
    const id = await pool[0].createStudy(uniqueStudyName('race-claim'), ['minimize']);
    const w = await pool[0].createTrial(id, { state: 'WAITING' });
    const claims = await Promise.all(
      range(ctx.concurrency).map((i) => pool[i % pool.length].claimWaitingTrial(id)),
    );
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c.trialId)).toEqual([w.trialId]);
  });

  test('k WAITING trials are handed out once each among more concurrent claimers', async () => {
    const pool = await instances(ctx);
    const id = await pool[0].createStudy(uniqueStudyName('race-claim-k'), ['minimize']);
    const k = Math.max(2, Math.floor(ctx.concurrency / 2));
    const waiting = [];
    for (let i = 0; i < k; i++) waiting.push(await pool[0].createTrial(id, { state: 'WAITING' }));
    const claims = await Promise.all(
      range(ctx.concurrency + k).map((i) => pool[i % pool.length].claimWaitingTrial(id)),
    );
    const won = claims.filter((c) => c !== null).map((c) => c.trialId);
    expect(won.sort((a, b) => a - b)).toEqual(waiting.map((t) => t.trialId).sort((a, b) => a - b));
    expect(claims.filter((c) => c === null).length).toBe(ctx.concurrency);
  });

  test('concurrent setTrialState on one RUNNING trial: exactly one caller wins and its values stay', async () => {
    const pool = await instances(ctx);
    const id = await pool[0].createStudy(uniqueStudyName('race-finish'), ['minimize']);
    const t = await pool[0].createTrial(id);
    const results = await Promise.all(
      range(ctx.concurrency).map((i) =>
        pool[i % pool.length].setTrialState(t.trialId, i % 2 === 0 ? 'COMPLETE' : 'FAIL', [i]),
      ),
    );
    const winners = range(ctx.concurrency).filter((i) => results[i]);
    expect(winners.length).toBe(1);
    const got = await pool[0].getTrial(t.trialId);
    const w = winners[0];
    expect(got.state).toBe(w % 2 === 0 ? 'COMPLETE' : 'FAIL');
    if (w % 2 === 0) expect(got.values).toEqual([w]);
  });

  test('concurrent writers to different trials and params lose nothing', async () => {
    const pool = await instances(ctx);
    const id = await pool[0].createStudy(uniqueStudyName('race-params'), ['minimize']);
    const trials = await Promise.all(range(4).map(() => pool[0].createTrial(id)));
    const names = range(ctx.concurrency).map((i) => `p${i}`);
    await Promise.all(
      trials.flatMap((t, ti) =>
        names.map((name, i) =>
          pool[(ti + i) % pool.length].setTrialParam(t.trialId, name, i, float(0, 100)),
        ),
      ),
    );
    for (const t of trials) {
      const got = await pool[pool.length - 1].getTrial(t.trialId);
      expect(got.params).toEqual(Object.fromEntries(names.map((name, i) => [name, i])));
    }
  });
}
