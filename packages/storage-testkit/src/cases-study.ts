import { DuplicatedStudyError, StudyNotFoundError } from '@tunekit/core';
import { expect } from 'vitest';
import type { CaseContext } from './conformance.js';
import { TRICKY_JSON, TRICKY_STRINGS, uniqueStudyName } from './fixtures.js';

export function registerStudyCases(ctx: CaseContext): void {
  const { test } = ctx;

  test('createStudy returns an id that getStudy and getStudyIdFromName agree on', async () => {
    const s = ctx.storage();
    const name = uniqueStudyName('study');
    const id = await s.createStudy(name, ['minimize']);
    expect(await s.getStudyIdFromName(name)).toBe(id);
    const summary = await s.getStudy(id);
    expect(summary.studyId).toBe(id);
    expect(summary.studyName).toBe(name);
    expect(summary.directions).toEqual(['minimize']);
    expect(summary.userAttrs).toEqual({});
    expect(summary.systemAttrs).toEqual({});
    expect(summary.nTrials).toBe(0);
  });

  test('distinct studies get distinct ids; multi-objective directions round-trip in order', async () => {
    const s = ctx.storage();
    const a = await s.createStudy(uniqueStudyName('a'), ['maximize', 'minimize', 'maximize']);
    const b = await s.createStudy(uniqueStudyName('b'), ['maximize']);
    expect(a).not.toBe(b);
    expect((await s.getStudy(a)).directions).toEqual(['maximize', 'minimize', 'maximize']);
    expect((await s.getStudy(b)).directions).toEqual(['maximize']);
  });

  test('createStudy with a taken name throws DuplicatedStudyError and changes nothing', async () => {
    const s = ctx.storage();
    const name = uniqueStudyName('dup');
    const id = await s.createStudy(name, ['minimize']);
    await expect(s.createStudy(name, ['maximize'])).rejects.toBeInstanceOf(DuplicatedStudyError);
    expect(await s.getStudyIdFromName(name)).toBe(id);
    expect((await s.getStudy(id)).directions).toEqual(['minimize']);
  });

  test('unknown names and ids throw StudyNotFoundError', async () => {
    const s = ctx.storage();
    await expect(s.getStudyIdFromName(uniqueStudyName('missing'))).rejects.toBeInstanceOf(
      StudyNotFoundError,
    );
    await expect(s.getStudy(987_654_321)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.deleteStudy(987_654_321)).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  test('study names with quotes, unicode and SQL metacharacters round-trip unchanged', async () => {
    const s = ctx.storage();
    const suffix = uniqueStudyName('');
    const ids = new Map<string, number>();
    for (const tricky of TRICKY_STRINGS) {
      const name = tricky + suffix;
      ids.set(name, await s.createStudy(name, ['minimize']));
    }
    for (const [name, id] of ids) {
      expect(await s.getStudyIdFromName(name)).toBe(id);
      expect((await s.getStudy(id)).studyName).toBe(name);
    }
    // A LIKE-style or case-folding lookup would find one of these for the other.
    await expect(
      s.getStudyIdFromName(`100% _MATCH_ \\ back\\slash${suffix}`),
    ).rejects.toBeInstanceOf(StudyNotFoundError);
    const all = await s.getAllStudies();
    for (const [name, id] of ids) expect(all.find((x) => x.studyId === id)?.studyName).toBe(name);
  });

  test('getAllStudies lists every study with its trial count', async () => {
    const s = ctx.storage();
    const a = await s.createStudy(uniqueStudyName('all-a'), ['minimize']);
    const b = await s.createStudy(uniqueStudyName('all-b'), ['maximize', 'minimize']);
    await s.createTrial(a);
    await s.createTrial(a);
    await s.createTrial(b, { state: 'WAITING' });
    const all = await s.getAllStudies();
    const sa = all.find((x) => x.studyId === a);
    const sb = all.find((x) => x.studyId === b);
    expect(sa?.nTrials).toBe(2);
    expect(sb?.nTrials).toBe(1);
    expect(sb?.directions).toEqual(['maximize', 'minimize']);
    expect((await s.getStudy(a)).nTrials).toBe(2);
  });

  test('study user and system attrs are kept apart, overwritten by key, and round-trip JSON', async () => {
    const s = ctx.storage();
    const id = await s.createStudy(uniqueStudyName('attrs'), ['minimize']);
    await s.setStudyUserAttr(id, 'k', 1);
    await s.setStudyUserAttr(id, 'k', 'two');
    await s.setStudyUserAttr(id, TRICKY_STRINGS[1], TRICKY_JSON);
    await s.setStudySystemAttr(id, 'k', [1, 2, 3]);
    await s.setStudySystemAttr(id, 'nil', null);
    const summary = await s.getStudy(id);
    expect(summary.userAttrs).toEqual({ k: 'two', [TRICKY_STRINGS[1]]: TRICKY_JSON });
    expect(summary.systemAttrs).toEqual({ k: [1, 2, 3], nil: null });
    await expect(s.setStudyUserAttr(987_654_321, 'k', 1)).rejects.toBeInstanceOf(
      StudyNotFoundError,
    );
  });

  test('deleteStudy removes the study and its trials; the name can be reused', async () => {
    const s = ctx.storage();
    const name = uniqueStudyName('del');
    const keep = await s.createStudy(uniqueStudyName('keep'), ['minimize']);
    const id = await s.createStudy(name, ['minimize']);
    const t = await s.createTrial(id);
    const kept = await s.createTrial(keep);
    await s.deleteStudy(id);
    await expect(s.getStudy(id)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.getStudyIdFromName(name)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.getTrial(t.trialId)).rejects.toThrow();
    expect((await s.getAllStudies()).some((x) => x.studyId === id)).toBe(false);
    expect((await s.getTrial(kept.trialId)).number).toBe(0);
    const again = await s.createStudy(name, ['maximize']);
    expect((await s.getStudy(again)).directions).toEqual(['maximize']);
    expect((await s.createTrial(again)).number).toBe(0);
  });

  test('study and trial ids are never reused, not even after deleteStudy', async () => {
    const s = ctx.storage();
    const id = await s.createStudy(uniqueStudyName('gone'), ['minimize']);
    const old = [await s.createTrial(id), await s.createTrial(id)].map((t) => t.trialId);
    await s.deleteStudy(id);
    const next = await s.createStudy(uniqueStudyName('next'), ['minimize']);
    expect(next).not.toBe(id);
    const fresh = [await s.createTrial(next), await s.createTrial(next)].map((t) => t.trialId);
    for (const trialId of fresh) expect(old).not.toContain(trialId);
  });
}
