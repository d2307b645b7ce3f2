import {
  createStudy,
  type FrozenTrial,
  InvalidArgumentError,
  makeFrozenTrial,
  makeStudyView,
  type ParamValue,
  type Sampler,
  type StudyDirection,
  TrialPruned,
} from '@tunekit/core';
import { categorical, contains, type Distribution, float, int } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { kernelDim, ParzenEstimator } from './parzen-estimator.js';
import { TpeSampler, type TpeSamplerOptions } from './tpe-sampler.js';

type Objective = (suggest: (name: string, d: Distribution) => ParamValue) => number | number[];

/** The runtime's sampler protocol, in miniature: relative sampling first, then independent. */
function run(
  sampler: Sampler,
  objective: Objective,
  nTrials: number,
  directions: StudyDirection[] = ['minimize'],
) {
  const done: FrozenTrial[] = [];
  for (let number = 0; number < nTrials; number++) {
    let running = makeFrozenTrial({ number });
    const view = () => makeStudyView({ trials: [...done, running], directions });
    sampler.beforeTrial?.(view(), running);
    const rel = sampler.inferRelativeSearchSpace?.(view(), running) ?? {};
    const relValues = Object.keys(rel).length
      ? (sampler.sampleRelative?.(view(), running, rel) ?? {})
      : {};
    const params: Record<string, ParamValue> = {};
    const dists: Record<string, Distribution> = {};
    const value = objective((name, d) => {
      if (name in params) return params[name];
      const v = (
        name in relValues && rel[name] !== undefined
          ? relValues[name]
          : sampler.sampleIndependent(view(), running, name, d)
      ) as ParamValue;
      expect(contains(d, v)).toBe(true);
      params[name] = v;
      dists[name] = d;
      running = makeFrozenTrial({ number, params: { ...params }, distributions: { ...dists } });
      return v;
    });
    const values = Array.isArray(value) ? value : [value];
    const t = makeFrozenTrial({ number, params, distributions: dists, values, state: 'COMPLETE' });
    done.push(t);
    sampler.afterTrial?.(makeStudyView({ trials: done, directions }), t, 'COMPLETE', values);
  }
  return done;
}

const mixed: Objective = (s) => {
  const x = s('x', float(-5, 5)) as number;
  const lr = s('lr', float(1e-5, 1, { log: true })) as number;
  const n = s('n', int(1, 8)) as number;
  const q = s('q', float(0, 1, { step: 0.1 })) as number;
  const c = s('c', categorical(['a', 'b', 'c']));
  return (
    (x - 1) ** 2 +
    (Math.log10(lr) + 3) ** 2 +
    (n - 4) ** 2 / 10 +
    (q - 0.3) ** 2 +
    (c === 'b' ? 0 : 1)
  );
};

/** Conditional: `ya` only on branch a, `yb` and `zb` only on branch b. */
const conditional: Objective = (s) => {
  const kind = s('kind', categorical(['a', 'b']));
  if (kind === 'a') return ((s('ya', float(0, 1)) as number) - 0.2) ** 2;
  const yb = s('yb', int(1, 10)) as number;
  const zb = s('zb', float(1e-3, 1, { log: true })) as number;
  return 0.05 + (yb - 7) ** 2 / 100 + Math.log10(zb) ** 2 / 10;
};

const modes: [string, TpeSamplerOptions][] = [
  ['univariate', { multivariate: false }],
  ['multivariate', { multivariate: true }],
  ['multivariate, range bandwidth', { multivariate: true, bandwidth: 'range' }],
  ['group', { multivariate: true, group: true }],
];

describe('TpeSampler', () => {
  it('rejects bad options with InvalidArgumentError naming the option', () => {
    const bad: [TpeSamplerOptions, string][] = [
      [{ nStartupTrials: -1 }, 'nStartupTrials'],
      [{ nEiCandidates: 0 }, 'nEiCandidates'],
      [{ priorWeight: 0 }, 'priorWeight'],
      [{ multivariate: false, group: true }, 'group'],
      [{ scottFactor: Number.NaN }, 'scottFactor'],
      [{ bandwidth: 'silverman' as never }, 'bandwidth'],
      [{ seed: Number.POSITIVE_INFINITY }, 'seed'],
    ];
    for (const [options, param] of bad) {
      expect(() => new TpeSampler(options)).toThrow(InvalidArgumentError);
      try {
        new TpeSampler(options);
      } catch (e) {
        expect((e as InvalidArgumentError).param).toBe(param);
      }
    }
  });

  it('uses the independent sampler until nStartupTrials trials have finished', () => {
    const calls: number[] = [];
    const independent: Sampler = {
      name: 'stub',
      sampleIndependent: (_s, t) => {
        calls.push(t.number);
        return 0.5;
      },
    };
    run(
      new TpeSampler({
        seed: 1,
        nStartupTrials: 4,
        independentSampler: independent,
        multivariate: false,
      }),
      (s) => s('x', float(0, 1)) as number,
      8,
    );
    expect(calls).toEqual([0, 1, 2, 3]);
  });

  for (const [label, options] of modes) {
    it(`is deterministic per seed (${label})`, () => {
      const a = run(new TpeSampler({ ...options, seed: 7 }), mixed, 25).map((t) => t.params);
      const b = run(new TpeSampler({ ...options, seed: 7 }), mixed, 25).map((t) => t.params);
      const c = run(new TpeSampler({ ...options, seed: 8 }), mixed, 25).map((t) => t.params);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    });

    it(`handles conditional spaces (${label})`, () => {
      const trials = run(new TpeSampler({ ...options, seed: 3 }), conditional, 40);
      for (const t of trials) {
        const names = Object.keys(t.params).sort();
        expect(names).toEqual(t.params.kind === 'a' ? ['kind', 'ya'] : ['kind', 'yb', 'zb']);
      }
    });
  }

  it('group mode samples each branch group jointly via sampleRelative', () => {
    const sampler = new TpeSampler({ seed: 2, multivariate: true, group: true, nStartupTrials: 5 });
    const trials = run(sampler, conditional, 20);
    const view = makeStudyView({ trials });
    const next = makeFrozenTrial({ number: 20 });
    const space = sampler.inferRelativeSearchSpace(view, next);
    expect(Object.keys(space).sort()).toEqual(['kind', 'ya', 'yb', 'zb']);
    const values = sampler.sampleRelative(view, next, space);
    // One proposal per group: both branches' params come back; the runtime uses the reached ones.
    expect(Object.keys(values).sort()).toEqual(['kind', 'ya', 'yb', 'zb']);
  });

  it('multivariate without group jointly samples only the params every trial has', () => {
    const sampler = new TpeSampler({ seed: 2 });
    const trials = run(sampler, conditional, 12);
    expect(
      Object.keys(
        sampler.inferRelativeSearchSpace(
          makeStudyView({ trials }),
          makeFrozenTrial({ number: 12 }),
        ),
      ),
    ).toEqual(['kind']);
  });

  it('concentrates proposals near the optimum', () => {
    const target = 0.3;
    for (const options of [{ multivariate: false }, { multivariate: true }]) {
      const trials = run(
        new TpeSampler({ ...options, seed: 11 }),
        (s) => ((s('x', float(0, 1)) as number) - target) ** 2,
        60,
      );
      const dist = trials.map((t) => Math.abs((t.params.x as number) - target));
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Uniform proposals would have a median distance near 0.25 from 0.3.
      expect(median(dist.slice(30))).toBeLessThan(0.12);
    }
  });

  it('nEiCandidates: with many candidates the proposal maximises l(x) / g(x)', () => {
    // 30 trials on [0, 1]; the objective has its best values near 0.3. The good set is the 3
    // best, so l(x) / g(x) peaks close to 0.3. Its argmax is found here by a dense grid over
    // the two estimators, independently of how the sampler picks among its candidates.
    const d = float(0, 1);
    const trials = Array.from({ length: 30 }, (_, i) => {
      const x = (i * 0.618 + 0.05) % 1;
      return makeFrozenTrial({
        number: i,
        params: { x },
        distributions: { x: d },
        values: [Math.abs(x - 0.3)],
      });
    });
    const me = makeFrozenTrial({ number: 30 });
    const view = makeStudyView({ trials: [...trials, me] });
    // gamma(30) = 3 good trials; both sets in trial order (the weights ramp by age).
    const cut = [...trials].sort((a, b) => a.values![0] - b.values![0])[2].values![0];
    const xs = (good: boolean) =>
      Float64Array.from(
        trials.filter((t) => t.values![0] <= cut === good),
        (t) => t.params.x as number,
      );
    const below = xs(true);
    const above = xs(false);
    const dim = kernelDim(d);
    // The estimators the sampler builds: its resolved options hold every ParzenOptions field.
    const parzen = new TpeSampler({ multivariate: false }).options;
    const l = new ParzenEstimator([dim], [below], parzen);
    const g = new ParzenEstimator([dim], [above], parzen);
    const grid = Float64Array.from({ length: 10001 }, (_, i) => i / 10000);
    const ll = l.logPdf([grid], grid.length);
    const lg = g.logPdf([grid], grid.length);
    let argmax = 0;
    for (let i = 1; i < grid.length; i++) if (ll[i] - lg[i] > ll[argmax] - lg[argmax]) argmax = i;
    const best = grid[argmax];
    for (let seed = 0; seed < 3; seed++) {
      const many = new TpeSampler({ seed, multivariate: false, nEiCandidates: 4000 });
      expect(many.sampleIndependent(view, me, 'x', d) as number).toBeCloseTo(best, 2);
    }
    // One candidate is just a draw from l(x): over several seeds, not always at the argmax.
    const one = Array.from(
      { length: 10 },
      (_, seed) =>
        new TpeSampler({ seed, multivariate: false, nEiCandidates: 1 }).sampleIndependent(
          view,
          me,
          'x',
          d,
        ) as number,
    );
    expect(one.some((x) => Math.abs(x - best) > 0.02)).toBe(true);
  });

  it('constant liar makes running trials count as bad evidence', () => {
    // 15 finished trials spread by the golden ratio over [0, 1]; the best are near 0.5.
    const d = float(0, 1);
    const done = Array.from({ length: 15 }, (_, i) => {
      const x = (i * 0.618) % 1;
      return makeFrozenTrial({
        number: i,
        params: { x },
        distributions: { x: d },
        values: [(x - 0.5) ** 2],
      });
    });
    const running = Array.from({ length: 10 }, (_, i) =>
      makeFrozenTrial({
        number: 15 + i,
        state: 'RUNNING',
        params: { x: 0.5 },
        distributions: { x: float(0, 1) },
      }),
    );
    const me = makeFrozenTrial({ number: 25 });
    const view = makeStudyView({ trials: [...done, ...running, me] });
    const propose = (constantLiar: boolean) =>
      Array.from(
        { length: 20 },
        (_, i) =>
          new TpeSampler({ seed: 100 + i, multivariate: false, constantLiar }).sampleIndependent(
            view,
            me,
            'x',
            float(0, 1),
          ) as number,
      );
    const spread = (xs: number[]) => xs.reduce((a, x) => a + Math.abs(x - 0.5), 0) / xs.length;
    // Ten workers already evaluate x = 0.5: with the liar, g(x) piles up there and proposals move away.
    expect(spread(propose(true))).toBeGreaterThan(3 * spread(propose(false)));
  });

  it('multi-objective (MOTPE) proposes valid, seed-determined points', () => {
    const objective: Objective = (s) => {
      const x = s('x', float(0, 1)) as number;
      const y = s('y', float(0, 1)) as number;
      return [x + y, (1 - x) ** 2 + y];
    };
    const a = run(new TpeSampler({ seed: 5 }), objective, 30, ['minimize', 'minimize']);
    const b = run(new TpeSampler({ seed: 5 }), objective, 30, ['minimize', 'minimize']);
    expect(a.map((t) => t.params)).toEqual(b.map((t) => t.params));
    // y = 0 is on the Pareto set; late proposals should favour small y.
    const lateY = a.slice(20).map((t) => t.params.y as number);
    expect(lateY.filter((y) => y < 0.3).length).toBeGreaterThan(5);
  });

  it('MOTPE keeps sampling when an objective returns an infinite value', () => {
    for (const inf of [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      const trials = run(
        new TpeSampler({ seed: 1, nStartupTrials: 5 }),
        (s) => {
          const x = s('x', float(0, 1)) as number;
          return [x < 0.3 ? inf : x, 1 - x];
        },
        20,
        ['minimize', 'minimize'],
      );
      expect(trials).toHaveLength(20);
    }
  });

  it('constraintsFunc steers proposals to the feasible region', () => {
    // Minimise x on [0, 1] subject to x >= 0.6 (constraint 0.6 - x <= 0).
    const sampler = new TpeSampler({
      seed: 9,
      constraintsFunc: (t) => [0.6 - (t.params.x as number)],
    });
    const trials = run(sampler, (s) => s('x', float(0, 1)) as number, 50);
    const late = trials.slice(30).map((t) => t.params.x as number);
    expect(late.filter((x) => x >= 0.55 && x <= 0.75).length).toBeGreaterThan(10);
    const bad = new TpeSampler({ seed: 1, nStartupTrials: 1, constraintsFunc: () => [Number.NaN] });
    expect(() => run(bad, (s) => s('x', float(0, 1)) as number, 3)).toThrow(InvalidArgumentError);
  });

  it('constraintsFunc: a sampler reused for another study re-evaluates its trials', () => {
    // Minimise x subject to x >= 0.6, in two studies whose trials share numbers and ids but not
    // params (in-memory storages both count ids from 0). Study b mirrors study a's x values, so
    // a's feasible trials are b's infeasible ones.
    const d = float(0, 1);
    const make = (mirror: boolean) =>
      Array.from({ length: 30 }, (_, i) => {
        const u = (i * 0.618 + 0.05) % 1;
        const x = mirror ? 1 - u : u;
        return makeFrozenTrial({ number: i, params: { x }, distributions: { x: d }, values: [x] });
      });
    const me = makeFrozenTrial({ number: 30 });
    const a = makeStudyView({ studyName: 'a', trials: [...make(false), me] });
    const b = makeStudyView({ studyName: 'b', trials: [...make(true), me] });
    for (let seed = 0; seed < 5; seed++) {
      const s = new TpeSampler({
        seed,
        multivariate: false,
        constraintsFunc: (t) => [0.6 - (t.params.x as number)],
      });
      expect(s.sampleIndependent(a, me, 'x', d) as number).toBeGreaterThan(0.5);
      // Stale feasibility from study a would make b's small (infeasible) x values the good set.
      expect(s.sampleIndependent(b, me, 'x', d) as number).toBeGreaterThan(0.5);
    }
  });

  it('hyperoptParameters: Hyperopt 0.1.2 defaults as Optuna lists them', () => {
    const h = TpeSampler.hyperoptParameters();
    expect(h.nStartupTrials).toBe(20);
    expect(h.gamma?.(100)).toBe(3); // ceil(0.25 · 10)
    expect(new TpeSampler({ ...h, seed: 0 }).options.nStartupTrials).toBe(20);
  });

  it('warnIndependentSampling reports params sampled outside the multivariate space', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (msg: string) => warnings.push(msg);
    try {
      run(
        new TpeSampler({ seed: 3, nStartupTrials: 5, warnIndependentSampling: true }),
        conditional,
        12,
      );
    } finally {
      console.warn = original;
    }
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/sampled independently/);
  });

  it("does not reuse one study's good/bad split for another study or direction", () => {
    // Two studies with the same trial numbers, states and values but mirrored params: the good
    // trials sit near 0.1 in one and near 0.9 in the other.
    const d = float(0, 1);
    const make = (mirror: boolean) =>
      Array.from({ length: 30 }, (_, i) => {
        const u = (i * 0.618) % 1;
        return makeFrozenTrial({
          number: i,
          params: { x: mirror ? 1 - u : u },
          distributions: { x: d },
          values: [Math.abs(u - 0.1)],
        });
      });
    const me = makeFrozenTrial({ number: 30 });
    const a = makeStudyView({ studyName: 'a', trials: [...make(false), me] });
    const b = makeStudyView({ studyName: 'b', trials: [...make(true), me] });
    const maxA = makeStudyView({
      studyName: 'a',
      trials: [...make(false), me],
      directions: ['maximize'],
    });
    for (let seed = 0; seed < 5; seed++) {
      const s = new TpeSampler({ seed, multivariate: false });
      expect(s.sampleIndependent(a, me, 'x', d) as number).toBeLessThan(0.5);
      expect(s.sampleIndependent(b, me, 'x', d) as number).toBeGreaterThan(0.5);
      // Maximising |u - 0.1| in study a: the good trials are the far ones, around u = 0.9.
      expect(s.sampleIndependent(maxA, me, 'x', d) as number).toBeGreaterThan(0.5);
    }
  });

  it('returns the only value of single-valued distributions', () => {
    const s = new TpeSampler({ seed: 0 });
    const v = makeStudyView({ trials: [] });
    const t = makeFrozenTrial({ number: 0 });
    expect(s.sampleIndependent(v, t, 'a', float(2, 2))).toBe(2);
    expect(s.sampleIndependent(v, t, 'b', categorical(['only']))).toBe('only');
  });
});

describe('with the study runtime', () => {
  it("runs the independent sampler's hooks and stores its system attributes", async () => {
    // The runtime calls only the study's sampler; one that delegates must pass them on.
    const calls: string[] = [];
    const independent: Sampler = {
      name: 'stub',
      sampleIndependent: (_s, t) => {
        calls.push(`sample ${t.number}`);
        return 0.5;
      },
      beforeTrial: (_s, t) => void calls.push(`before ${t.number}`),
      afterTrial: (_s, t, state) => void calls.push(`after ${t.number} ${state}`),
      takeSystemAttrs: (t) => ({ 'stub:id': 10 * t.number }),
    };
    const study = await createStudy({
      sampler: new TpeSampler({ seed: 0, independentSampler: independent }),
    });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    expect(study.trials.map((t) => t.systemAttrs['stub:id'])).toEqual([0, 10]);
    expect(calls).toEqual([
      'before 0',
      'sample 0',
      'after 0 COMPLETE',
      'before 1',
      'sample 1',
      'after 1 COMPLETE',
    ]);
  });

  it('optimises through createStudy/optimize, deterministically per seed', async () => {
    const once = async () => {
      const study = await createStudy({
        direction: 'minimize',
        sampler: new TpeSampler({ seed: 0 }),
      });
      await study.optimize(
        (t) => (t.suggestFloat('x', -5, 5) - 2) ** 2 + (t.suggestFloat('y', -5, 5) + 1) ** 2,
        { nTrials: 60 },
      );
      return study;
    };
    const a = await once();
    const b = await once();
    expect(a.bestValue).toBeLessThan(0.5);
    expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
  });

  it('runs with parallel trials, constant liar and pruned trials', async () => {
    const study = await createStudy({
      direction: 'minimize',
      sampler: new TpeSampler({ seed: 1, constantLiar: true, nStartupTrials: 5 }),
    });
    await study.optimize(
      async (t) => {
        const x = t.suggestFloat('x', 0, 1);
        const n = t.suggestInt('n', 1, 4);
        t.report(x, 0);
        await Promise.resolve();
        // Prune the far half after one step: pruned trials are ranked by their last value.
        if (x > 0.5) throw new TrialPruned();
        return x + n / 10;
      },
      { nTrials: 40, concurrency: 4 },
    );
    const states = study.trials.map((t) => t.state);
    expect(states.filter((s) => s === 'PRUNED').length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'COMPLETE' || s === 'PRUNED')).toBe(true);
    expect(study.bestValue).toBeLessThan(0.3);
  });
});
