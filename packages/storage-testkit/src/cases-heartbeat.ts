import { type Storage, staleTrialFailReason } from '@tunekit/core';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { sleep, uniqueStudyName } from './fixtures.js';

export function registerHeartbeatCases(ctx: CaseContext): void {
  const { test } = ctx;

  test('failStaleTrials fails RUNNING trials whose last heartbeat is older than the grace, once', async () => {
    const s = ctx.storage();
    const id = await s.createStudy(uniqueStudyName('stale'), ['minimize']);
    const other = await s.createStudy(uniqueStudyName('stale-other'), ['minimize']);
    const stale = await s.createTrial(id);
    const fresh = await s.createTrial(id);
    const done = await s.createTrial(id);
    const elsewhere = await s.createTrial(other);
    for (const t of [stale, fresh, done, elsewhere]) await s.recordHeartbeat(t.trialId);
    await s.setTrialState(done.trialId, 'COMPLETE', [1]);
    expect(await s.failStaleTrials(id, 60_000)).toEqual([]);
    await sleep(400);
    await s.recordHeartbeat(fresh.trialId);
    expect(await s.failStaleTrials(id, 200)).toEqual([stale.trialId]);
    const failed = await s.getTrial(stale.trialId);
    expect(failed.state).toBe('FAIL');
    expect(failed.datetimeComplete).toBeInstanceOf(Date);
    // The reason is what core's rule says, so users and retry callbacks can tell why.
    expect(failed.systemAttrs.fail_reason).toBe(staleTrialFailReason(200));
    expect((await s.getTrial(fresh.trialId)).state).toBe('RUNNING');
    expect((await s.getTrial(done.trialId)).state).toBe('COMPLETE');
    expect((await s.getTrial(elsewhere.trialId)).state).toBe('RUNNING');
    expect(await s.failStaleTrials(id, 200)).toEqual([]);
    // A failed trial is finished: the worker that comes back late cannot complete it.
    expect(await s.setTrialState(stale.trialId, 'COMPLETE', [0])).toBe(false);
  });

  test('concurrent failStaleTrials calls report each stale trial exactly once', async () => {
    const pool: Storage[] = [ctx.storage()];
    if (ctx.reopen !== undefined) pool.push(await ctx.reopen(), await ctx.reopen());
    const s = pool[0];
    const id = await s.createStudy(uniqueStudyName('stale-race'), ['minimize']);
    const trials = [];
    for (let i = 0; i < 5; i++) {
      const t = await s.createTrial(id);
      await s.recordHeartbeat(t.trialId);
      trials.push(t.trialId);
    }
    await sleep(300);
    const results = await Promise.all(
      Array.from({ length: ctx.concurrency }, (_, i) =>
        pool[i % pool.length].failStaleTrials(id, 100),
      ),
    );
    expect(results.flat().sort((a, b) => a - b)).toEqual(trials.sort((a, b) => a - b));
    for (const t of await s.getAllTrials(id)) expect(t.state).toBe('FAIL');
  });
}
