import { float } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { createStudy, deleteStudy, loadStudy } from './create-study.js';
import { StudyNotFoundError } from './errors.js';
import { InMemoryStorage } from './storage/memory.js';
import type { Trial } from './trial.js';
import type { Storage } from './types.js';

const OPTIONAL = ['claimOrCreateTrial', 'setTrialParams', 'finishTrial'] as const;

/** An InMemoryStorage that logs every call, with or without the optional members. */
function counting(withOptional: boolean): { storage: Storage; calls: string[] } {
  const inner = new InMemoryStorage();
  const calls: string[] = [];
  const storage = new Proxy(inner, {
    get(target, key, receiver) {
      if (!withOptional && (OPTIONAL as readonly (string | symbol)[]).includes(key))
        return undefined;
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return v.apply(target, args);
      };
    },
  });
  return { storage, calls };
}

function tenParams(trial: Trial): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += trial.suggestFloat(`x${i}`, -1, 1) ** 2;
  return sum;
}

describe('storage calls per trial', () => {
  it('are four with the optional members: claim-or-create, one refresh, one bulk param write, finish', async () => {
    const { storage, calls } = counting(true);
    const study = await createStudy({ storage });
    calls.length = 0;
    await study.optimize(tenParams, { nTrials: 2 });
    const perTrial = ['claimOrCreateTrial', 'getAllTrials', 'setTrialParams', 'finishTrial'];
    expect(calls).toEqual([...perTrial, ...perTrial]);
    expect(study.trials.map((t) => Object.keys(t.params).length)).toEqual([10, 10]);
    // The stored trial is what the study caches: no getTrial needed to learn it.
    expect(await storage.getTrial(study.trials[1].trialId)).toEqual(study.trials[1]);
  });

  it('fall back to the required members when a storage lacks the optional ones', async () => {
    const { storage, calls } = counting(false);
    const study = await createStudy({ storage });
    calls.length = 0;
    await study.optimize(tenParams, { nTrials: 1 });
    expect(calls).toEqual([
      'claimWaitingTrial',
      'createTrial',
      'getAllTrials',
      ...Array.from({ length: 10 }, () => 'setTrialParam'),
      'setTrialState',
      'getTrial',
    ]);
    expect(Object.keys(study.trials[0].params)).toHaveLength(10);
  });

  it('claim an enqueued trial through claimOrCreateTrial, params fixed', async () => {
    const { storage, calls } = counting(true);
    const study = await createStudy({ storage });
    await study.enqueueTrial({ x0: 0.5 });
    calls.length = 0;
    await study.optimize((t) => t.suggestFloat('x0', -1, 1), { nTrials: 1 });
    expect(calls[0]).toBe('claimOrCreateTrial');
    expect(study.trials.map((t) => [t.number, t.state, t.params.x0])).toEqual([
      [0, 'COMPLETE', 0.5],
    ]);
  });

  it('keep a write between suggestions in its place: params around it are separate calls', async () => {
    const { storage, calls } = counting(true);
    const study = await createStudy({ storage });
    const trial = await study.ask();
    calls.length = 0;
    trial.suggestFloat('a', 0, 1);
    trial.suggestFloat('b', 0, 1);
    trial.setUserAttr('k', 1);
    trial.suggest({ c: float(0, 1) });
    await study.tell(trial, 0);
    expect(calls).toEqual(['setTrialParams', 'setTrialUserAttr', 'setTrialParam', 'finishTrial']);
    expect(Object.keys(study.trials[0].params)).toEqual(['a', 'b', 'c']);
  });
});

describe('reads past a trial that another process still runs', () => {
  /** An InMemoryStorage that logs the ranges read by getAllTrials and the trials read by getTrial. */
  function logging(): { storage: Storage; reads: string[] } {
    const inner = new InMemoryStorage();
    const reads: string[] = [];
    const storage = new Proxy(inner, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (key === 'getAllTrials')
          return (id: number, o?: { fromNumber?: number }) => {
            reads.push(`from ${o?.fromNumber ?? 0}`);
            return v.call(target, id, o);
          };
        if (key === 'getTrial')
          return (id: number) => {
            reads.push(`trial ${id}`);
            return v.call(target, id);
          };
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    return { storage, reads };
  }

  it('re-read that trial alone and the new tail, and still see it finish', async () => {
    const { storage, reads } = logging();
    const other = await createStudy({ storage, studyName: 's' });
    const long = await other.ask(); // trial 0, RUNNING in the other process
    const study = await loadStudy({ storage, studyName: 's' });
    await study.optimize(() => 1, { nTrials: 12 });
    reads.length = 0;
    await study.optimize(() => 1, { nTrials: 1 });
    // 13 trials known: the tail from 13 and trial 0 by itself, not everything from 0.
    expect(reads).toEqual(['from 13', `trial ${long.trialId}`]);
    await other.tell(long, 0.5);
    await study.optimize(() => 1, { nTrials: 1 });
    expect(study.trials[0].state).toBe('COMPLETE');
    expect(study.trials[0].value).toBe(0.5);
    expect(study.trials.map((t) => t.number)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('report a study deleted meanwhile as StudyNotFoundError, as a single read does', async () => {
    // The tail read answers last, as on a database that looks the study up first.
    const inner = new InMemoryStorage();
    const storage = new Proxy(inner, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (key === 'getAllTrials')
          return async (...args: unknown[]) => {
            await new Promise((r) => setTimeout(r, 5));
            return v.apply(target, args);
          };
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const other = await createStudy({ storage, studyName: 's' });
    await other.ask();
    const study = await loadStudy({ storage, studyName: 's' });
    await study.optimize(() => 1, { nTrials: 8 });
    await deleteStudy({ storage, studyName: 's' });
    await expect(study.getTrials()).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  it('take in a tail longer than a call can spread (150,000 trials)', async () => {
    const storage = new InMemoryStorage();
    const other = await createStudy({ storage, studyName: 's' });
    await other.ask();
    for (let i = 0; i < 8; i++) await other.tell(await other.ask(), i);
    const study = await loadStudy({ storage, studyName: 's' });
    const id = await storage.getStudyIdFromName('s');
    for (let i = 0; i < 150_000; i++)
      await storage.createTrial(id, { state: 'COMPLETE', values: [i] });
    expect(await study.getTrials()).toHaveLength(150_009);
  });

  it('read the whole range when the unfinished trials are many of it', async () => {
    const { storage, reads } = logging();
    const other = await createStudy({ storage, studyName: 's' });
    for (let i = 0; i < 3; i++) await other.ask(); // trials 0..2 RUNNING elsewhere
    const study = await loadStudy({ storage, studyName: 's' });
    await study.optimize(() => 1, { nTrials: 4 });
    reads.length = 0;
    await study.optimize(() => 1, { nTrials: 1 });
    // 3 unfinished among 7: more than a quarter, so one read from trial 0.
    expect(reads).toEqual(['from 0']);
  });
});
