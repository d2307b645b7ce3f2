import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  loadStudy,
  makeFrozenTrial,
  makeStudyView,
  type Sampler,
  type Study,
  type Trial,
} from '@tunekit/core';
import { float } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { CmaEs } from './cma.js';
import { CmaEsSampler, type CmaEsSamplerOptions } from './cmaes-sampler.js';

/**
 * A CmaEsSampler made anew for every trial: nothing kept between trials, so every state is
 * decoded from the study, as before the sampler kept its last CmaEs and its fold of the
 * trials. Sequential studies only (a trial's hooks all come before the next trial's).
 */
function freshPerTrial(options: CmaEsSamplerOptions): Sampler {
  let current = new CmaEsSampler(options);
  return {
    name: 'cmaes',
    beforeTrial(study, trial) {
      current = new CmaEsSampler(options);
      current.beforeTrial(study, trial);
    },
    inferRelativeSearchSpace: (study, trial) => current.inferRelativeSearchSpace(study, trial),
    sampleRelative: (study, trial, space) => current.sampleRelative(study, trial, space),
    sampleIndependent: (study, trial, name, dist) =>
      current.sampleIndependent(study, trial, name, dist),
    afterTrial: (study, trial, state, values) => current.afterTrial(study, trial, state, values),
    takeSystemAttrs: (trial) => current.takeSystemAttrs(trial),
  };
}

/** A shifted sphere in two floats and an int (so the margin's `cmawm:` run is the one used). */
function objective(shift: number) {
  return (t: Trial): number =>
    (t.suggestFloat('x', -5, 5) - shift) ** 2 +
    (t.suggestFloat('y', -5, 5) + shift) ** 2 +
    (t.suggestInt('n', -3, 3) - 1) ** 2;
}

async function paramsOf(study: Study): Promise<unknown[]> {
  return (await study.getTrials()).map((t) => t.params);
}

function maxAttr(trials: readonly FrozenTrial[], key: string): number {
  return Math.max(...trials.map((t) => Number(t.systemAttrs[key] ?? -1)));
}

const options: CmaEsSamplerOptions = { seed: 3, popsize: 4, warnIndependentSampling: false };

describe('CmaEsSampler keeps its last CmaEs only while it is the stored state', () => {
  it('decodes a newer generation another worker stored on the same storage', async () => {
    const run = async (make: () => Sampler) => {
      const storage = new InMemoryStorage();
      const a = await createStudy({ storage, studyName: 'w', sampler: make() });
      const b = await loadStudy({ storage, studyName: 'w', sampler: make() });
      await a.optimize(objective(0), { nTrials: 9 });
      const before = maxAttr(await a.getTrials(), 'cmawm:generation');
      await b.optimize(objective(0), { nTrials: 13 });
      await a.optimize(objective(0), { nTrials: 9 });
      const trials = await a.getTrials();
      return { before, after: maxAttr(trials, 'cmawm:generation'), params: await paramsOf(a) };
    };
    const kept = await run(() => new CmaEsSampler(options));
    // B told generations that A's kept instance did not see.
    expect(kept.after).toBeGreaterThan(kept.before + 2);
    expect(kept).toEqual(await run(() => freshPerTrial(options)));
  });

  it('starts a study re-run under the same name afresh', async () => {
    const run = async (sampler: Sampler) => {
      const out: unknown[] = [];
      for (const shift of [0, 2, 0]) {
        const study = await createStudy({ sampler, studyName: 'same' });
        await study.optimize(objective(shift), { nTrials: 22 });
        out.push(await paramsOf(study));
      }
      return out;
    };
    expect(await run(new CmaEsSampler(options))).toEqual(await run(freshPerTrial(options)));
  });

  it('serves two studies in turn', async () => {
    const run = async (sampler: Sampler) => {
      const a = await createStudy({ sampler, studyName: 'a' });
      const b = await createStudy({ sampler, studyName: 'b' });
      for (let k = 0; k < 24; k++) {
        await a.optimize(objective(0), { nTrials: 1 });
        await b.optimize(objective(2), { nTrials: 1 + (k % 2) });
      }
      return [await paramsOf(a), await paramsOf(b)];
    };
    expect(await run(new CmaEsSampler(options))).toEqual(await run(freshPerTrial(options)));
  });

  it('continues from the new run after an IPOP restart', async () => {
    // sigma0 too small to move the mean: NoEffectCoord restarts every generation.
    const ipop: CmaEsSamplerOptions = { ...options, restartStrategy: 'ipop', sigma0: 1e-18 };
    const run = async (sampler: Sampler) => {
      const study = await createStudy({ sampler });
      await study.optimize(objective(0), { nTrials: 70 });
      const trials = await study.getTrials();
      return { restarts: maxAttr(trials, 'cmawm:n_restarts'), params: trials.map((t) => t.params) };
    };
    const kept = await run(new CmaEsSampler(ipop));
    expect(kept.restarts).toBeGreaterThanOrEqual(3);
    expect(kept).toEqual(await run(freshPerTrial(ipop)));
  });
});

describe('CmaEsSampler reads the trials incrementally with the answers of a full scan', () => {
  const xy = { x: float(-5, 5), y: float(-5, 5) };
  const stateAt = (mean: number[], generation = 0) => {
    const cma = CmaEs.create({ mean, sigma: 1e-9, popsize: 4 });
    for (let g = 0; g < generation; g++) {
      cma.tell(Array.from({ length: 4 }, (_, i) => ({ x: mean, value: i })));
    }
    return { restart: 0, names: ['x', 'y'], cma: cma.toJSON() };
  };
  const trial = (number: number, systemAttrs = {}) =>
    makeFrozenTrial({
      number,
      params: { x: 0, y: 0 },
      distributions: xy,
      value: number,
      systemAttrs,
    });
  const sampleX = (s: CmaEsSampler, trials: FrozenTrial[]): number => {
    const running = makeFrozenTrial({ number: trials.length });
    const view = makeStudyView({ trials: [...trials, running] });
    const out = s.sampleRelative(view, running, s.inferRelativeSearchSpace(view, running));
    s.takeSystemAttrs(running);
    return out.x as number;
  };

  it('continues from the first of the most advanced states, also when later trials tie', () => {
    const s = new CmaEsSampler({ seed: 0 });
    const trials = [trial(0), trial(1), trial(2, { 'cma:state': stateAt([0.2, 0.2]) })];
    trials.push(trial(3), trial(4, { 'cma:state': stateAt([0.8, 0.8]) }));
    // A stale worker's state of the same generation, stored later.
    trials.push(trial(5, { 'cma:state': stateAt([0.5, 0.5]) }));
    expect(sampleX(s, trials)).toBeCloseTo(-3, 6);
    trials.push(trial(6, { 'cma:state': stateAt([0.9, 0.9]) }));
    expect(sampleX(s, trials)).toBeCloseTo(-3, 6);
    // A later generation wins, wherever it is stored.
    trials.push(trial(7, { 'cma:state': stateAt([0.6, 0.6], 1) }));
    expect(sampleX(s, trials)).toBeCloseTo(1, 6);
    expect(sampleX(new CmaEsSampler({ seed: 0 }), trials)).toBeCloseTo(1, 6);
  });

  it('takes the relative space of a study re-run under the same name afresh', () => {
    const s = new CmaEsSampler();
    const xz = { x: float(-5, 5), z: float(0, 1) };
    const first = [trial(0), trial(1)];
    const running = makeFrozenTrial({ number: 2 });
    const space = (trials: FrozenTrial[]) =>
      Object.keys(s.inferRelativeSearchSpace(makeStudyView({ trials }), running));
    expect(space([...first, running])).toEqual(['x', 'y']);
    const rerun = [0, 1].map((number) =>
      makeFrozenTrial({ number, params: { x: 0, z: 0.5 }, distributions: xz, value: 1 }),
    );
    expect(space([...rerun, running])).toEqual(['x', 'z']);
    const narrower = makeFrozenTrial({
      number: 2,
      params: { x: 0 },
      distributions: { x: xz.x },
      value: 1,
    });
    expect(space([...rerun, narrower])).toEqual(['x']);
    expect(space([...first, running])).toEqual(['x', 'y']);
  });
});

describe('CmaEsSampler copies x0 and sourceTrials when it is built', () => {
  it('so that changing them afterwards changes no proposal', async () => {
    const source = async (shift: number) => {
      const s = await createStudy({ sampler: new CmaEsSampler({ seed: shift + 10 }) });
      await s.optimize(objective(shift), { nTrials: 30 });
      return s.getTrials();
    };
    const [near, far] = [await source(1), await source(-3)];
    // Changed after the sampler is built and before it first reads them.
    const run = async (options: CmaEsSamplerOptions, change: () => void) => {
      const sampler = new CmaEsSampler(options);
      change();
      const study = await createStudy({ sampler });
      await study.optimize(objective(0), { nTrials: 3 });
      return paramsOf(study);
    };
    const trials = [...near];
    const changed = await run({ seed: 3, sourceTrials: trials }, () =>
      trials.splice(0, trials.length, ...far),
    );
    expect(changed).toEqual(await run({ seed: 3, sourceTrials: near }, () => {}));
    expect(changed).not.toEqual(await run({ seed: 3, sourceTrials: far }, () => {}));
    const x0: Record<string, number> = { x: 1, y: 1 };
    const moved = await run({ seed: 3, x0 }, () => {
      x0.x = -4;
    });
    expect(moved).toEqual(await run({ seed: 3, x0: { x: 1, y: 1 } }, () => {}));
    expect(moved).not.toEqual(await run({ seed: 3, x0: { x: -4, y: 1 } }, () => {}));
  });
});

describe('CmaEsSampler stores each sample as a plain array', () => {
  it('so that earlier versions sharing the study read the samples it told with', async () => {
    // Earlier versions read only a JSON array here, and rebuild any other sample from the
    // trial's params, which on an int axis with the margin is another point.
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 5 }) });
    await study.optimize(objective(0), { nTrials: 34 });
    const samples = (await study.getTrials())
      .map((t) => t.systemAttrs['cmawm:x'])
      .filter((x) => x !== undefined);
    expect(samples.length).toBeGreaterThanOrEqual(30);
    for (const x of samples) {
      expect(Array.isArray(x)).toBe(true);
      expect(x).toHaveLength(3);
      expect((x as number[]).every(Number.isFinite)).toBe(true);
    }
  });
});
