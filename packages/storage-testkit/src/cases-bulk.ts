import { TrialStateError } from '@tunekit/core';
import { type Distribution, distributionsEqual, float, int } from '@tunekit/search-space';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { PARAM_CASES, uniqueStudyName } from './fixtures.js';

/**
 * The bulk-params extension a storage may offer (proposed for core's Storage interface):
 * several params of one trial in one call, all or none.
 */
export interface BulkParamStorage {
  setTrialParams(
    trialId: number,
    entries: readonly {
      name: string;
      value: string | number | boolean | null;
      distribution: Distribution;
    }[],
  ): Promise<void>;
}

export function registerBulkCases(ctx: CaseContext): void {
  const { test } = ctx;
  const bulk = () => ctx.storage() as ReturnType<CaseContext['storage']> & BulkParamStorage;

  test('setTrialParams writes every param of a trial in one call', async () => {
    const s = bulk();
    const id = await s.createStudy(uniqueStudyName('bulk'), ['minimize']);
    const t = await s.createTrial(id);
    await s.setTrialParam(t.trialId, 'first', 1, int(0, 3));
    await s.setTrialParams(
      t.trialId,
      PARAM_CASES.map((c) => ({ name: c.name, value: c.value, distribution: c.dist })),
    );
    const got = await s.getTrial(t.trialId);
    expect(got.params).toEqual({
      first: 1,
      ...Object.fromEntries(PARAM_CASES.map((c) => [c.name, c.value])),
    });
    for (const c of PARAM_CASES)
      expect(distributionsEqual(got.distributions[c.name], c.dist)).toBe(true);
  });

  test('setTrialParams with one conflicting distribution throws and writes none', async () => {
    const s = bulk();
    const id = await s.createStudy(uniqueStudyName('bulk-conflict'), ['minimize']);
    const t = await s.createTrial(id);
    await s.setTrialParam(t.trialId, 'x', 3, int(0, 10));
    await expect(
      s.setTrialParams(t.trialId, [
        { name: 'y', value: 0.5, distribution: float(0, 1) },
        { name: 'x', value: 0.5, distribution: float(0, 10) },
      ]),
    ).rejects.toThrow(/"x"/);
    expect((await s.getTrial(t.trialId)).params).toEqual({ x: 3 });
    await s.setTrialState(t.trialId, 'COMPLETE', [0]);
    await expect(
      s.setTrialParams(t.trialId, [{ name: 'z', value: 1, distribution: float(0, 1) }]),
    ).rejects.toBeInstanceOf(TrialStateError);
  });
}
