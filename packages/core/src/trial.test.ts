import {
  categorical,
  type Distribution,
  distributionsEqual,
  float,
  int,
  SearchSpaceError,
  space,
} from '@tunekit/search-space';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createStudy } from './create-study.js';
import { UniformSampler } from './defaults.js';
import { InvalidArgumentError, StorageError, TrialStateError, TunekitError } from './errors.js';
import { InMemoryStorage } from './storage/memory.js';
import type { FrozenTrial, JsonValue, Pruner, Sampler, StudyView } from './types.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Records every hook call; relative sampling over `relative` returns `relativeValues`. */
class SpySampler implements Sampler {
  readonly name = 'spy';
  readonly calls: string[] = [];
  readonly seen: FrozenTrial[] = [];
  views: StudyView[] = [];
  constructor(
    private readonly relative: Record<string, Distribution> = {},
    private readonly relativeValues: Record<string, unknown> = {},
    private readonly attrs?: Record<string, JsonValue>,
  ) {}
  beforeTrial(view: StudyView, trial: FrozenTrial): void {
    this.calls.push(`before:${trial.number}`);
    this.views.push(view);
  }
  inferRelativeSearchSpace(): Record<string, Distribution> {
    this.calls.push('infer');
    return this.relative;
  }
  sampleRelative(): Record<string, unknown> {
    this.calls.push('relative');
    return this.relativeValues;
  }
  sampleIndependent(
    view: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown {
    this.calls.push(`independent:${name}`);
    this.seen.push(trial);
    this.views.push(view);
    return dist.type === 'categorical' ? dist.choices[dist.choices.length - 1] : dist.high;
  }
  takeSystemAttrs(): Record<string, JsonValue> | undefined {
    return this.attrs;
  }
}

describe('trial.suggest*', () => {
  it('returns the same value for the same name and distribution, and stores it', async () => {
    const study = await createStudy({ sampler: new UniformSampler({ seed: 1 }) });
    const trial = await study.ask();
    const x = trial.suggestFloat('x', 0, 1);
    expect(trial.suggestFloat('x', 0, 1)).toBe(x);
    const k = trial.suggestCategorical('k', ['a', 'b', 'c']);
    expect(trial.suggestCategorical('k', ['a', 'b', 'c'])).toBe(k);
    const n = trial.suggestInt('n', 1, 10, { step: 3 });
    expect([1, 4, 7, 10]).toContain(n);
    expect(trial.params).toEqual({ x, k, n });
    const done = await study.tell(trial, 1);
    expect(done.params).toEqual({ x, k, n });
    expect(distributionsEqual(done.distributions.n, int(1, 10, { step: 3 }))).toBe(true);
  });

  it('throws InvalidArgumentError naming the parameter for another distribution under a known name', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    trial.suggestFloat('x', 0, 1);
    expect(() => trial.suggestFloat('x', 0, 2)).toThrow(InvalidArgumentError);
    expect(() => trial.suggestInt('x', 0, 1)).toThrow(/parameter "x" was already suggested/);
    expect(() => trial.suggestCategorical('x', [0, 1])).toThrow(InvalidArgumentError);
  });

  it('throws SearchSpaceError naming the parameter for an invalid distribution', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    const cases: [() => unknown, string][] = [
      [() => trial.suggestFloat('lr', 1, 0), 'low-gt-high'],
      [() => trial.suggestFloat('lr', 0, 1, { log: true }), 'log-nonpositive-low'],
      [() => trial.suggestInt('units', 0.5, 3), 'int-non-integer-bound'],
      [() => trial.suggestCategorical('kind', []), 'empty-choices'],
      [
        () =>
          trial.suggest({
            depth: { type: 'int', low: 3, high: 1, log: false, step: 1 } as Distribution,
          }),
        'low-gt-high',
      ],
    ];
    for (const [call, rule] of cases) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SearchSpaceError);
      expect((error as SearchSpaceError).rule).toBe(rule);
      expect((error as SearchSpaceError).param).toBeDefined();
      expect((error as Error).message).toContain(
        `parameter "${(error as SearchSpaceError).param}"`,
      );
    }
  });

  it('suggest(space) and suggest(record) return every parameter, typed', async () => {
    const study = await createStudy({ sampler: new UniformSampler({ seed: 2 }) });
    const trial = await study.ask();
    const s = space({
      lr: float(1e-4, 1, { log: true }),
      kernel: categorical(['rbf', 'linear'] as const),
      depth: int(1, 4),
    });
    const p = trial.suggest(s);
    expectTypeOf(p).toEqualTypeOf<{ lr: number; kernel: 'rbf' | 'linear'; depth: number }>();
    expect(Object.keys(p).sort()).toEqual(['depth', 'kernel', 'lr']);
    expect(['rbf', 'linear']).toContain(p.kernel);
    const q = trial.suggest({ depth: int(1, 4), flag: categorical([true, false]) });
    expectTypeOf(q.flag).toEqualTypeOf<boolean>();
    expect(q.depth).toBe(p.depth);
  });

  it('uses the single value of a one-point distribution without asking the sampler', async () => {
    const sampler = new SpySampler();
    const study = await createStudy({ sampler });
    const trial = await study.ask();
    expect(trial.suggestFloat('x', 2, 2)).toBe(2);
    expect(trial.suggestCategorical('c', ['only'])).toBe('only');
    expect(sampler.calls.filter((c) => c.startsWith('independent'))).toEqual([]);
  });

  it('samples relatively once at trial start and uses the relative value only for an equal distribution', async () => {
    const sampler = new SpySampler({ a: float(0, 10), b: int(0, 5) }, { a: 3.5, b: 2 });
    const study = await createStudy({ sampler });
    const trial = await study.ask();
    expect(sampler.calls).toEqual(['before:0', 'infer', 'relative']);
    expect(trial.suggestFloat('a', 0, 10)).toBe(3.5);
    // Same name, another distribution: independent sampling (the spy returns high).
    expect(trial.suggestInt('b', 0, 7)).toBe(7);
    expect(trial.suggestFloat('c', 0, 1)).toBe(1);
    expect(sampler.calls).toEqual([
      'before:0',
      'infer',
      'relative',
      'independent:b',
      'independent:c',
    ]);
  });

  it('falls back to independent sampling when the relative value is outside the distribution', async () => {
    const sampler = new SpySampler({ a: float(0, 10) }, { a: 11 });
    const study = await createStudy({ sampler });
    const trial = await study.ask();
    expect(trial.suggestFloat('a', 0, 10)).toBe(10);
  });

  it('passes the live trial to the sampler, with the params suggested so far', async () => {
    const sampler = new SpySampler();
    const study = await createStudy({ sampler });
    const trial = await study.ask();
    trial.suggestFloat('a', 0, 1);
    trial.suggestFloat('b', 0, 1);
    expect(Object.keys(sampler.seen[1].params)).toEqual(['a']);
    // The sampler's view holds the running trial too.
    expect(sampler.views.at(-1)?.trials[0].params).toEqual({ a: 1, b: 1 });
  });

  it('throws a clear error when a sampler returns a value outside the distribution', async () => {
    const bad: Sampler = { name: 'bad', sampleIndependent: () => 99 };
    const study = await createStudy({ sampler: bad });
    const trial = await study.ask();
    expect(() => trial.suggestFloat('x', 0, 1)).toThrow(
      /sampler bad returned 99 for parameter "x"/,
    );
  });

  it('stores system attrs the sampler hands over with takeSystemAttrs', async () => {
    const study = await createStudy({ sampler: new SpySampler({}, {}, { grid_id: 4 }) });
    const trial = await study.ask();
    expect(trial.systemAttrs).toEqual({ grid_id: 4 });
    const done = await study.tell(trial, 0);
    expect(done.systemAttrs).toEqual({ grid_id: 4 });
  });

  it('shows the sampler the narrowed view of pruner.samplerView', async () => {
    const sampler = new SpySampler();
    const narrowed: StudyView[] = [];
    const pruner: Pruner = {
      prune: () => false,
      samplerView(view) {
        const v = { ...view, trials: [] as FrozenTrial[] };
        narrowed.push(v);
        return v;
      },
    };
    const study = await createStudy({ sampler, pruner });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    expect(narrowed.length).toBe(2);
    expect(sampler.views.every((v) => narrowed.includes(v))).toBe(true);
  });

  it('refuses suggestions after the trial is finished', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    await study.tell(trial, 1);
    expect(() => trial.suggestFloat('x', 0, 1)).toThrow(TrialStateError);
    expect(() => trial.report(1, 0)).toThrow(TrialStateError);
  });
});

describe('trial.report and shouldPrune', () => {
  it('validates the step and the value', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    for (const step of [-1, 1.5, Number.NaN]) {
      expect(() => trial.report(1, step)).toThrow(InvalidArgumentError);
      expect(() => trial.report(1, step)).toThrow(/^step = /);
    }
    expect(() => trial.report('1' as unknown as number, 0)).toThrow(/^value = "1"/);
    trial.report(Number.NaN, 0);
    expect(Number.isNaN(trial.intermediateValues.get(0))).toBe(true);
  });

  it('ignores a repeated step with one warning per step', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const study = await createStudy();
    const trial = await study.ask();
    trial.report(1, 0);
    trial.report(2, 0);
    trial.report(3, 0);
    trial.report(4, 1);
    trial.report(5, 1);
    expect([...trial.intermediateValues]).toEqual([
      [0, 1],
      [1, 4],
    ]);
    expect(warn).toHaveBeenCalledTimes(2);
    const done = await study.tell(trial, 0);
    expect([...done.intermediateValues]).toEqual([
      [0, 1],
      [1, 4],
    ]);
  });

  it('keeps params it started with, and a snapshot never sees a later suggestion', async () => {
    const study = await createStudy();
    await study.addTrial({
      state: 'WAITING',
      params: { x: 0.25 },
      distributions: { x: float(0, 1) },
    });
    const trial = await study.ask();
    expect(trial.suggestFloat('x', 0, 1)).toBe(0.25);
    const before = study.trials[0];
    const y = trial.suggestFloat('y', 0, 1);
    expect(before.params).toEqual({ x: 0.25 });
    expect(study.trials[0].params).toEqual({ x: 0.25, y });
    expect(trial.params).toBe(trial.params);
    expect(() => trial.suggestInt('x', 0, 1)).toThrow(/already suggested in trial 0/);
    trial.setUserAttr('u', 1);
    expect(trial.params).toEqual({ x: 0.25, y });
    const done = await study.tell(trial, 0);
    expect(done.params).toEqual({ x: 0.25, y });
    expect(done.distributions).toEqual({ x: float(0, 1), y: float(0, 1) });
  });

  it('keeps snapshots apart past 64 parameters too, where suggestions append to a log', async () => {
    // Starts from 70 params (a retry's), so the first suggestion is already past the switch;
    // a fresh trial crosses it at its 65th parameter.
    const start = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`r${i}`, i / 100]));
    const dists = Object.fromEntries(Object.keys(start).map((k) => [k, float(0, 1)]));
    const study = await createStudy();
    await study.addTrial({ state: 'WAITING', params: start, distributions: dists });
    for (const from of [start, {}]) {
      const trial = await study.ask();
      const seen: [FrozenTrial, Record<string, number>][] = [];
      let expected: Record<string, number> = { ...from };
      for (let i = 0; i < 100; i++) {
        expected = { ...expected, [`x${i}`]: trial.suggestFloat(`x${i}`, 0, 1) };
        if (i % 7 === 0) trial.report(i, i);
        if (i % 11 === 0) trial.setUserAttr(`u${i}`, i);
        seen.push([study.trials[trial.number], expected]);
      }
      expect(trial.suggestFloat('x3', 0, 1)).toBe(expected.x3);
      if (from === start) expect(trial.suggestFloat('r5', 0, 1)).toBe(start.r5);
      for (const [snapshot, params] of seen) {
        expect(snapshot.params).toEqual(params);
        expect(Object.keys(snapshot.distributions)).toEqual(Object.keys(params));
      }
      const done = await study.tell(trial, 0);
      expect(done.params).toEqual(expected);
      expect(done.intermediateValues.size).toBe(15);
      expect(Object.keys(done.userAttrs)).toHaveLength(10);
      expect(await study.storage.getTrial(done.trialId)).toEqual(done);
    }
  });

  it('shows a running trial its values as a real Map (structuredClone, toEqual, instanceof)', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    trial.report(1.5, 0);
    trial.report(2.5, 3);
    const expected = new Map([
      [0, 1.5],
      [3, 2.5],
    ]);
    expect(trial.intermediateValues).toBeInstanceOf(Map);
    expect(trial.intermediateValues).toEqual(expected);
    expect(structuredClone(trial.intermediateValues)).toEqual(expected);
    expect(structuredClone(study.trials[0]).intermediateValues).toEqual(expected);
    expect(JSON.stringify(trial.intermediateValues)).toBe('{}');
  });

  it('refuses Object.prototype member names as parameters, at any position', async () => {
    const study = await createStudy();
    for (const before of [0, 70]) {
      const trial = await study.ask();
      for (let i = 0; i < before; i++) trial.suggestFloat(`x${i}`, 0, 1);
      for (const name of ['constructor', 'toString', '__proto__']) {
        expect(() => trial.suggestFloat(name, 0, 1)).toThrow(InvalidArgumentError);
        expect(() => trial.suggestFloat(name, 0, 1)).toThrow(/^name = "/);
      }
      const done = await study.tell(trial, 0);
      expect(done.state).toBe('COMPLETE');
      expect(Object.keys(done.params)).toHaveLength(before);
    }
  });

  it('reports on top of the values it started with, leaving the Map it started with alone', async () => {
    // A trial enqueued from a template with intermediate values (as a retry that inherits
    // them): the Map it starts with is the storage's, so the first report copies it.
    const study = await createStudy();
    await study.addTrial({ state: 'WAITING', intermediateValues: new Map([[0, 1]]) });
    const started = await study.storage.getTrial(study.trials[0].trialId);
    const trial = await study.ask();
    expect([...trial.intermediateValues]).toEqual([[0, 1]]);
    const initial = trial.intermediateValues;
    trial.report(2, 5);
    trial.setUserAttr('note', 'between reports');
    trial.report(3, 2);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    trial.report(4, 0); // already held: ignored with a warning
    expect(warn).toHaveBeenCalledTimes(1);
    expect([...initial]).toEqual([[0, 1]]);
    expect([...started.intermediateValues]).toEqual([[0, 1]]);
    expect(trial.intermediateValues).toBeInstanceOf(Map);
    expect([...trial.intermediateValues]).toEqual([
      [0, 1],
      [5, 2],
      [2, 3],
    ]);
    expect(study.trials[0].intermediateValues).toBe(trial.intermediateValues);
    const done = await study.tell(trial, 0);
    expect(done.intermediateValues.get(5)).toBe(2);
    expect(done.intermediateValues.size).toBe(3);
  });

  it('asks the pruner with the full view and the live trial', async () => {
    const seen: FrozenTrial[] = [];
    const pruner: Pruner = {
      prune(view, trial) {
        seen.push(trial);
        expect(view.trials.at(-1)).toBe(trial);
        return (trial.intermediateValues.get(trial.intermediateValues.size - 1) ?? 0) > 5;
      },
    };
    const study = await createStudy({ pruner });
    const trial = await study.ask();
    trial.report(3, 0);
    expect(trial.shouldPrune()).toBe(false);
    trial.report(9, 1);
    expect(trial.shouldPrune()).toBe(true);
    expect([...seen[1].intermediateValues.values()]).toEqual([3, 9]);
  });

  it('stores the system attrs a pruner hands over after prune', async () => {
    let calls = 0;
    const pruner: Pruner = {
      prune: () => false,
      takeSystemAttrs(trial) {
        calls++;
        return calls === 1 ? { rung_0: trial.intermediateValues.get(0) ?? null } : undefined;
      },
    };
    const study = await createStudy({ pruner });
    const trial = await study.ask();
    trial.report(0.25, 0);
    trial.shouldPrune();
    trial.shouldPrune();
    const done = await study.tell(trial, 1);
    expect(done.systemAttrs.rung_0).toBe(0.25);
    expect(calls).toBe(2);
    const stored = await study.storage.getTrial(done.trialId);
    expect(stored.systemAttrs.rung_0).toBe(0.25);
  });

  it('refuses report and shouldPrune in a multi-objective study', async () => {
    const study = await createStudy({ directions: ['minimize', 'maximize'] });
    const trial = await study.ask();
    expect(() => trial.report(1, 0)).toThrow(/multi-objective/);
    expect(() => trial.shouldPrune()).toThrow(TunekitError);
  });
});

describe('trial attrs and queued writes', () => {
  it('sets user and system attrs as JSON copies', async () => {
    const study = await createStudy();
    const trial = await study.ask();
    const v = { a: [1, 2] };
    trial.setUserAttr('u', v);
    trial.setSystemAttr('s', 'x');
    v.a.push(3);
    expect(() => trial.setUserAttr('bad', Number.NaN)).toThrow(InvalidArgumentError);
    const done = await study.tell(trial, 1);
    expect(done.userAttrs).toEqual({ u: { a: [1, 2] } });
    expect(done.systemAttrs).toEqual({ s: 'x' });
  });

  it('surfaces a failed write when the trial finishes, marks it FAIL and keeps other trials intact', async () => {
    const storage = new InMemoryStorage();
    // Without the bulk method each param is its own write (with it, see the next test).
    Object.defineProperty(storage, 'setTrialParams', { value: undefined });
    const original = storage.setTrialParam.bind(storage);
    storage.setTrialParam = async (trialId, name, value, dist) => {
      if (name === 'boom') throw new StorageError('disk full');
      return original(trialId, name, value, dist);
    };
    const study = await createStudy({ storage });
    const first = await study.ask();
    first.suggestFloat('x', 0, 1);
    const firstDone = await study.tell(first, 1);
    const trial = await study.ask();
    trial.suggestFloat('x', 0, 1);
    trial.suggestFloat('boom', 0, 1);
    trial.suggestFloat('after', 0, 1);
    await expect(study.tell(trial, 2)).rejects.toThrow('disk full');
    const stored = await storage.getTrial(trial.trialId);
    expect(stored.state).toBe('FAIL');
    expect(stored.systemAttrs.fail_reason).toMatch(/disk full/);
    // Writes after the failed one are skipped, not applied out of order.
    expect(Object.keys(stored.params)).toEqual(['x']);
    expect(await storage.getTrial(first.trialId)).toEqual(firstDone);
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL']);
  });

  it('a failed bulk param write stores none of its params and marks the trial FAIL', async () => {
    const storage = new InMemoryStorage();
    const original = storage.setTrialParams.bind(storage);
    storage.setTrialParams = async (trialId, entries) => {
      if (entries.some((e) => e.name === 'boom')) throw new StorageError('disk full');
      return original(trialId, entries);
    };
    const study = await createStudy({ storage });
    const trial = await study.ask();
    trial.suggestFloat('x', 0, 1);
    trial.suggestFloat('boom', 0, 1);
    await expect(study.tell(trial, 2)).rejects.toThrow('disk full');
    const stored = await storage.getTrial(trial.trialId);
    expect(stored.state).toBe('FAIL');
    expect(stored.params).toEqual({});
    expect(stored.systemAttrs.fail_reason).toMatch(/disk full/);
  });

  it('applies queued writes in order on a slow storage and waits for them before finishing', async () => {
    const storage = new InMemoryStorage();
    const order: string[] = [];
    const slow =
      <A extends unknown[]>(label: string, f: (...a: A) => Promise<void>) =>
      async (...a: A): Promise<void> => {
        // Later writes take less time: only the queue keeps them in order.
        await new Promise((r) => setTimeout(r, 6 - order.length));
        order.push(label);
        await f(...a);
      };
    storage.setTrialParam = slow('param', storage.setTrialParam.bind(storage));
    storage.setTrialIntermediateValue = slow(
      'report',
      storage.setTrialIntermediateValue.bind(storage),
    );
    storage.setTrialUserAttr = slow('attr', storage.setTrialUserAttr.bind(storage));
    const study = await createStudy({ storage, sampler: new UniformSampler({ seed: 3 }) });
    const trial = await study.ask();
    trial.suggestFloat('a', 0, 1);
    trial.report(1, 0);
    trial.setUserAttr('k', 'v1');
    trial.suggestInt('b', 0, 9);
    trial.setUserAttr('k', 'v2');
    const done = await study.tell(trial, 0);
    expect(order).toEqual(['param', 'report', 'attr', 'param', 'attr']);
    expect(done.params).toEqual(trial.params);
    expect(done.userAttrs).toEqual({ k: 'v2' });
    expect([...done.intermediateValues]).toEqual([[0, 1]]);
    expect(study.trials).toEqual([done]);
  });
});
