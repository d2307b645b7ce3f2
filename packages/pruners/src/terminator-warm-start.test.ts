import { createRng, float, makeFrozenTrial, makeStudyView } from '@tunekit/core';
import * as lbfgs from '@tunekit/core/lbfgs';
import { describe, expect, it, vi } from 'vitest';
import { regretBound } from './regret-bound.js';
import { terminatorCallback } from './terminator.js';

// Spied on, so that the tests see where each kernel fit started.
vi.mock('@tunekit/core/lbfgs', async (importOriginal) => {
  const original = await importOriginal<typeof lbfgs>();
  return { ...original, minimizeLbfgs: vi.fn(original.minimizeLbfgs) };
});
const minimize = vi.mocked(lbfgs.minimizeLbfgs);

/** 40 trials of (x - 0.3)² + (y + 1)² with a little noise, on [-2, 2]². */
function study() {
  const rng = createRng(9);
  const dist = float(-2, 2);
  return Array.from({ length: 40 }, (_, number) => {
    const x = -2 + 4 * rng.random();
    const y = -2 + 4 * rng.random();
    return makeFrozenTrial({
      number,
      params: { x, y },
      distributions: { x: dist, y: dist },
      values: [(x - 0.3) ** 2 + (y + 1) ** 2 + 0.05 * rng.random()],
    });
  });
}

async function evaluate(warmStart: boolean | undefined, from: number, to: number) {
  const trials = study();
  const bounds: number[] = [];
  const callback = terminatorCallback({
    errorEstimate: 0,
    nSamples: 128,
    warmStart,
    onEvaluate: (e) => bounds.push(e.regretBound),
  });
  minimize.mockClear();
  for (let n = from; n <= to; n++) {
    await callback(makeStudyView({ trials: trials.slice(0, n) }), trials[n - 1]);
  }
  return { trials, bounds, fits: minimize.mock.calls, results: minimize.mock.results };
}

describe('terminatorCallback warmStart', () => {
  it('by default fits every time from the fixed start, giving regretBound at each trial', async () => {
    const { trials, bounds, fits } = await evaluate(undefined, 20, 30);
    expect(fits.length).toBe(11);
    for (const [, x0, options] of fits) {
      expect(Array.from(x0)).toEqual([0, 0, 0, Math.log(1 - 0.99e-6)]);
      expect(options?.history).toBeUndefined();
    }
    bounds.forEach((b, i) => {
      const n = 20 + i;
      expect(b).toBe(regretBound(trials.slice(0, n), 'minimize', { nSamples: 128, seed: n }));
    });
  });

  it('with true starts each fit where the previous one ended, curvature included', async () => {
    const { bounds, fits, results } = await evaluate(true, 20, 30);
    expect(fits.length).toBe(11);
    expect(fits[0][2]?.history).toBeUndefined();
    let iterationsWarm = 0;
    for (let k = 1; k < fits.length; k++) {
      const previous = results[k - 1].value as lbfgs.LbfgsResult;
      expect(Array.from(fits[k][1])).toEqual(Array.from(previous.x));
      expect(fits[k][2]?.history).toBe(previous.history);
      iterationsWarm += (results[k].value as lbfgs.LbfgsResult).iterations;
    }
    const cold = await evaluate(false, 20, 30);
    const iterationsCold = cold.results
      .slice(1)
      .reduce((s, r) => s + (r.value as lbfgs.LbfgsResult).iterations, 0);
    expect(iterationsWarm).toBeLessThan(iterationsCold / 2);
    // One trial more barely moves this smooth problem's optimum: the bounds stay close.
    bounds.forEach((b, i) => {
      expect(Math.abs(b - cold.bounds[i])).toBeLessThan(0.05 * cold.bounds[i]);
    });
  });

  it('does not start from a fit on other axes', async () => {
    const trials = study();
    const renamed = trials.map((t) =>
      makeFrozenTrial({
        ...t,
        params: { a: t.params.x, b: t.params.y },
        distributions: { a: t.distributions.x, b: t.distributions.y },
      }),
    );
    const callback = terminatorCallback({ errorEstimate: 0, nSamples: 128, warmStart: true });
    minimize.mockClear();
    await callback(makeStudyView({ trials: trials.slice(0, 30) }), trials[29]);
    await callback(makeStudyView({ trials: renamed.slice(0, 31) }), renamed[30]);
    await callback(makeStudyView({ trials: renamed.slice(0, 32) }), renamed[31]);
    const [, second, third] = minimize.mock.calls;
    expect(Array.from(second[1])).toEqual([0, 0, 0, Math.log(1 - 0.99e-6)]);
    expect(second[2]?.history).toBeUndefined();
    expect(third[2]?.history).toBeDefined();
  });

  it('refuses a warmStart that is not a boolean', () => {
    expect(() => terminatorCallback({ warmStart: 'yes' as unknown as boolean })).toThrow(
      /^warmStart = "yes": must be a boolean/,
    );
  });
});
