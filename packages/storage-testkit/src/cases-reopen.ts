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

  test('a fresh instance reuses no id of a deleted study or trial', async () => {
    const a = ctx.storage();
    const id = await a.createStudy(uniqueStudyName('reopen-gone'), ['minimize']);
    const old = [await a.createTrial(id), await a.createTrial(id)].map((t) => t.trialId);
    await a.deleteStudy(id);
    const b = await ctx.reopen!();
    const next = await b.createStudy(uniqueStudyName('reopen-next'), ['minimize']);
    expect(next).not.toBe(id);
    const fresh = [await b.createTrial(next), await b.createTrial(next)].map((t) => t.trialId);
    for (const trialId of fresh) expect(old).not.toContain(trialId);
  });

  test('objective and intermediate values keep their exact bits in a fresh instance', async () => {
    // What InMemoryStorage keeps: -0 stays -0 (Object.is), 0.1 + 0.2 is not rounded to 0.3,
    // subnormals and the extremes survive, and non-finite values come back as themselves.
    const exact = [-0, 0.1 + 0.2, 1e-320, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.NaN];
    const a = ctx.storage();
    const id = await a.createStudy(uniqueStudyName('bits'), ['minimize']);
    const ids: number[] = [];
    for (const x of exact) {
      const t = await a.createTrial(id);
      await a.setTrialIntermediateValue(t.trialId, 0, x);
      await a.setTrialState(t.trialId, 'COMPLETE', [x]);
      ids.push(t.trialId);
    }
    const fromTemplate = await a.createTrial(id, {
      state: 'COMPLETE',
      values: [-0],
      intermediateValues: new Map([[1, -0]]),
    });
    const b = await ctx.reopen!();
    for (const s of [a, b]) {
      for (let i = 0; i < exact.length; i++) {
        const t = await s.getTrial(ids[i]);
        expect(Object.is(t.values?.[0], exact[i]), `value ${exact[i]}`).toBe(true);
        expect(Object.is(t.intermediateValues.get(0), exact[i]), `step value ${exact[i]}`).toBe(
          true,
        );
      }
      const t = await s.getTrial(fromTemplate.trialId);
      expect(Object.is(t.values?.[0], -0)).toBe(true);
      expect(Object.is(t.intermediateValues.get(1), -0)).toBe(true);
    }
  });
}
