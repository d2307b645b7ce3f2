import {
  createRng,
  createStudy,
  InMemoryStorage,
  InvalidArgumentError,
  loadStudy,
  makeFrozenTrial,
  makeStudyView,
  sampleUniform,
  type Trial,
} from '@tunekit/core';
import { categorical, float, int } from '@tunekit/search-space';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomSampler } from './random-sampler.js';

const view = makeStudyView({ trials: [] });

function objective(t: Trial): number {
  const lr = t.suggestFloat('lr', 1e-5, 1, { log: true });
  const layers = t.suggestInt('layers', 1, 8);
  const opt = t.suggestCategorical('opt', ['sgd', 'adam', 'rmsprop']);
  const drop = t.suggestFloat('drop', 0, 0.5, { step: 0.1 });
  return Math.log10(lr) ** 2 + layers + drop + (opt === 'adam' ? 0 : 1);
}

const paramsByNumber = (trials: readonly { number: number; params: unknown }[]) =>
  [...trials].sort((a, b) => a.number - b.number).map((t) => t.params);

describe('RandomSampler', () => {
  it('has a name and validates its seed', () => {
    expect(new RandomSampler().name).toBe('RandomSampler');
    expect(() => new RandomSampler({ seed: Number.NaN })).toThrow(InvalidArgumentError);
    expect(new RandomSampler({ seed: 7 }).seed).toBe(7);
  });

  it("draws each trial's values with core's sampleUniform from the seed's stream forked by trial number", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 10_000 }),
        (seed, number) => {
          const dists = [
            float(0, 1),
            int(1, 100, { log: true }),
            categorical(['a', 'b', 'c']),
            float(-1, 1, { step: 0.5 }),
          ];
          const sampler = new RandomSampler({ seed });
          const trial = makeFrozenTrial({ number });
          const got = dists.map((d, i) => sampler.sampleIndependent(view, trial, `p${i}`, d));
          const stream = createRng(seed).fork(number);
          expect(got).toEqual(dists.map((d) => sampleUniform(d, stream)));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives each trial number its own draws, independent of the order trials run in', () => {
    const a = new RandomSampler({ seed: 3 });
    const b = new RandomSampler({ seed: 3 });
    const d = float(0, 1);
    const t5 = makeFrozenTrial({ number: 5 });
    const t6 = makeFrozenTrial({ number: 6 });
    const a5 = a.sampleIndependent(view, t5, 'x', d);
    const a6 = a.sampleIndependent(view, t6, 'x', d);
    const b6 = b.sampleIndependent(view, t6, 'x', d);
    const b5 = b.sampleIndependent(view, t5, 'x', d);
    expect([a5, a6]).toEqual([b5, b6]);
    expect(a5).not.toBe(a6);
  });

  it('gives the same study for the same seed, and another one for another seed', async () => {
    const run = async (seed: number) => {
      const study = await createStudy({ sampler: new RandomSampler({ seed }) });
      await study.optimize(objective, { nTrials: 25 });
      return study.trials.map((t) => [t.number, t.params, t.value]);
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect(await run(2)).not.toEqual(first);
  });

  it('keeps per-trial params reproducible with concurrency and with several workers on one storage', async () => {
    const sequential = await createStudy({ sampler: new RandomSampler({ seed: 9 }) });
    await sequential.optimize(objective, { nTrials: 24 });
    const expected = paramsByNumber(sequential.trials);

    const concurrent = await createStudy({ sampler: new RandomSampler({ seed: 9 }) });
    await concurrent.optimize(
      async (t) => {
        // Vary the finishing order.
        await new Promise((r) => setTimeout(r, (t.number * 7) % 5));
        return objective(t);
      },
      { nTrials: 24, concurrency: 4 },
    );
    expect(paramsByNumber(concurrent.trials)).toEqual(expected);

    const storage = new InMemoryStorage();
    const w1 = await createStudy({
      storage,
      studyName: 'w',
      sampler: new RandomSampler({ seed: 9 }),
    });
    const w2 = await loadStudy({
      storage,
      studyName: 'w',
      sampler: new RandomSampler({ seed: 9 }),
    });
    await Promise.all([
      w1.optimize(objective, { nTrials: 12, concurrency: 2 }),
      w2.optimize(objective, { nTrials: 12 }),
    ]);
    expect(paramsByNumber(await w1.getTrials())).toEqual(expected);
  });

  it('samples log axes uniformly in log space', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 5 }) });
    await study.optimize((t) => t.suggestFloat('x', 1e-6, 1, { log: true }), { nTrials: 2000 });
    // The geometric midpoint of [1e-6, 1] is 1e-3.
    const below = study.trials.filter((t) => (t.value as number) < 1e-3).length;
    expect(Math.abs(below / 2000 - 0.5)).toBeLessThan(0.05);
  });
});
