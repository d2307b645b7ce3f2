import {
  createStudy,
  InMemoryStorage,
  InvalidArgumentError,
  loadStudy,
  makeFrozenTrial,
  makeStudyView,
  type Study,
  type Trial,
} from '@tunekit/core';
import {
  type CategoricalChoice,
  categorical,
  float,
  int,
  SearchSpaceError,
  space,
} from '@tunekit/search-space';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GRID_ID_ATTR, GridSampler } from './grid-sampler.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every point of a grid given as value lists, as JSON strings in name order (by hand, not via the sampler). */
function allPoints(grid: Record<string, readonly CategoricalChoice[]>): string[] {
  let points: Record<string, CategoricalChoice>[] = [{}];
  for (const [name, values] of Object.entries(grid)) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points.map((p) => JSON.stringify(p)).sort();
}

function suggestAll(grid: Record<string, readonly CategoricalChoice[]>) {
  return (t: Trial) => {
    for (const [name, values] of Object.entries(grid)) t.suggestCategorical(name, values);
    return 0;
  };
}

const visited = (s: Study) => s.trials.map((t) => JSON.stringify(t.params));

describe('GridSampler', () => {
  it('visits every point exactly once, then stops the study (property)', async () => {
    const arbGrid = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }),
      fc.uniqueArray(
        fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', true, null)),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      { minKeys: 1, maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        arbGrid,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 3 }),
        async (grid, seed, concurrency) => {
          const study = await createStudy({ sampler: new GridSampler(grid, { seed }) });
          const objective = suggestAll(grid);
          await study.optimize(concurrency === 1 ? objective : async (t) => objective(t), {
            nTrials: 500,
            concurrency,
          });
          expect(visited(study).sort()).toEqual(allPoints(grid));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('visits points in a seeded order: same seed, same order', async () => {
    const grid = { x: [1, 2, 3, 4], y: ['a', 'b'] };
    const order = async (seed: number) => {
      const s = await createStudy({ sampler: new GridSampler(grid, { seed }) });
      await s.optimize(suggestAll(grid), { nTrials: 100 });
      return visited(s);
    };
    const a = await order(1);
    expect(await order(1)).toEqual(a);
    expect(await order(2)).not.toEqual(a);
  });

  it('takes a declarative space whose axes are all discrete', async () => {
    const s = space({ n: int(0, 2), k: categorical(['x', 'y']), f: float(0, 1, { step: 0.5 }) });
    const study = await createStudy({ sampler: new GridSampler(s) });
    await study.optimize((t) => t.suggest(s).n, { nTrials: 100 });
    expect(
      study.trials
        .map((t) => `${t.params.n}${t.params.k}${t.params.f}`)
        .sort()
        .join(' '),
    ).toBe('0x0 0x0.5 0x1 0y0 0y0.5 0y1 1x0 1x0.5 1x1 1y0 1y0.5 1y1 2x0 2x0.5 2x1 2y0 2y0.5 2y1');
    expect(() => new GridSampler(space({ f: float(0, 1) }))).toThrow(SearchSpaceError);
  });

  it('never repeats a point with concurrency 4', async () => {
    const grid = { a: [0, 1, 2, 3, 4], b: [0, 1, 2] };
    const study = await createStudy({ sampler: new GridSampler(grid, { seed: 3 }) });
    await study.optimize(
      async (t) => {
        const a = t.suggestCategorical('a', grid.a);
        await new Promise((r) => setTimeout(r, (a * 3) % 4));
        return t.suggestCategorical('b', grid.b);
      },
      { nTrials: 100, concurrency: 4 },
    );
    expect(visited(study).sort()).toEqual(allPoints(grid));
  });

  it('with several workers on one storage, repeats a point only once all are taken', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const grid = { a: [0, 1, 2, 3], b: ['x', 'y', 'z'] };
    const storage = new InMemoryStorage();
    const w1 = await createStudy({
      storage,
      studyName: 'g',
      sampler: new GridSampler(grid, { seed: 5 }),
    });
    const w2 = await loadStudy({
      storage,
      studyName: 'g',
      sampler: new GridSampler(grid, { seed: 5 }),
    });
    const objective = async (t: Trial) => {
      const v = suggestAll(grid)(t);
      await new Promise((r) => setTimeout(r, t.number % 3));
      return v;
    };
    await Promise.all([
      w1.optimize(objective, { nTrials: 100, concurrency: 2 }),
      w2.optimize(objective, { nTrials: 100, concurrency: 2 }),
    ]);
    const trials = await w1.getTrials();
    const first = trials.filter((t) => t.number < 12).map((t) => JSON.stringify(t.params));
    expect(first.sort()).toEqual(allPoints(grid));
    // Trials started after every point was taken (at most one per other worker slot) repeat one and stop.
    expect(trials.length).toBeLessThanOrEqual(12 + 3);
  });

  it('gives distinct trial numbers distinct points even when their views are stale (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 99 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 30 }),
        (size, seed, numbers) => {
          const sampler = new GridSampler(
            { x: Array.from({ length: size }, (_, i) => i) },
            { seed },
          );
          const empty = makeStudyView({ trials: [] });
          const ids = numbers.map((n) => {
            sampler.beforeTrial(empty, makeFrozenTrial({ number: n }));
            return sampler.takeSystemAttrs(makeFrozenTrial({ number: n }))?.[GRID_ID_ATTR];
          });
          // Distinct numbers mod size give distinct points.
          const byPosition = new Map<number, unknown>();
          for (let i = 0; i < numbers.length; i++) byPosition.set(numbers[i] % size, ids[i]);
          expect(new Set(byPosition.values()).size).toBe(byPosition.size);
        },
      ),
    );
  });

  it('retries a FAILed point when the study goes on, and re-evaluates one (with a warning) once all are done', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const grid = { x: [1, 2, 3] };
    const study = await createStudy({ sampler: new GridSampler(grid, { seed: 0 }) });
    let failNext = true;
    const objective = (t: Trial) => {
      const x = t.suggestCategorical('x', grid.x);
      if (failNext) {
        failNext = false;
        throw new Error('flaky');
      }
      return x;
    };
    await study.optimize(objective, { nTrials: 10, catch: 'all' });
    // Every point has a finished trial (one FAIL): the study stops, as Optuna's does.
    expect(study.trials.map((t) => t.state)).toEqual(['FAIL', 'COMPLETE', 'COMPLETE']);
    const failedX = study.trials[0].params.x;
    await study.optimize(objective, { nTrials: 10 });
    expect(study.trials.length).toBe(4);
    expect(study.trials[3].params.x).toBe(failedX);
    expect(study.trials[3].state).toBe('COMPLETE');
    warn.mockClear();
    await study.optimize(objective, { nTrials: 10 });
    expect(study.trials.length).toBe(5);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/re-evaluating/));
  });

  it('says clearly when a name is not in the grid or a grid value is outside the distribution', async () => {
    const study = await createStudy({ sampler: new GridSampler({ x: [1, 5] }, { seed: 1 }) });
    const t = await study.ask();
    expect(() => t.suggestFloat('y', 0, 1)).toThrow(/^y = .*is not a parameter of the grid \(x\)/);
    expect(() => t.suggestInt('x', 2, 4)).toThrow(InvalidArgumentError);
    expect(() => t.suggestInt('x', 2, 4)).toThrow(
      /grid value is not in the suggested distribution int\(2, 4\)/,
    );
  });

  it('lets an enqueued trial that fixes every parameter through, and refuses one that does not', async () => {
    const study = await createStudy({ sampler: new GridSampler({ x: [1, 2], y: [3] }) });
    await study.enqueueTrial({ x: 2, y: 3 });
    await study.enqueueTrial({ x: 1 });
    const a = await study.ask();
    expect([a.suggestInt('x', 0, 5), a.suggestInt('y', 0, 5)]).toEqual([2, 3]);
    const b = await study.ask();
    expect(b.suggestInt('x', 0, 5)).toBe(1);
    expect(() => b.suggestInt('y', 0, 5)).toThrow(/must fix every parameter/);
  });

  it('rejects invalid grids', () => {
    expect(() => new GridSampler({ x: [] })).toThrow(/a grid axis needs at least one value/);
    expect(() => new GridSampler({ x: [1, 1] })).toThrow(/^searchSpace\.x = 1: appears twice/);
    expect(() => new GridSampler({ x: [Number.NaN] })).toThrow(InvalidArgumentError);
    expect(() => new GridSampler({ x: [1], y: int(0, 1) } as never)).toThrow(
      /mixes value lists and distributions/,
    );
    expect(() => new GridSampler({ x: [1] }, { seed: Number.POSITIVE_INFINITY })).toThrow(
      /^seed = /,
    );
  });
});
