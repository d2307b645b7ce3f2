import { float } from '@tunekit/search-space';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { TRICKY_JSON, TRICKY_STRINGS, uniqueStudyName } from './fixtures.js';

export function registerReopenCases(ctx: CaseContext): void {
  const { test } = ctx;

  test('a fresh instance sees the study, its attrs and its trials exactly as written', async () => {
    const a = ctx.storage();
    const name = TRICKY_STRINGS[1] + uniqueStudyName('reopen');
    const id = await a.createStudy(name, ['maximize', 'minimize']);
    await a.setStudyUserAttr(id, 'u', TRICKY_JSON);
    await a.setStudySystemAttr(id, 's', 1);
    const t0 = await a.createTrial(id);
    await a.setTrialParam(t0.trialId, TRICKY_STRINGS[0], 0.5, float(0, 1));
    await a.setTrialIntermediateValue(t0.trialId, 2, Number.POSITIVE_INFINITY);
    await a.setTrialUserAttr(t0.trialId, 'k', TRICKY_JSON);
    await a.setTrialState(t0.trialId, 'COMPLETE', [1, 2]);
    await a.createTrial(id, { state: 'WAITING' });
    await a.createTrial(id);

    const b = await ctx.reopen!();
    const bid = await b.getStudyIdFromName(name);
    expect(bid).toBe(id);
    expect(await b.getStudy(id)).toEqual(await a.getStudy(id));
    expect(await b.getAllTrials(id)).toEqual(await a.getAllTrials(id));
    expect((await b.createTrial(id)).number).toBe(3);
    // And the first instance sees what the second wrote.
    expect((await a.getAllTrials(id, { fromNumber: 3 })).map((t) => t.number)).toEqual([3]);
    expect((await b.claimWaitingTrial(id))?.number).toBe(1);
    expect(await a.claimWaitingTrial(id)).toBeNull();
    expect((await a.getTrial(t0.trialId)).values).toEqual([1, 2]);
  });
}
