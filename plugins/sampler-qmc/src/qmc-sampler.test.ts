import {
  createStudy,
  InvalidArgumentError,
  makeFrozenTrial,
  makeStudyView,
  type Sampler,
} from '@tunekit/core';
import { categorical, float, int } from '@tunekit/search-space';
import { describe, expect, it, vi } from 'vitest';
import standard from './fixtures/standard-sobol-2d.json' with { type: 'json' };
import { QMC_INDEX_ATTR, QmcSampler } from './qmc-sampler.js';
import { SOBOL_MAX_DIM, SobolSequence } from './sobol.js';

const x = float(0, 1);
const y = float(-10, 10);

function studyWithFirstTrial(distributions = { x, y }) {
  const first = makeFrozenTrial({ number: 0, value: 1, params: { x: 0.3, y: 2 }, distributions });
  return makeStudyView({ trials: [first] });
}

describe('QmcSampler', () => {
  it("has no relative space before a trial finished, then the first finished trial's", () => {
    const s = new QmcSampler();
    const running = makeFrozenTrial({ number: 0 });
    expect(s.inferRelativeSearchSpace(makeStudyView({ trials: [running] }), running)).toEqual({});
    const study = studyWithFirstTrial();
    expect(Object.keys(s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 })))).toEqual([
      'x',
      'y',
    ]);
  });

  it('maps the unscrambled Sobol points (index = trial number) through fromUnit', () => {
    const s = new QmcSampler();
    const study = studyWithFirstTrial();
    const space = s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    // Sobol points 1..3: (.5, .5), (.75, .25), (.25, .75); y = -10 + 20 u.
    const got = [1, 2, 3].map((n) =>
      s.sampleRelative(study, makeFrozenTrial({ number: n }), space),
    );
    expect(got).toEqual([
      { x: 0.5, y: 0 },
      { x: 0.75, y: -5 },
      { x: 0.25, y: 5 },
    ]);
    const t = makeFrozenTrial({ number: 3, trialId: 3 });
    s.sampleRelative(study, t, space);
    expect(s.takeSystemAttrs(t)).toEqual({ [QMC_INDEX_ATTR]: 3 });
    expect(s.takeSystemAttrs(t)).toBeUndefined();
  });

  it('scrambled: trial n takes point n - 1 of the sequence scrambled with its seed (no corner to skip)', () => {
    const s = new QmcSampler({ scramble: true, seed: 7 });
    const study = studyWithFirstTrial();
    const space = s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    const seq = new SobolSequence(2, { scramble: true, seed: 7 });
    for (const n of [1, 2, 9]) {
      const t = makeFrozenTrial({ number: n, trialId: n });
      const p = s.sampleRelative(study, t, space);
      const u = seq.point(n - 1);
      expect(p.x).toBe(u[0]);
      expect(p.y as number).toBeCloseTo(-10 + 20 * u[1], 12);
      expect(s.takeSystemAttrs(t)).toEqual({ [QMC_INDEX_ATTR]: n - 1 });
    }
  });

  it('walks Halton when asked: trial 1 gets (1/2, 1/3)', () => {
    const s = new QmcSampler({ qmcType: 'halton' });
    const study = studyWithFirstTrial();
    const space = s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    const p = s.sampleRelative(study, makeFrozenTrial({ number: 1 }), space);
    expect(p.x).toBeCloseTo(0.5, 15);
    expect(p.y).toBeCloseTo(-10 + 20 / 3, 12);
  });

  it('gives distinct points to distinct trial numbers, whatever order workers ask in', () => {
    const s1 = new QmcSampler({ scramble: true, seed: 7 });
    const s2 = new QmcSampler({ scramble: true, seed: 7 });
    const study = studyWithFirstTrial();
    const space = s1.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    s2.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    const a = [1, 2, 3, 4].map((n) =>
      s1.sampleRelative(study, makeFrozenTrial({ number: n }), space),
    );
    const b = [4, 3, 2, 1]
      .map((n) => s2.sampleRelative(study, makeFrozenTrial({ number: n }), space))
      .reverse();
    expect(b).toEqual(a);
    expect(new Set(a.map((p) => p.x)).size).toBe(4);
  });

  it('drops single-value distributions, keeps ints and categoricals, snaps to their grids', () => {
    const dists = { k: int(1, 5), c: categorical(['a', 'b', 'c'] as const), fixed: float(2, 2) };
    const study = makeStudyView({
      trials: [
        makeFrozenTrial({
          number: 0,
          value: 0,
          params: { k: 1, c: 'a', fixed: 2 },
          distributions: dists,
        }),
      ],
    });
    const s = new QmcSampler();
    const space = s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    expect(Object.keys(space)).toEqual(['c', 'k']);
    // Sobol point 1 = (.5, .5): middle choice 'b'; int axis [0.5, 5.5] -> 3.
    expect(s.sampleRelative(study, makeFrozenTrial({ number: 1 }), space)).toEqual({
      c: 'b',
      k: 3,
    });
  });

  it('delegates other parameters to the independent sampler and warns once per name', () => {
    const calls: string[] = [];
    const independent: Sampler = {
      name: 'fake',
      sampleIndependent: (_s, _t, name) => {
        calls.push(name);
        return 0.25;
      },
      beforeTrial: (_s, t) => void calls.push(`before ${t.number}`),
      afterTrial: (_s, t, state) => void calls.push(`after ${t.number} ${state}`),
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const s = new QmcSampler({ independentSampler: independent });
    const study = studyWithFirstTrial();
    s.inferRelativeSearchSpace(study, makeFrozenTrial({ number: 1 }));
    expect(s.sampleIndependent(study, makeFrozenTrial({ number: 1 }), 'z', float(0, 1))).toBe(0.25);
    s.sampleIndependent(study, makeFrozenTrial({ number: 2 }), 'z', float(0, 1));
    s.beforeTrial(study, makeFrozenTrial({ number: 3 }));
    s.afterTrial(study, makeFrozenTrial({ number: 3 }), 'PRUNED');
    expect(calls).toEqual(['z', 'z', 'before 3', 'after 3 PRUNED']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/"z"/);
    warn.mockRestore();
  });

  it('samples independently (seeded, inside the distribution) without an independent sampler', () => {
    const study = makeStudyView({ trials: [] });
    const a = new QmcSampler({ seed: 1 }).sampleIndependent(
      study,
      makeFrozenTrial({ number: 0 }),
      'y',
      y,
    );
    const b = new QmcSampler({ seed: 1 }).sampleIndependent(
      study,
      makeFrozenTrial({ number: 0 }),
      'y',
      y,
    );
    expect(a).toBe(b);
    expect(a as number).toBeGreaterThanOrEqual(-10);
    expect(a as number).toBeLessThanOrEqual(10);
  });

  it('rejects an unknown qmcType', () => {
    expect(() => new QmcSampler({ qmcType: 'niederreiter' as never })).toThrow(
      /qmcType = "niederreiter"/,
    );
  });

  it('rejects a scramble that is not a boolean and a seed that is not finite', () => {
    // 'yes' is truthy: taken as is, the sampler would start at point 0 while the sequence
    // stayed unscrambled, so trial 1 would evaluate the corner (0, ..., 0).
    expect(() => new QmcSampler({ scramble: 'yes' as never, seed: 1 })).toThrow(
      /^scramble = "yes": must be true or false/,
    );
    expect(() => new QmcSampler({ seed: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => new QmcSampler({ seed: Number.NaN })).toThrow(/^seed = NaN: must be a finite/);
  });

  it('rejects a warnIndependentSampling that is not a boolean', () => {
    for (const warn of ['yes', 1, null]) {
      expect(() => new QmcSampler({ warnIndependentSampling: warn as never })).toThrow(
        InvalidArgumentError,
      );
    }
    expect(() => new QmcSampler({ warnIndependentSampling: 'yes' as never })).toThrow(
      /^warnIndependentSampling = "yes": must be true or false$/,
    );
  });

  it('reads null options as none, but rejects an option given as null, as scramble and seed always did', () => {
    const s = new QmcSampler(null as unknown as undefined);
    const study = studyWithFirstTrial();
    const t = makeFrozenTrial({ number: 1 });
    expect(s.sampleRelative(study, t, s.inferRelativeSearchSpace(study, t))).toEqual({
      x: 0.5,
      y: 0,
    });
    expect(() => new QmcSampler({ qmcType: null as never })).toThrow(
      /^qmcType = null: must be 'sobol' or 'halton'$/,
    );
    expect(() => new QmcSampler({ independentSampler: null as never })).toThrow(
      /^independentSampler = null: must be a Sampler/,
    );
    expect(() => new QmcSampler({ scramble: null as never })).toThrow(/^scramble = null: /);
    expect(() => new QmcSampler({ seed: null as never })).toThrow(/^seed = null: /);
  });

  it('with more parameters than the Sobol table covers, fails naming qmcType; Halton goes on', () => {
    const wide = Object.fromEntries(
      Array.from({ length: SOBOL_MAX_DIM + 1 }, (_, i) => [`p${String(i).padStart(4, '0')}`, x]),
    );
    const params = Object.fromEntries(Object.keys(wide).map((k) => [k, 0.5]));
    const first = makeFrozenTrial({ number: 0, value: 1, params, distributions: wide });
    const view = makeStudyView({ trials: [first] });
    const trial = makeFrozenTrial({ number: 1 });
    const sample = (s: QmcSampler) =>
      s.sampleRelative(view, trial, s.inferRelativeSearchSpace(view, trial));
    expect(() => sample(new QmcSampler())).toThrow(
      new RegExp(
        `^qmcType = "sobol": covers at most ${SOBOL_MAX_DIM} parameters and this study's QMC space has ${SOBOL_MAX_DIM + 1}`,
      ),
    );
    expect(Object.keys(sample(new QmcSampler({ qmcType: 'halton' })))).toHaveLength(
      SOBOL_MAX_DIM + 1,
    );
  });
});

describe('QmcSampler through createStudy', () => {
  it('trial n > 0 evaluates Sobol point n; the first trial is independent', async () => {
    const study = await createStudy({ sampler: new QmcSampler({ seed: 0 }) });
    await study.optimize((t) => t.suggestFloat('a', 0, 1) + t.suggestFloat('b', 0, 8), {
      nTrials: 8,
    });
    const pts = study.trials.slice(1).map((t) => [t.params.a, (t.params.b as number) / 8]);
    expect(pts).toEqual(standard.points.slice(1));
    expect(study.trials.slice(1).map((t) => t.systemAttrs[QMC_INDEX_ATTR])).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('scrambled: same seed same trials, other seed other trials', async () => {
    const run = async (seed: number) => {
      const study = await createStudy({
        sampler: new QmcSampler({ seed, scramble: true, qmcType: 'halton' }),
      });
      await study.optimize(
        (t) =>
          t.suggestFloat('a', -1, 1, { log: false }) ** 2 +
          t.suggestInt('k', 1, 100, { log: true }),
        { nTrials: 12 },
      );
      return study.trials.map((t) => t.params);
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(4)).not.toEqual(await run(3));
    // Optuna 3.1 reads its seed as `seed or <random>`; here 0 is a seed like any other.
    expect(await run(0)).toEqual(await run(0));
  });

  it('a sampler reused for a new study of the same name starts that study afresh', async () => {
    const sampler = new QmcSampler({ seed: 1, scramble: true });
    const run = async (second: string) => {
      const study = await createStudy({ studyName: 'exp', sampler });
      await study.optimize((t) => t.suggestFloat('x', 0, 1) + t.suggestFloat(second, 0, 1), {
        nTrials: 4,
      });
      return study.trials;
    };
    const first = await run('y');
    const again = await run('y');
    // As in the first run: trial 0 independent, then trial n at point n - 1; no point twice.
    for (const trials of [first, again]) {
      expect(trials.map((t) => t.systemAttrs[QMC_INDEX_ATTR])).toEqual([undefined, 0, 1, 2]);
    }
    expect(new Set(again.map((t) => `${t.params.x},${t.params.y}`)).size).toBe(4);
    expect(again.slice(1).map((t) => t.params)).toEqual(first.slice(1).map((t) => t.params));
    // A new study whose space differs gets its own space, not the old one.
    const other = await run('z');
    expect(other.map((t) => t.systemAttrs[QMC_INDEX_ATTR])).toEqual([undefined, 0, 1, 2]);
    expect(other.slice(1).map((t) => t.params.z)).toEqual(first.slice(1).map((t) => t.params.y));
  });
});
