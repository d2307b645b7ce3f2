import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  InvalidArgumentError,
  loadStudy,
  makeFrozenTrial,
  makeStudyView,
  type Sampler,
} from '@tunekit/core';
import { categorical, float, int } from '@tunekit/search-space';
import { describe, expect, it, vi } from 'vitest';
import { CmaEs } from './cma.js';
import { CmaEsSampler } from './cmaes-sampler.js';

const x = float(-5, 5);
const y = float(-5, 5);
const xy = { x, y };

/** A complete trial as the runtime would store it after sampling with these system attrs. */
function done(
  number: number,
  params: Record<string, number>,
  value: number,
  systemAttrs = {},
): FrozenTrial {
  return makeFrozenTrial({ number, params, distributions: xy, value, systemAttrs });
}

/** Samples trial `number` against `trials`, returning the params and the attrs the sampler stores. */
function sampleOne(sampler: CmaEsSampler, trials: FrozenTrial[], number: number) {
  const view = makeStudyView({ trials: [...trials, makeFrozenTrial({ number })] });
  const t = makeFrozenTrial({ number });
  const space = sampler.inferRelativeSearchSpace(view, t);
  const params = sampler.sampleRelative(view, t, space) as Record<string, number>;
  return { params, attrs: sampler.takeSystemAttrs(t) ?? {} };
}

describe('CmaEsSampler on hand-built studies', () => {
  it('relative space: numeric, non-single params common to every complete trial, sorted by name', () => {
    const dists = {
      b: float(0, 1),
      a: int(1, 9),
      c: categorical(['u', 'v']),
      d: float(2, 2),
      e: float(0, 1),
    };
    const t0 = makeFrozenTrial({
      number: 0,
      value: 1,
      params: { b: 0.5, a: 3, c: 'u', d: 2, e: 0.1 },
      distributions: dists,
    });
    const { e: _e, ...withoutE } = dists;
    const t1 = makeFrozenTrial({
      number: 1,
      value: 2,
      params: { b: 0.2, a: 4, c: 'v', d: 2 },
      distributions: withoutE,
    });
    const running = makeFrozenTrial({ number: 2 });
    const s = new CmaEsSampler();
    const space = s.inferRelativeSearchSpace(makeStudyView({ trials: [t0, t1, running] }), running);
    expect(Object.keys(space)).toEqual(['a', 'b']);
    expect(s.inferRelativeSearchSpace(makeStudyView({ trials: [running] }), running)).toEqual({});
  });

  it('tells a generation only when popsize complete trials of it exist', () => {
    const s = new CmaEsSampler({ seed: 1 });
    const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
    // lambda = 4 + floor(3 ln 2) = 6 for two parameters.
    for (let n = 1; n <= 6; n++) {
      const { params, attrs } = sampleOne(s, trials, n);
      expect(attrs['cma:generation']).toBe(0);
      expect(attrs['cma:state']).toBeUndefined();
      trials.push(done(n, params, params.x ** 2 + params.y ** 2, attrs));
      if (n === 5) {
        // Five of six members done: trial 6 still belongs to generation 0.
        expect(sampleOne(s, trials, 6).attrs['cma:generation']).toBe(0);
      }
    }
    const { attrs } = sampleOne(s, trials, 7);
    expect(attrs['cma:generation']).toBe(1);
    const state = attrs['cma:state'] as {
      restart: number;
      names: string[];
      cma: { generation: number; popsize: number };
    };
    expect(state.restart).toBe(0);
    expect(state.names).toEqual(['x', 'y']);
    expect(state.cma.generation).toBe(1);
  });

  it('a failed member does not stall its generation: more trials join it until popsize complete', () => {
    // Optuna's rule: only COMPLETE trials fill a generation, and sampling goes on meanwhile.
    const s = new CmaEsSampler({ seed: 1 });
    const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
    const failed = new Set([2, 5]);
    for (let n = 1; n <= 8; n++) {
      const { params, attrs } = sampleOne(s, trials, n);
      expect(attrs['cma:generation']).toBe(0);
      trials.push(
        failed.has(n)
          ? makeFrozenTrial({
              number: n,
              params,
              distributions: xy,
              state: 'FAIL',
              systemAttrs: attrs,
            })
          : done(n, params, params.x ** 2 + params.y ** 2, attrs),
      );
    }
    // Trials 1..8 minus the two failures: six complete members, so trial 9 starts generation 1.
    const { attrs } = sampleOne(s, trials, 9);
    expect(attrs['cma:generation']).toBe(1);
    expect((attrs['cma:state'] as { cma: { generation: number } }).cma.generation).toBe(1);
  });

  it('resumes from the state stored in the trials: a fresh sampler continues as the old one would', () => {
    const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
    const a = new CmaEsSampler({ seed: 3 });
    for (let n = 1; n <= 20; n++) {
      const { params, attrs } = sampleOne(a, trials, n);
      trials.push(done(n, params, (params.x - 1) ** 2 + params.y ** 2, attrs));
    }
    const b = new CmaEsSampler({ seed: 3 });
    for (const n of [21, 22, 23]) expect(sampleOne(b, trials, n)).toEqual(sampleOne(a, trials, n));
  });

  it('stores the fitness history only with IPOP, the one user of the termination criteria', () => {
    const history = (sampler: CmaEsSampler) => {
      const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
      for (let n = 1; n <= 7; n++) {
        const { params, attrs } = sampleOne(sampler, trials, n);
        trials.push(done(n, params, params.x ** 2 + params.y ** 2, attrs));
      }
      // lambda = 6 for n = 2: trial 7 completed the first generation and stored the state.
      const state = trials[7].systemAttrs['cma:state'] as { cma: { history: unknown } };
      return state.cma.history;
    };
    expect(history(new CmaEsSampler({ seed: 1 }))).toBeNull();
    expect(history(new CmaEsSampler({ seed: 1, restartStrategy: 'ipop' }))).toMatchObject({
      stride: 1,
    });
  });

  it('a stored state of another format version fails loudly instead of restarting the search', () => {
    const s = new CmaEsSampler({ seed: 1 });
    const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
    for (let n = 1; n <= 7; n++) {
      const { params, attrs } = sampleOne(s, trials, n);
      trials.push(done(n, params, params.x ** 2 + params.y ** 2, attrs));
    }
    const attrs = trials[7].systemAttrs as Record<string, { cma: object }>;
    const old = { ...attrs['cma:state'], cma: { ...attrs['cma:state'].cma, version: 1 } };
    trials[7] = done(7, trials[7].params as Record<string, number>, trials[7].value ?? 0, {
      ...attrs,
      'cma:state': old,
    });
    expect(() => sampleOne(new CmaEsSampler({ seed: 1 }), trials, 8)).toThrow(
      /state\.version = 1: must be 2/,
    );
  });

  it('maximises by minimising -value: the mean moves towards the larger values', () => {
    const s = new CmaEsSampler({ seed: 2 });
    const trials: FrozenTrial[] = [done(0, { x: 0, y: 0 }, 0)];
    for (let n = 1; n <= 60; n++) {
      const view = makeStudyView({
        trials: [...trials, makeFrozenTrial({ number: n })],
        directions: ['maximize'],
      });
      const t = makeFrozenTrial({ number: n });
      const p = s.sampleRelative(view, t, s.inferRelativeSearchSpace(view, t)) as Record<
        string,
        number
      >;
      trials.push(done(n, p, p.x + p.y, s.takeSystemAttrs(t)));
    }
    const sums = trials.map((t) => (t.params.x as number) + (t.params.y as number));
    const last = sums.slice(-12);
    expect(last.reduce((a, b) => a + b, 0) / 12).toBeGreaterThan(6);
  });

  it('rejects multi-objective studies', () => {
    const s = new CmaEsSampler();
    const view = makeStudyView({
      trials: [done(0, { x: 0, y: 0 }, 0)],
      directions: ['minimize', 'minimize'],
    });
    expect(() => s.sampleRelative(view, makeFrozenTrial({ number: 1 }), xy)).toThrow(
      /study.directions/,
    );
  });

  it('learns from pruned trials at their last intermediate value only when asked', () => {
    const pruned = (number: number, params: Record<string, number>, attrs: object) =>
      makeFrozenTrial({
        number,
        params,
        distributions: xy,
        state: 'PRUNED',
        intermediateValues: new Map([
          [1, 5],
          [3, 4],
        ]),
        systemAttrs: attrs as never,
      });
    for (const considerPrunedTrials of [false, true]) {
      const s = new CmaEsSampler({ seed: 1, considerPrunedTrials });
      const trials: FrozenTrial[] = [done(0, { x: 1, y: 1 }, 2)];
      for (let n = 1; n <= 6; n++) {
        const { params, attrs } = sampleOne(s, trials, n);
        trials.push(pruned(n, params, attrs));
      }
      expect(sampleOne(s, trials, 7).attrs['cma:generation']).toBe(considerPrunedTrials ? 1 : 0);
    }
  });

  it('warm start (WS-CMA-ES): the first generation is drawn around the best source trials', () => {
    // Ten source trials: gamma = 0.1 keeps the single best (x = 4, y = -4), so the initial
    // distribution is N(its encoding, alpha^2 I) with alpha = 0.1, i.e. sd 1 in x and y units.
    const source = Array.from({ length: 10 }, (_, i) =>
      done(
        i,
        { x: i === 3 ? 4 : -4 + i * 0.1, y: i === 3 ? -4 : 4 - i * 0.1 },
        i === 3 ? 0 : 10 + i,
      ),
    );
    const s = new CmaEsSampler({ seed: 4, sourceTrials: source });
    const trials: FrozenTrial[] = [done(0, { x: 0, y: 0 }, 0)];
    const xs: number[] = [];
    const ys: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const { params } = sampleOne(s, trials, n);
      xs.push(params.x);
      ys.push(params.y);
    }
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean(xs) - 4)).toBeLessThan(1.5);
    expect(Math.abs(mean(ys) + 4)).toBeLessThan(1.5);
    expect(() => new CmaEsSampler({ sourceTrials: source, x0: { x: 1 } })).toThrow(/sourceTrials/);
  });

  it('starts at x0 (in parameter values) with sigma0 as a fraction of each axis', () => {
    const s = new CmaEsSampler({ seed: 0, x0: { x: 4, y: -4 }, sigma0: 0.001 });
    const { params } = sampleOne(s, [done(0, { x: 0, y: 0 }, 0)], 1);
    // sd = 0.001 of a range of 10: within 0.05 of x0 with overwhelming probability.
    expect(Math.abs(params.x - 4)).toBeLessThan(0.05);
    expect(Math.abs(params.y + 4)).toBeLessThan(0.05);
  });

  it('rejects an x0 it cannot start from, naming the parameter', () => {
    // Checked when the sampler is made: the shape and finiteness.
    expect(() => new CmaEsSampler({ x0: 5 as never })).toThrow(
      /^x0 = 5: must be an object of parameter values by name/,
    );
    expect(() => new CmaEsSampler({ x0: { x: Number.NaN } })).toThrow(
      /^x0\.x = NaN: must be a finite number/,
    );
    expect(() => new CmaEsSampler({ x0: { x: '1' as never } })).toThrow(/^x0\.x = "1"/);
    // Checked at the first CMA-ES sample, when the range is known: x is in [-5, 5].
    for (const bad of [5.5, -6]) {
      const s = new CmaEsSampler({ x0: { x: bad } });
      expect(() => sampleOne(s, [done(0, { x: 0, y: 0 }, 0)], 1)).toThrow(
        new RegExp(`^x0\\.x = ${bad}: must be within the parameter's range \\[-5, 5\\]`),
      );
    }
    // The bounds themselves are fine.
    expect(() =>
      sampleOne(new CmaEsSampler({ x0: { x: 5, y: -5 } }), [done(0, { x: 0, y: 0 }, 0)], 1),
    ).not.toThrow();
    expect(() => new CmaEsSampler({ sourceTrials: 'abc' as never })).toThrow(
      /^sourceTrials = "abc": must be an array/,
    );
  });

  it('sends categoricals to the independent sampler, warning once per parameter', () => {
    const calls: string[] = [];
    const independent: Sampler = {
      name: 'fake',
      sampleIndependent: (_s, _t, name) => {
        calls.push(name);
        return 'v';
      },
      beforeTrial: (_s, t) => void calls.push(`before ${t.number}`),
      afterTrial: (_s, t, state) => void calls.push(`after ${t.number} ${state}`),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = new CmaEsSampler({ independentSampler: independent });
    const view = makeStudyView({ trials: [done(0, { x: 0, y: 0 }, 0)] });
    const c = categorical(['u', 'v']);
    const [t1, t2] = [makeFrozenTrial({ number: 1 }), makeFrozenTrial({ number: 2 })];
    s.beforeTrial(view, t1);
    expect(s.sampleIndependent(view, t1, 'c', c)).toBe('v');
    s.beforeTrial(view, t2);
    s.sampleIndependent(view, t2, 'c', c);
    s.afterTrial(view, t2, 'FAIL');
    expect(calls).toEqual(['before 1', 'c', 'before 2', 'c', 'after 2 FAIL']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/"c".*categorical/);
    warn.mockRestore();
  });

  it('validates its options', () => {
    expect(() => new CmaEsSampler({ sigma0: 0 })).toThrow(/sigma0 = 0/);
    expect(() => new CmaEsSampler({ popsize: 1 })).toThrow(/popsize = 1/);
    expect(() => new CmaEsSampler({ nStartupTrials: -1 })).toThrow(/nStartupTrials = -1/);
    expect(() => new CmaEsSampler({ incPopsize: 0.5 })).toThrow(/incPopsize = 0.5/);
    expect(() => new CmaEsSampler({ restartStrategy: 'bipop' as never })).toThrow(
      /restartStrategy/,
    );
    expect(() => new CmaEsSampler({ seed: Number.NaN })).toThrow(/^seed = NaN: must be a finite/);
    for (const name of ['separable', 'withMargin', 'considerPrunedTrials'] as const) {
      expect(() => new CmaEsSampler({ [name]: 'no' as never })).toThrow(
        new RegExp(`^${name} = "no": must be true or false`),
      );
    }
  });

  it('when two workers stored a state for the same generation, every worker goes on from the one of the lower-numbered trial', () => {
    // Two states of generation 0 with near-zero sigma: one centred at unit 0.2 (x = y = -3),
    // one at unit 0.8 (x = y = 3), stored on trials 2 and 1 in the other order too.
    const state = (u: number) => ({
      restart: 0,
      names: ['x', 'y'],
      cma: CmaEs.create({ mean: [u, u], sigma: 1e-9 }).toJSON(),
    });
    for (const [first, second, expected] of [
      [0.2, 0.8, -3],
      [0.8, 0.2, 3],
    ]) {
      const trials = [
        done(0, { x: 0, y: 0 }, 5),
        done(1, { x: 1, y: 1 }, 4, { 'cma:state': state(first) }),
        done(2, { x: 2, y: 2 }, 3, { 'cma:state': state(second) }),
      ];
      const { params } = sampleOne(new CmaEsSampler({ seed: 1 }), trials, 3);
      expect(params.x).toBeCloseTo(expected, 6);
      expect(params.y).toBeCloseTo(expected, 6);
    }
  });

  it('rejects a warm start from fewer than 10 usable source trials, before any trial runs', () => {
    // gamma = 0.1: the best 10% of the source trials must hold at least one trial.
    const nine = Array.from({ length: 9 }, (_, i) => done(i, { x: i - 4, y: 0 }, i));
    expect(() => new CmaEsSampler({ sourceTrials: nine })).toThrow(InvalidArgumentError);
    expect(() => new CmaEsSampler({ sourceTrials: nine })).toThrow(
      /^sourceTrials = "9 trials, 9 finished with a value": .*at least 10/,
    );
    // Ten trials, one of them without a value: still too few.
    const tenOneFailed = [
      ...nine,
      makeFrozenTrial({ number: 9, params: { x: 0, y: 0 }, distributions: xy, state: 'FAIL' }),
    ];
    expect(() => new CmaEsSampler({ sourceTrials: tenOneFailed })).toThrow(
      /^sourceTrials = "10 trials, 9 finished with a value"/,
    );
    // Ten finished trials over other distributions: known to be unusable only at sampling.
    const other = { x: float(0, 1), y: float(0, 1) };
    const elsewhere = Array.from({ length: 10 }, (_, i) =>
      makeFrozenTrial({ number: i, params: { x: 0.5, y: 0.5 }, distributions: other, value: i }),
    );
    const s = new CmaEsSampler({ sourceTrials: elsewhere });
    expect(() => sampleOne(s, [done(0, { x: 0, y: 0 }, 0)], 1)).toThrow(
      /^sourceTrials = "10 trials, 0 with the parameters x, y and the same distributions": .*at least 10/,
    );
  });
});

describe('CmaEsSampler through createStudy', () => {
  it('minimises a 3-D quadratic and is deterministic for a seed', async () => {
    const run = async (seed: number) => {
      const study = await createStudy({ sampler: new CmaEsSampler({ seed }) });
      await study.optimize(
        (t) =>
          (t.suggestFloat('a', -5, 5) - 1) ** 2 +
          (t.suggestFloat('b', -5, 5) + 2) ** 2 +
          t.suggestFloat('c', -5, 5) ** 2,
        { nTrials: 120 },
      );
      return study;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b.trials.map((t) => t.params)).toEqual(a.trials.map((t) => t.params));
    expect(c.trials.map((t) => t.params)).not.toEqual(a.trials.map((t) => t.params));
    expect(a.bestValue).toBeLessThan(0.05);
    // Every CMA trial knows its generation; generation g holds lambda = 7 trials.
    const gens = a.trials.slice(1).map((t) => t.systemAttrs['cma:generation'] as number);
    expect(gens.slice(0, 14)).toEqual([...new Array(7).fill(0), ...new Array(7).fill(1)]);
  });

  it('log axes: searches log(lr) and finds lr = 1e-3', async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 1 }) });
    await study.optimize(
      (t) =>
        (Math.log10(t.suggestFloat('lr', 1e-6, 1, { log: true })) + 3) ** 2 +
        (t.suggestFloat('m', 0, 1) - 0.9) ** 2,
      { nTrials: 100 },
    );
    // The first generation is centred at the geometric middle 1e-3 with sd 1/6 of 6 decades:
    // all of it within 1e-3 * 10^(+-3), and the best lr within a tenth of a decade of 1e-3.
    const lr = study.trials.slice(1, 7).map((t) => Math.log10(t.params.lr as number));
    for (const v of lr) expect(Math.abs(v + 3)).toBeLessThan(3);
    expect(Math.abs(Math.log10(study.bestParams.lr as number) + 3)).toBeLessThan(0.1);
  });

  it('IPOP: a restart fires on a flat objective and doubles the population', async () => {
    const study = await createStudy({
      sampler: new CmaEsSampler({
        seed: 0,
        restartStrategy: 'ipop',
        warnIndependentSampling: false,
      }),
    });
    // n = 2: lambda = 6; TolFun needs 10 + ceil(30 * 2 / 6) = 20 flat generations, so the
    // restart is due after 21 generations = 126 trials (+ the independent first trial).
    await study.optimize((t) => 0 * t.suggestFloat('a', 0, 1) + 0 * t.suggestFloat('b', 0, 1) + 1, {
      nTrials: 140,
    });
    const restarts = study.trials.map((t) => t.systemAttrs['cma:n_restarts']);
    const first = restarts.indexOf(1);
    expect(first).toBe(1 + 21 * 6 + 0);
    const holder = study.trials.find(
      (t) => (t.systemAttrs['cma:state'] as { restart?: number } | undefined)?.restart === 1,
    );
    expect(
      (holder?.systemAttrs['cma:state'] as { cma: { popsize: number } } | undefined)?.cma.popsize,
    ).toBe(12);
    expect(study.trials[first].systemAttrs['cma:generation']).toBe(0);
  });

  it('int axes with margin: the search keeps moving between integers and finds the optimum', async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 3 }) });
    await study.optimize(
      (t) =>
        (t.suggestInt('i', 0, 20) - 13) ** 2 +
        (t.suggestInt('j', 0, 20) - 4) ** 2 +
        (t.suggestFloat('u', 0, 1) - 0.5) ** 2,
      {
        nTrials: 150,
      },
    );
    expect(study.bestParams.i).toBe(13);
    expect(study.bestParams.j).toBe(4);
    expect(study.trials[150 - 1].systemAttrs['cmawm:generation']).toBeGreaterThan(10);
    // Late trials still try neighbouring integers (the margin keeps the axis alive).
    const late = new Set(study.trials.slice(100).map((t) => `${t.params.i},${t.params.j}`));
    expect(late.size).toBeGreaterThan(1);
  });

  it('a user-fixed trial is told at the sample of its point, so the margin does not blow sigma up', async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 3 }) });
    const objective = (t: {
      suggestInt(n: string, l: number, h: number): number;
      suggestFloat(n: string, l: number, h: number): number;
    }) => {
      const u = t.suggestFloat('u', 0, 1);
      return (
        (t.suggestInt('i', 0, 20) - 13) ** 2 +
        (t.suggestInt('j', 0, 20) - 4) ** 2 +
        (u - 0.5) ** 2 -
        (u === 0.5 ? 5 : 0)
      );
    };
    await study.optimize(objective, { nTrials: 180 });
    // The best of its generation, a neighbour of the optimum: a sensible update hardly moves.
    await study.enqueueTrial({ i: 12, j: 5, u: 0.5 });
    await study.optimize(objective, { nTrials: 30 });
    expect(study.trials[180].params).toEqual({ i: 12, j: 5, u: 0.5 });
    // n = 3, lambda = 7: the last generation sampled, four after the enqueued trial's. Told at
    // its encoding instead, the trial sat A (the margin's scale, much above 1 by then) times too
    // far out on the int axes, sigma grew each generation, and this one reached i = 2.
    const last = study.trials.slice(-7);
    for (const t of last) {
      expect(Math.abs((t.params.i as number) - 12.5)).toBeLessThanOrEqual(3);
      expect(Math.abs((t.params.j as number) - 4.5)).toBeLessThanOrEqual(3);
    }
  });

  it('does not warn about a trial that started before any finished and suggests after', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 0 }) });
    const [a, b] = [await study.ask(), await study.ask()];
    await study.tell(a, a.suggestFloat('x', -1, 1) ** 2);
    // b started with no trial finished: sampled independently as expected.
    await study.tell(b, b.suggestFloat('x', -1, 1) ** 2);
    const messages = warn.mock.calls.map((call) => String(call[0]));
    warn.mockRestore();
    expect(messages).toEqual([]);
  });

  it('decides that warning per study and trial, also for one sampler shared by studies on two storages', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sampler = new CmaEsSampler({ seed: 0, nStartupTrials: 2 });
    const a = await createStudy({ storage: new InMemoryStorage(), sampler });
    await a.optimize((t) => t.suggestFloat('x', -1, 1) ** 2, { nTrials: 2 });
    // A millisecond on, so that the clock tells the start from the last completion.
    await new Promise((resolve) => setTimeout(resolve, 2));
    const late = await a.ask(); // trial id 2 of its storage, started after startup
    const b = await createStudy({ storage: new InMemoryStorage(), sampler });
    const asked = [await b.ask(), await b.ask(), await b.ask()]; // ids 0..2 of another storage
    asked[2].suggestFloat('x', -1, 1);
    expect(warn).not.toHaveBeenCalled();
    late.suggestFloat('cond', 0, 1);
    expect(warn).toHaveBeenCalledTimes(1);
    // Driven by hand, without datetimes or beforeTrial: every finished trial counts.
    new CmaEsSampler({ nStartupTrials: 1 }).sampleIndependent(
      makeStudyView({ trials: [done(0, { x: 0, y: 0 }, 0)] }),
      makeFrozenTrial({ number: 1 }),
      'z',
      float(0, 1),
    );
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[1][0])).toMatch(/"z"/);
    warn.mockRestore();
  });

  it('a space that loses its last int axis falls back to independent sampling, as for a float', async () => {
    for (const k of [int(0, 10), float(0, 10)]) {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const study = await createStudy({ sampler: new CmaEsSampler({ seed: 1 }) });
      await study.optimize(
        (t) => {
          const v = t.suggestFloat('x', -5, 5) ** 2 + t.suggestFloat('y', -5, 5) ** 2;
          if (t.number >= 40) return v;
          return v + (k.type === 'int' ? t.suggestInt('k', 0, 10) : t.suggestFloat('k', 0, 10));
        },
        { nTrials: 60 },
      );
      const messages = warn.mock.calls.map((c) => String(c[0]));
      warn.mockRestore();
      expect(messages.some((m) => m.includes('search space changed (k, x, y -> x, y)'))).toBe(true);
      // Trial 40 was sampled on {k, x, y}; from 41 on the space is {x, y}: no CMA-ES trial.
      for (const t of study.trials.slice(41)) {
        expect(Object.keys(t.systemAttrs).filter((key) => key.includes('generation'))).toEqual([]);
      }
    }
  });

  it('a study resumed with the margin switched starts a run of its own, side by side', async () => {
    for (const first of [false, true]) {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const storage = new InMemoryStorage();
      const objective = (t: {
        suggestInt(n: string, l: number, h: number): number;
        suggestFloat(n: string, l: number, h: number): number;
      }) => (t.suggestInt('i', 0, 20) - 7) ** 2 + t.suggestFloat('x', -1, 1) ** 2;
      const a = await createStudy({
        studyName: 'm',
        storage,
        sampler: new CmaEsSampler({ seed: 1, withMargin: first }),
      });
      await a.optimize(objective, { nTrials: 30 });
      const b = await loadStudy({
        studyName: 'm',
        storage,
        sampler: new CmaEsSampler({ seed: 1, withMargin: !first }),
      });
      await b.optimize(objective, { nTrials: 30 });
      const messages = warn.mock.calls.map((c) => String(c[0]));
      warn.mockRestore();
      expect(messages.filter((m) => m.includes('search space changed'))).toEqual([]);
      const key = first ? 'cma:generation' : 'cmawm:generation';
      const trials = await b.getTrials();
      expect(trials.slice(30).every((t) => typeof t.systemAttrs[key] === 'number')).toBe(true);
    }
  });

  it('several workers on one storage share the generations', async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({
      studyName: 's',
      storage,
      sampler: new CmaEsSampler({ seed: 1 }),
    });
    const other = await loadStudy({
      studyName: 's',
      storage,
      sampler: new CmaEsSampler({ seed: 2 }),
    });
    const objective = (t: { suggestFloat(n: string, l: number, h: number): number }) =>
      t.suggestFloat('a', -3, 3) ** 2 + t.suggestFloat('b', -3, 3) ** 2;
    for (let round = 0; round < 10; round++) {
      await study.optimize(objective, { nTrials: 4 });
      await other.optimize(objective, { nTrials: 4 });
    }
    const trials = await study.getTrials();
    expect(trials).toHaveLength(80);
    const maxGen = Math.max(
      ...trials.map((t) => (t.systemAttrs['cma:generation'] as number | undefined) ?? -1),
    );
    // 79 CMA trials in generations of 6: both workers advanced the same distribution.
    expect(maxGen).toBeGreaterThanOrEqual(11);
    expect(study.bestValue).toBeLessThan(0.1);
  });
});

describe('CmaEsSampler with trials it cannot place on its space', () => {
  it('rejects a multi-objective study before its first trial can complete', async () => {
    const study = await createStudy({
      directions: ['minimize', 'minimize'],
      sampler: new CmaEsSampler({ seed: 0 }),
    });
    await expect(
      study.optimize((t) => [t.suggestFloat('x', 0, 1), 1], { nTrials: 3 }),
    ).rejects.toThrow(/study.directions.*single objective/);
    const trials = await study.getTrials();
    expect(trials.filter((t) => t.state === 'COMPLETE')).toEqual([]);
  });

  it('leaves out a pruned generation member whose parameter had another distribution', async () => {
    const study = await createStudy({
      sampler: new CmaEsSampler({ seed: 0, popsize: 2, considerPrunedTrials: true }),
    });
    let t = await study.ask();
    t.suggestFloat('x', 0, 1);
    await study.tell(t, 1);
    t = await study.ask();
    t.suggestCategorical('x', ['a', 'b']);
    t.report(0.5, 0);
    await study.tell(t, undefined, { state: 'PRUNED' });
    for (let i = 0; i < 6; i++) {
      t = await study.ask();
      await study.tell(t, (t.suggestFloat('x', 0, 1) - 0.3) ** 2);
    }
    const trials = await study.getTrials();
    expect(trials.every((tr) => tr.state !== 'FAIL')).toBe(true);
    // Generations of 2 kept advancing on the float trials alone.
    expect(trials.at(-1)?.systemAttrs['cma:generation']).toBeGreaterThanOrEqual(2);
  });

  it('leaves out a trial with a value outside a log axis (no finite encoding)', () => {
    // Core now refuses to enqueue such a value; a study written before still holds one.
    const dists = { x: float(1e-3, 1, { log: true }), y: float(0, 1) };
    const s = new CmaEsSampler({ seed: 0, popsize: 2 });
    const trials: FrozenTrial[] = [];
    for (let number = 0; number < 11; number++) {
      const view = makeStudyView({ trials: [...trials, makeFrozenTrial({ number })] });
      const t = makeFrozenTrial({ number });
      const space = s.inferRelativeSearchSpace(view, t);
      const relative = s.sampleRelative(view, t, space) as Record<string, number>;
      const attrs = s.takeSystemAttrs(t) ?? {};
      const params = number === 3 ? { x: -1, y: 0.5 } : { x: 0.5, y: 0.5, ...relative };
      trials.push(
        makeFrozenTrial({
          number,
          params,
          distributions: dists,
          value: params.x + params.y,
          systemAttrs: attrs,
        }),
      );
    }
    expect(trials.at(-1)?.systemAttrs['cma:generation']).toBeGreaterThanOrEqual(2);
  });

  it('warns once about x0 names that are not among its parameters', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = new CmaEsSampler({ seed: 0, x0: { X: 1, y: 2 } });
    const trials = [done(0, { x: 0, y: 0 }, 0)];
    sampleOne(s, trials, 1);
    sampleOne(s, trials, 2);
    const messages = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/x0 names "X", not among the parameters CMA-ES samples \(x, y\)/);
  });

  it('reads null options as no options, and refuses an independent sampler that is not one', () => {
    const t = [done(0, { x: 0, y: 0 }, 0)];
    // No seed given, so only the shape of the result can be compared with the default's.
    const { params, attrs } = sampleOne(new CmaEsSampler(null as never), t, 1);
    expect(Object.keys(params)).toEqual(['x', 'y']);
    expect(attrs['cma:generation']).toBe(0);
    for (const bad of [null, {}, 42]) {
      expect(() => new CmaEsSampler({ independentSampler: bad as never })).toThrow(
        InvalidArgumentError,
      );
    }
  });
});

describe('CmaEsSampler and CmaEs.create option names', () => {
  it('refuse an unknown name (from JavaScript it used to be ignored), hinting the camelCase one', () => {
    expect(() => new CmaEsSampler({ restart_strategy: 'ipop' } as never)).toThrow(
      /^restart_strategy = "ipop": is not an option of CmaEsSampler \(did you mean restartStrategy\?\)/,
    );
    expect(() => new CmaEsSampler({ use_separable_cma: true } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(() => CmaEs.create({ mean: [0.5], sigma: 0.2, sigma0: 0.3 } as never)).toThrow(
      /^sigma0 = 0\.3: is not an option of CmaEs\.create/,
    );
  });
});
