import { categorical, float, int } from '@tunekit/search-space';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudy, deleteStudy, loadStudy } from './create-study.js';
import { UniformSampler } from './defaults.js';
import {
  DuplicatedStudyError,
  InvalidArgumentError,
  StorageError,
  StudyNotFoundError,
  TrialStateError,
  TunekitError,
} from './errors.js';
import { InMemoryStorage } from './storage/memory.js';
import type { FrozenTrial, Sampler, StudyView, TrialState } from './types.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createStudy / loadStudy / deleteStudy', () => {
  it('defaults to one minimize objective, a unique name and a fresh in-memory storage', async () => {
    const a = await createStudy();
    const b = await createStudy();
    expect(a.directions).toEqual(['minimize']);
    expect(a.direction).toBe('minimize');
    expect(a.studyName).not.toBe(b.studyName);
    expect(a.storage).toBeInstanceOf(InMemoryStorage);
    expect(a.storage).not.toBe(b.storage);
    expect(a.sampler.name).toBe('UniformSampler');
    expect(a.pruner.prune(undefined as never, undefined as never)).toBe(false);
  });

  it('validates direction and directions', async () => {
    await expect(createStudy({ direction: 'up' as 'minimize' })).rejects.toThrow(
      /^direction = "up"/,
    );
    await expect(createStudy({ directions: [] })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createStudy({ directions: ['minimize', 'max' as 'maximize'] })).rejects.toThrow(
      /directions\[1\]/,
    );
    await expect(createStudy({ direction: 'minimize', directions: ['minimize'] })).rejects.toThrow(
      /either direction or directions/,
    );
    const multi = await createStudy({ directions: ['maximize', 'minimize'] });
    expect(multi.directions).toEqual(['maximize', 'minimize']);
    expect(() => multi.direction).toThrow(TunekitError);
  });

  it('refuses a taken name unless loadIfExists, and checks explicit directions on load', async () => {
    const storage = new InMemoryStorage();
    const s = await createStudy({ studyName: 'x', storage, direction: 'maximize' });
    await expect(createStudy({ studyName: 'x', storage })).rejects.toBeInstanceOf(
      DuplicatedStudyError,
    );
    const again = await createStudy({ studyName: 'x', storage, loadIfExists: true });
    expect(again.studyId).toBe(s.studyId);
    expect(again.directions).toEqual(['maximize']);
    await expect(
      createStudy({ studyName: 'x', storage, loadIfExists: true, direction: 'minimize' }),
    ).rejects.toThrow(/existing study "x" has directions/);
  });

  it('loads by name (or the only study), sees its trials, and deletes', async () => {
    const storage = new InMemoryStorage();
    const s = await createStudy({ studyName: 'only', storage });
    await s.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    const loaded = await loadStudy({ storage });
    expect(loaded.studyName).toBe('only');
    expect(loaded.trials.map((t) => t.number)).toEqual([0, 1, 2]);
    expect(loaded.bestValue).toBe(s.bestValue);
    await createStudy({ studyName: 'second', storage });
    await expect(loadStudy({ storage })).rejects.toThrow(/studyName/);
    await expect(loadStudy({ storage, studyName: 'missing' })).rejects.toBeInstanceOf(
      StudyNotFoundError,
    );
    await deleteStudy({ studyName: 'only', storage });
    await expect(loadStudy({ storage, studyName: 'only' })).rejects.toBeInstanceOf(
      StudyNotFoundError,
    );
  });

  it('accepts a storage URL', async () => {
    const s = await createStudy({ storage: 'memory:' });
    expect(s.storage).toBeInstanceOf(InMemoryStorage);
  });
});

describe('best trial, best trials and attrs', () => {
  it('throws a clear error before any trial completes', async () => {
    const s = await createStudy();
    expect(() => s.bestTrial).toThrow(/no COMPLETE trial/);
    expect(() => s.bestValue).toThrow(TunekitError);
    expect(() => s.bestParams).toThrow(TunekitError);
    expect(s.bestTrials).toEqual([]);
  });

  it('ignores FAIL and PRUNED trials, even a PRUNED one with a better value', async () => {
    const s = await createStudy();
    await s.addTrial({ state: 'FAIL' });
    await s.addTrial({ state: 'PRUNED', values: [-10] });
    expect(() => s.bestTrial).toThrow(/no COMPLETE trial/);
    expect(() => s.bestValue).toThrow(/no COMPLETE trial/);
    expect(s.bestTrials).toEqual([]);
    await s.addTrial({ values: [5] });
    expect(s.bestValue).toBe(5);
    expect(s.bestTrials.map((t) => t.number)).toEqual([2]);
  });

  it('picks the best value in the study direction, first of equals', async () => {
    for (const [direction, best] of [
      ['minimize', 1],
      ['maximize', 3],
    ] as const) {
      const s = await createStudy({ direction });
      for (const v of [2, 1, 3, 1, 3])
        await s.addTrial({ values: [v], params: { v }, distributions: { v: int(0, 9) } });
      await s.addTrial({ state: 'FAIL' });
      expect(s.bestValue).toBe(best);
      expect(s.bestTrial.number).toBe(direction === 'minimize' ? 1 : 2);
      expect(s.bestParams).toEqual({ v: best });
      expect(s.bestTrials.map((t) => t.number)).toEqual(direction === 'minimize' ? [1, 3] : [2, 4]);
    }
  });

  it('refuses bestTrial for multi-objective and gives the Pareto front as bestTrials', async () => {
    const s = await createStudy({ directions: ['minimize', 'minimize'] });
    for (const values of [
      [1, 4],
      [2, 2],
      [3, 3],
      [4, 1],
    ]) {
      await s.addTrial({ values });
    }
    expect(() => s.bestTrial).toThrow(/multi-objective/);
    expect(s.bestTrials.map((t) => t.number)).toEqual([0, 1, 3]);
  });

  it('keeps study user and system attrs', async () => {
    const storage = new InMemoryStorage();
    const s = await createStudy({ storage, studyName: 'attrs' });
    await s.setUserAttr('dataset', 'iris');
    await s.setSystemAttr('v', 2);
    expect(s.userAttrs).toEqual({ dataset: 'iris' });
    expect(s.systemAttrs).toEqual({ v: 2 });
    expect((await loadStudy({ storage, studyName: 'attrs' })).userAttrs).toEqual({
      dataset: 'iris',
    });
  });
});

describe('enqueueTrial and addTrial', () => {
  it('runs enqueued trials first with their fixed params and user attrs', async () => {
    const s = await createStudy({ sampler: new UniformSampler({ seed: 1 }) });
    await s.enqueueTrial({ x: 0.25, k: 'b' }, { userAttrs: { source: 'manual' } });
    await s.enqueueTrial({ x: 0.5 });
    await s.optimize(
      (t) => {
        const x = t.suggestFloat('x', 0, 1);
        t.suggestCategorical('k', ['a', 'b']);
        return x;
      },
      { nTrials: 3 },
    );
    const [a, b] = s.trials;
    expect(a.params).toEqual({ x: 0.25, k: 'b' });
    expect(a.userAttrs).toEqual({ source: 'manual' });
    expect(b.params.x).toBe(0.5);
    expect(['a', 'b']).toContain(b.params.k);
    expect(s.trials.length).toBe(3);
  });

  it('skipIfExists skips params already tried or queued', async () => {
    const s = await createStudy();
    await s.enqueueTrial({ x: 1 });
    await s.enqueueTrial({ x: 1 }, { skipIfExists: true });
    await s.enqueueTrial({ x: 1, y: 2 }, { skipIfExists: true });
    await s.optimize((t) => t.suggestInt('x', 0, 3), { nTrials: 1 });
    await s.enqueueTrial({ x: 1 }, { skipIfExists: true });
    expect(s.trials.map((t) => [t.state, t.systemAttrs.fixed_params])).toEqual([
      ['COMPLETE', { x: 1 }],
      ['WAITING', { x: 1, y: 2 }],
    ]);
  });

  it('rejects non-parameter values in enqueueTrial', async () => {
    const s = await createStudy();
    await expect(s.enqueueTrial({ x: Number.NaN })).rejects.toThrow(/^params\.x = /);
    await expect(s.enqueueTrial({ x: [1] as unknown as number })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('uses an out-of-range enqueued number with a warning, and rejects a categorical value not among the choices', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = await createStudy();
    await s.enqueueTrial({ x: 5, k: 'zzz' });
    const t = await s.ask();
    expect(t.suggestFloat('x', 0, 1)).toBe(5);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/out of range/));
    expect(() => t.suggestCategorical('k', ['a', 'b'])).toThrow(/^k = "zzz"/);
  });

  it('refuses a non-integer enqueued value for an int parameter, and uses an out-of-range integer', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = await createStudy();
    await s.enqueueTrial({ n: 2.5, m: 20 });
    const t = await s.ask();
    // Optuna would hand the objective int(2.5) = 2 while storing 2.5.
    expect(() => t.suggestInt('n', 0, 10)).toThrow(
      /^n = 2\.5: the enqueued value of an int parameter must be an integer/,
    );
    expect(t.suggestInt('m', 0, 10)).toBe(20);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/"m" with value 20 is out of range/));
  });

  it('refuses an enqueued value of 0 or below on a log axis, as Optuna does, and uses one above the range', async () => {
    // Optuna 3.1: enqueue_trial({'x': -1}); trial.suggest_float('x', 1e-3, 1, log=True)
    // raises ValueError "-1 is invalid value for the case log=True"; 0 likewise.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = await createStudy();
    await s.enqueueTrial({ x: -1, y: 0, n: 0, z: 5 });
    const t = await s.ask();
    expect(() => t.suggestFloat('x', 1e-3, 1, { log: true })).toThrow(
      /^x = -1: the enqueued value of a log parameter must be positive/,
    );
    expect(() => t.suggestFloat('y', 1e-3, 1, { log: true })).toThrow(InvalidArgumentError);
    expect(() => t.suggestInt('n', 1, 64, { log: true })).toThrow(/^n = 0: .* must be positive/);
    expect(t.suggestFloat('z', 1e-3, 1, { log: true })).toBe(5);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/"z" with value 5 is out of range/));
  });

  it('skipIfExists treats numbers within a relative 1e-5 of an existing value as the same (Optuna)', async () => {
    // Optuna 3.1: enqueue_trial({'n': 2.5}) ran, then {'n': 2.5000001} is skipped and
    // {'n': 2.6} is not (np.isclose(new, existing, atol=0), rtol 1e-5).
    const s = await createStudy();
    await s.enqueueTrial({ x: 2.5, k: 'a' });
    await s.enqueueTrial({ x: 2.5000001, k: 'a' }, { skipIfExists: true });
    await s.enqueueTrial({ x: 2.5 * (1 + 2e-5), k: 'a' }, { skipIfExists: true });
    await s.enqueueTrial({ x: 2.5, k: 'b' }, { skipIfExists: true });
    await s.enqueueTrial({ x: '2.5', k: 'a' }, { skipIfExists: true });
    expect(s.trials.map((t) => t.systemAttrs.fixed_params)).toEqual([
      { x: 2.5, k: 'a' },
      { x: 2.5 * (1 + 2e-5), k: 'a' },
      { x: 2.5, k: 'b' },
      { x: '2.5', k: 'a' },
    ]);
  });

  it('refuses Object.prototype member names in enqueueTrial and addTrial, storing nothing', async () => {
    const study = await createStudy();
    for (const name of ['constructor', 'toString', '__proto__']) {
      const params = JSON.parse(`{"${name}": 1}`) as Record<string, number>;
      await expect(study.enqueueTrial(params)).rejects.toThrow(`params.${name} = "${name}"`);
      await expect(
        study.addTrial({ params, distributions: { [name]: float(0, 2) }, values: [1] }),
      ).rejects.toThrow(InvalidArgumentError);
      // Own keys, as a record read from a file has them ("__proto__" included).
      const distributions = Object.defineProperty({ x: float(0, 2) }, name, {
        value: float(0, 2),
        enumerable: true,
      });
      await expect(
        study.addTrial({ params: { x: 1 }, distributions, values: [1] }),
      ).rejects.toThrow(`distributions.${name} = "${name}"`);
    }
    expect(await study.storage.getAllTrials(study.studyId)).toHaveLength(0);
  });

  it('addTrial validates and stores finished trials', async () => {
    const s = await createStudy({ directions: ['minimize', 'maximize'] });
    await expect(s.addTrial({ values: [1] })).rejects.toThrow(/number of values 1/);
    await expect(s.addTrial({})).rejects.toThrow(/^values = /);
    await expect(
      s.addTrial({ values: [1, 2], params: { x: 5 }, distributions: { x: float(0, 1) } }),
    ).rejects.toThrow(/params\.x = 5: is not in float\(0, 1\)/);
    await expect(s.addTrial({ values: [1, 2], params: { x: 1 } })).rejects.toThrow(
      /has no distribution/,
    );
    await expect(s.addTrial({ state: 'RUNNING', values: [1, 2] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    const t = await s.addTrial({
      values: [1, 2],
      params: { k: 'a' },
      distributions: { k: categorical(['a']) },
    });
    expect(t.state).toBe('COMPLETE');
    expect(s.trials).toEqual([t]);
    expect((await s.addTrial({ state: 'PRUNED' })).number).toBe(1);
  });
});

describe('ask and tell', () => {
  it('tells values, and checks them like optimize: a bad value makes the trial FAIL with the reason', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = await createStudy();
    const a = await s.ask();
    expect((await s.tell(a, 2)).value).toBe(2);
    const b = await s.ask();
    const failed = await s.tell(b, Number.NaN);
    expect(failed.state).toBe('FAIL');
    expect(failed.values).toBeUndefined();
    expect(failed.systemAttrs.fail_reason).toMatch(/NaN/);
    expect(warn).toHaveBeenCalled();
    const c = await s.ask();
    expect((await s.tell(c, [1, 2])).systemAttrs.fail_reason).toMatch(/number of values 2/);
  });

  it('throws TrialStateError for a finished trial and keeps the stored one', async () => {
    const s = await createStudy();
    const t = await s.ask();
    const done = await s.tell(t, 1);
    await expect(s.tell(t, 2)).rejects.toBeInstanceOf(TrialStateError);
    await expect(s.tell(t.number, 2)).rejects.toBeInstanceOf(TrialStateError);
    expect(await s.storage.getTrial(t.trialId)).toEqual(done);
    expect(await s.tell(t, 2, { skipIfFinished: true })).toEqual(done);
    expect(await s.tell(t.number, 2, { skipIfFinished: true })).toEqual(done);
  });

  it('tells by number, also a trial asked by another Study object', async () => {
    const storage = new InMemoryStorage();
    const s = await createStudy({ storage, studyName: 'x' });
    const t = await s.ask();
    t.suggestFloat('x', 0, 1);
    const other = await loadStudy({ storage, studyName: 'x' });
    // Let the queued param write land before another object reads the trial.
    await Promise.resolve();
    const told = await other.tell(t.number, 3);
    expect(told.value).toBe(3);
    expect(Object.keys(told.params)).toEqual(['x']);
    await expect(s.tell(t, 4)).rejects.toBeInstanceOf(TrialStateError);
    await expect(s.tell(99, 1)).rejects.toThrow(/no trial with this number/);
  });

  it('validates the state and values arguments', async () => {
    const s = await createStudy();
    const t = await s.ask();
    await expect(s.tell(t, undefined, { state: 'COMPLETE' })).rejects.toThrow(
      /values are required/,
    );
    await expect(s.tell(t, 1, { state: 'RUNNING' as 'FAIL' })).rejects.toThrow(
      /^state = "RUNNING"/,
    );
    await expect(s.tell(t, 1, { state: 'FAIL' })).rejects.toThrow(/FAIL trial takes no values/);
    expect((await s.tell(t, undefined, { state: 'FAIL' })).state).toBe('FAIL');
  });

  it('gives a PRUNED trial its last intermediate value (not a NaN one)', async () => {
    const s = await createStudy();
    const t = await s.ask();
    t.report(5, 0);
    t.report(4, 3);
    t.report(7, 1);
    const pruned = await s.tell(t, undefined, { state: 'PRUNED' });
    expect(pruned.state).toBe('PRUNED');
    expect(pruned.value).toBe(4);
    const u = await s.ask();
    u.report(Number.NaN, 0);
    expect((await s.tell(u, undefined, { state: 'PRUNED' })).values).toBeUndefined();
  });

  it('calls afterTrial before the state is stored', async () => {
    const storage = new InMemoryStorage();
    const states: TrialState[] = [];
    const sampler: Sampler = {
      name: 'after',
      sampleIndependent: () => 0.5,
      afterTrial(_view: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]) {
        const stored = (
          storage as unknown as { studies: Map<number, { trials: FrozenTrial[] }> }
        ).studies.get(0)?.trials[trial.number];
        states.push(stored?.state as TrialState, state);
        expect(values).toEqual(state === 'COMPLETE' ? [1] : undefined);
      },
    };
    const s = await createStudy({ storage, sampler });
    const t = await s.ask();
    await s.tell(t, 1);
    const u = await s.ask();
    await s.tell(u, undefined, { state: 'FAIL' });
    expect(states).toEqual(['RUNNING', 'COMPLETE', 'RUNNING', 'FAIL']);
  });

  it('ask(fixed) suggests the given distributions at once', async () => {
    const s = await createStudy({ sampler: new UniformSampler({ seed: 4 }) });
    const t = await s.ask({ x: float(0, 1), n: int(0, 3) });
    expect(Object.keys(t.params)).toEqual(['x', 'n']);
    expect(t.suggestInt('n', 0, 3)).toBe(t.params.n);
    await expect(
      s.ask({ bad: { type: 'float', low: 2, high: 1, log: false, step: null } }),
    ).rejects.toThrow(/parameter "bad"/);
  });

  it('without a state, FAILs a trial told no usable values; an explicit COMPLETE refuses them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = await createStudy();
    // Optuna 3.1: study.tell(trial) gives state FAIL; tell(trial, nan, state=COMPLETE) raises
    // ValueError and leaves the trial RUNNING.
    const a = await s.ask();
    const failed = await s.tell(a);
    expect(failed.state).toBe('FAIL');
    expect(failed.systemAttrs.fail_reason).toMatch(/undefined/);
    expect(warn).toHaveBeenCalled();
    const b = await s.ask();
    await expect(s.tell(b, Number.NaN, { state: 'COMPLETE' })).rejects.toThrow(
      /^valueOrValues = NaN: the objective returned NaN/,
    );
    await expect(s.tell(b, [1, 2], { state: 'COMPLETE' })).rejects.toThrow(/number of values 2/);
    expect((await s.storage.getTrial(b.trialId)).state).toBe('RUNNING');
    expect((await s.tell(b, 3, { state: 'COMPLETE' })).value).toBe(3);
  });

  it('refuses a Trial of another study and leaves it running', async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({ storage, studyName: 'a' });
    const b = await createStudy({ storage, studyName: 'b' });
    const t = await a.ask();
    await expect(b.tell(t, 1)).rejects.toThrow(
      /^trialOrNumber = "trial 0 of study \\"a\\"": belongs to another study than "b"/,
    );
    expect((await storage.getTrial(t.trialId)).state).toBe('RUNNING');
    expect(b.trials).toEqual([]);
    // Another Study object of the same study may tell it.
    const again = await loadStudy({ storage, studyName: 'a' });
    expect((await again.tell(t, 2)).value).toBe(2);
  });

  it('lets tell be retried with the same Trial when storing the state failed', async () => {
    const storage = new InMemoryStorage();
    const original = storage.setTrialState.bind(storage);
    let failures = 1;
    storage.setTrialState = async (id, state, values) => {
      if (failures-- > 0) throw new StorageError('connection reset');
      return original(id, state, values);
    };
    const s = await createStudy({ storage });
    const t = await s.ask();
    t.suggestFloat('x', 0, 1);
    await expect(s.tell(t, 1)).rejects.toThrow('connection reset');
    expect((await storage.getTrial(t.trialId)).state).toBe('RUNNING');
    const done = await s.tell(t, 1);
    expect([done.state, done.value, Object.keys(done.params)]).toEqual(['COMPLETE', 1, ['x']]);
    expect(s.trials).toEqual([done]);
  });

  it('marks FAIL a trial created by ask when reading the study then fails, instead of leaving it RUNNING', async () => {
    const storage = new InMemoryStorage();
    const s = await createStudy({ storage });
    const original = storage.getAllTrials.bind(storage);
    storage.getAllTrials = async () => {
      throw new StorageError('read timeout');
    };
    await expect(s.ask()).rejects.toThrow('read timeout');
    const [orphan] = await original(s.studyId);
    expect(orphan.state).toBe('FAIL');
    expect(orphan.systemAttrs.fail_reason).toBe('the trial could not be started: read timeout');
    storage.getAllTrials = original;
    expect((await s.getTrials()).map((t) => t.state)).toEqual(['FAIL']);
  });

  it('keeps the cached trials in number order and refreshes only the tail', async () => {
    const storage = new InMemoryStorage();
    const froms: (number | undefined)[] = [];
    const original = storage.getAllTrials.bind(storage);
    storage.getAllTrials = (id, o) => {
      froms.push(o?.fromNumber);
      return original(id, o);
    };
    const s = await createStudy({ storage });
    await s.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 50 });
    expect(s.trials.map((t) => t.number)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Each trial re-reads from the first unfinished trial on: its own number.
    expect(froms.slice(-5)).toEqual([45, 46, 47, 48, 49]);
    const ask = await s.ask();
    const other = await loadStudy({ storage, studyName: s.studyName });
    await other.addTrial({ values: [0] });
    expect((await s.getTrials()).map((t) => t.state).slice(-2)).toEqual(['RUNNING', 'COMPLETE']);
    expect((await s.getTrials({ states: ['RUNNING'] })).map((t) => t.number)).toEqual([ask.number]);
  });
});
