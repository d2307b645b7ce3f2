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
import { unpackFloat64 } from './packed-floats.js';

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

describe('CmaEsSampler stores each sample packed', () => {
  it('resumes a study whose samples were stored as plain arrays (earlier versions)', async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({
      storage,
      studyName: 'packed',
      sampler: new CmaEsSampler({ seed: 5 }),
    });
    // 34: six of the seven members of generation 4 are done, so the next update reads them.
    await study.optimize(objective(0), { nTrials: 34 });
    const trials = await study.getTrials();
    const packed = trials.at(-1)?.systemAttrs['cmawm:x'];
    expect(typeof packed).toBe('string');
    expect(unpackFloat64(packed)).toHaveLength(3);
    // The same study as an earlier version wrote it: every cmawm:x a JSON array.
    const old = await createStudy({ storage, studyName: 'plain' });
    for (const t of trials) {
      const attrs = { ...t.systemAttrs };
      attrs['cmawm:x'] = unpackFloat64(attrs['cmawm:x']) as number[];
      await old.addTrial({
        state: t.state,
        values: t.values,
        params: t.params,
        distributions: t.distributions,
        systemAttrs: attrs,
      });
    }
    const resume = async (name: string) => {
      const sampler = new CmaEsSampler({ seed: 5 });
      const s = await loadStudy({ storage, studyName: name, sampler });
      await s.optimize(objective(0), { nTrials: 25 });
      return (await s.getTrials()).slice(34).map((t) => t.params);
    };
    expect(await resume('plain')).toEqual(await resume('packed'));
  });
});
