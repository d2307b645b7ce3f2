import { categorical, float, int } from '@tunekit/search-space';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DuplicatedStudyError,
  InvalidArgumentError,
  StudyNotFoundError,
  TrialNotFoundError,
  TrialStateError,
} from '../errors.js';
import { InMemoryStorage } from './memory.js';

async function newStudy(
  s = new InMemoryStorage(),
  directions: ('minimize' | 'maximize')[] = ['minimize'],
) {
  const id = await s.createStudy(`s${Math.random()}`, directions);
  return { s, id };
}

describe('InMemoryStorage studies', () => {
  it('creates, finds, lists and deletes studies; names are unique', async () => {
    const s = new InMemoryStorage();
    const a = await s.createStudy('a', ['minimize']);
    const b = await s.createStudy('b', ['maximize', 'minimize']);
    expect(a).not.toBe(b);
    expect(await s.getStudyIdFromName('b')).toBe(b);
    await expect(s.createStudy('a', ['maximize'])).rejects.toBeInstanceOf(DuplicatedStudyError);
    expect((await s.getStudy(a)).directions).toEqual(['minimize']);
    await s.createTrial(b);
    expect((await s.getAllStudies()).map((x) => [x.studyName, x.nTrials])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    const t = await s.createTrial(a);
    await s.deleteStudy(a);
    await expect(s.getStudy(a)).rejects.toBeInstanceOf(StudyNotFoundError);
    await expect(s.getTrial(t.trialId)).rejects.toBeInstanceOf(TrialNotFoundError);
    await expect(s.getStudyIdFromName('a')).rejects.toBeInstanceOf(StudyNotFoundError);
    // The name is free again and trial numbering restarts.
    const a2 = await s.createStudy('a', ['maximize']);
    expect((await s.createTrial(a2)).number).toBe(0);
  });

  it('rejects empty names and bad directions', async () => {
    const s = new InMemoryStorage();
    await expect(s.createStudy('', ['minimize'])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(s.createStudy('x', [])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(s.createStudy('x', ['up' as 'minimize'])).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('keeps study attrs as copies', async () => {
    const { s, id } = await newStudy();
    const value = { list: [1, 2] };
    await s.setStudyUserAttr(id, 'k', value);
    await s.setStudySystemAttr(id, 'k', 'sys');
    value.list.push(3);
    const summary = await s.getStudy(id);
    expect(summary.userAttrs).toEqual({ k: { list: [1, 2] } });
    expect(summary.systemAttrs).toEqual({ k: 'sys' });
  });
});

describe('InMemoryStorage trials', () => {
  it('numbers trials 0, 1, 2 ... uniquely even for concurrent callers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('RUNNING', 'WAITING', 'COMPLETE'), {
          minLength: 1,
          maxLength: 30,
        }),
        async (states) => {
          const { s, id } = await newStudy();
          const created = await Promise.all(
            states.map((state) =>
              s.createTrial(id, {
                state: state as 'RUNNING',
                values: state === 'COMPLETE' ? [1] : undefined,
              }),
            ),
          );
          const numbers = created.map((t) => t.number).sort((a, b) => a - b);
          expect(numbers).toEqual(states.map((_, i) => i));
          expect(new Set(created.map((t) => t.trialId)).size).toBe(states.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('finishes a RUNNING trial once (compare-and-set) and WAITING only becomes RUNNING', async () => {
    const { s, id } = await newStudy();
    const t = await s.createTrial(id);
    const results = await Promise.all([
      s.setTrialState(t.trialId, 'COMPLETE', [1]),
      s.setTrialState(t.trialId, 'FAIL'),
      s.setTrialState(t.trialId, 'PRUNED'),
    ]);
    expect(results).toEqual([true, false, false]);
    const done = await s.getTrial(t.trialId);
    expect(done.state).toBe('COMPLETE');
    expect(done.value).toBe(1);
    expect(done.datetimeComplete).toBeInstanceOf(Date);
    const w = await s.createTrial(id, { state: 'WAITING' });
    expect(w.datetimeStart).toBeUndefined();
    expect(await s.setTrialState(w.trialId, 'COMPLETE', [1])).toBe(false);
    expect(await s.setTrialState(w.trialId, 'RUNNING')).toBe(true);
    expect(await s.setTrialState(w.trialId, 'RUNNING')).toBe(false);
    expect(await s.setTrialState(w.trialId, 'WAITING')).toBe(false);
    expect((await s.getTrial(w.trialId)).datetimeStart).toBeInstanceOf(Date);
  });

  it('hands each WAITING trial to exactly one concurrent claimer, oldest first', async () => {
    const { s, id } = await newStudy();
    await s.createTrial(id);
    const w1 = await s.createTrial(id, { state: 'WAITING' });
    const w2 = await s.createTrial(id, { state: 'WAITING' });
    const claims = await Promise.all(Array.from({ length: 6 }, () => s.claimWaitingTrial(id)));
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c.trialId)).toEqual([w1.trialId, w2.trialId]);
    expect(won.every((c) => c.state === 'RUNNING')).toBe(true);
    expect(await s.claimWaitingTrial(id)).toBeNull();
  });

  it('skips a WAITING trial that was started through setTrialState when claiming', async () => {
    const { s, id } = await newStudy();
    const w1 = await s.createTrial(id, { state: 'WAITING' });
    const w2 = await s.createTrial(id, { state: 'WAITING' });
    await s.setTrialState(w1.trialId, 'RUNNING');
    expect((await s.claimWaitingTrial(id))?.trialId).toBe(w2.trialId);
  });

  it('only changes RUNNING trials, and a rejected call changes nothing', async () => {
    const { s, id } = await newStudy();
    const t = await s.createTrial(id);
    await s.setTrialParam(t.trialId, 'x', 3, int(0, 10));
    await expect(s.setTrialParam(t.trialId, 'x', 0.5, float(0, 10))).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(s.setTrialIntermediateValue(t.trialId, -1, 1)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(s.setTrialIntermediateValue(t.trialId, 1.5, 1)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    const before = await s.getTrial(t.trialId);
    expect(before.params).toEqual({ x: 3 });
    expect(before.intermediateValues.size).toBe(0);
    await s.setTrialState(t.trialId, 'COMPLETE', [0]);
    const done = await s.getTrial(t.trialId);
    await expect(s.setTrialParam(t.trialId, 'y', 1, float(0, 2))).rejects.toBeInstanceOf(
      TrialStateError,
    );
    await expect(s.setTrialIntermediateValue(t.trialId, 0, 1)).rejects.toBeInstanceOf(
      TrialStateError,
    );
    await expect(s.setTrialUserAttr(t.trialId, 'k', 1)).rejects.toBeInstanceOf(TrialStateError);
    await expect(s.setTrialSystemAttr(t.trialId, 'k', 1)).rejects.toBeInstanceOf(TrialStateError);
    expect(await s.getTrial(t.trialId)).toBe(done);
    await expect(s.getTrial(12345)).rejects.toBeInstanceOf(TrialNotFoundError);
  });

  it('hands out frozen snapshots that later writes replace, never mutate', async () => {
    const { s, id } = await newStudy();
    const t = await s.createTrial(id);
    const listed = (await s.getAllTrials(id))[0];
    await s.setTrialParam(t.trialId, 'k', 'a', categorical(['a', 'b']));
    const mid = await s.getTrial(t.trialId);
    await s.setTrialIntermediateValue(t.trialId, 0, 0.5);
    await s.setTrialUserAttr(t.trialId, 'u', { deep: [1] });
    await s.setTrialSystemAttr(t.trialId, 'g', 7);
    await s.setTrialState(t.trialId, 'PRUNED');
    for (const old of [t, listed]) {
      expect(old.state).toBe('RUNNING');
      expect(old.params).toEqual({});
    }
    expect(mid.params).toEqual({ k: 'a' });
    expect(mid.intermediateValues.size).toBe(0);
    const done = await s.getTrial(t.trialId);
    expect(done.params).toEqual({ k: 'a' });
    expect([...done.intermediateValues]).toEqual([[0, 0.5]]);
    expect(done.userAttrs).toEqual({ u: { deep: [1] } });
    expect(done.systemAttrs).toEqual({ g: 7 });
    for (const x of [t, mid, done, done.params, done.userAttrs, done.userAttrs.u])
      expect(Object.isFrozen(x)).toBe(true);
    // The same snapshot object is shared by every reader until the next change.
    expect(await s.getTrial(t.trialId)).toBe(done);
    expect((await s.getAllTrials(id))[0]).toBe(done);
  });

  it('filters getAllTrials by states and fromNumber', async () => {
    const { s, id } = await newStudy();
    const states = ['COMPLETE', 'RUNNING', 'FAIL', 'WAITING', 'PRUNED'] as const;
    for (const state of states)
      await s.createTrial(id, { state, values: state === 'COMPLETE' ? [1] : undefined });
    const numbers = async (o: Parameters<InMemoryStorage['getAllTrials']>[1]) =>
      (await s.getAllTrials(id, o)).map((t) => t.number);
    expect(await numbers({})).toEqual([0, 1, 2, 3, 4]);
    expect(await numbers({ fromNumber: 3 })).toEqual([3, 4]);
    expect(await numbers({ states: ['RUNNING', 'WAITING'] })).toEqual([1, 3]);
    expect(await numbers({ states: ['COMPLETE', 'FAIL'], fromNumber: 1 })).toEqual([2]);
    expect(await numbers({ fromNumber: 9 })).toEqual([]);
  });

  it('keeps what a finished template gives and checks template params have distributions', async () => {
    const { s, id } = await newStudy();
    const start = new Date(1000);
    const t = await s.createTrial(id, {
      state: 'COMPLETE',
      values: [2],
      params: { x: 1 },
      distributions: { x: float(0, 2) },
      intermediateValues: new Map([[1, 3]]),
      datetimeStart: start,
    });
    expect(t.value).toBe(2);
    expect(t.datetimeStart).toBe(start);
    expect(t.datetimeComplete).toBeInstanceOf(Date);
    await expect(s.createTrial(id, { params: { y: 1 } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect((await s.getStudy(id)).nTrials).toBe(1);
  });
});

describe('InMemoryStorage heartbeats', () => {
  it('fails RUNNING trials whose heartbeat is older than the grace period, once', async () => {
    let now = 1_000_000;
    const s = new InMemoryStorage({ now: () => now });
    const id = await s.createStudy('hb', ['minimize']);
    const other = await s.createStudy('hb2', ['minimize']);
    const stale = await s.createTrial(id);
    const fresh = await s.createTrial(id);
    const noBeat = await s.createTrial(id);
    const elsewhere = await s.createTrial(other);
    for (const t of [stale, fresh, elsewhere]) await s.recordHeartbeat(t.trialId);
    now += 500;
    await s.recordHeartbeat(fresh.trialId);
    expect(await s.failStaleTrials(id, 1000)).toEqual([]);
    now += 600;
    expect(await s.failStaleTrials(id, 1000)).toEqual([stale.trialId]);
    const failed = await s.getTrial(stale.trialId);
    expect(failed.state).toBe('FAIL');
    expect(typeof failed.systemAttrs.fail_reason).toBe('string');
    expect((await s.getTrial(fresh.trialId)).state).toBe('RUNNING');
    // Trials that never sent a heartbeat are not judged by it (as in Optuna).
    expect((await s.getTrial(noBeat.trialId)).state).toBe('RUNNING');
    expect((await s.getTrial(elsewhere.trialId)).state).toBe('RUNNING');
    expect(await s.failStaleTrials(id, 1000)).toEqual([]);
    expect(await s.setTrialState(stale.trialId, 'COMPLETE', [1])).toBe(false);
  });
});
