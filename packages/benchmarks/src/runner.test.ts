import { createRng, type Sampler } from '@tunekit/core';
import { fromUnit } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { branin } from './problems/branin.js';
import type { AnyProblem } from './problems/problem.js';
import { runBenchmark } from './runner.js';
import { formatTable } from './table.js';

/** Uniform sampling, so the runner test depends on no sampler plugin. */
const uniform = (seed: number): Sampler => {
  const rng = createRng(seed);
  return { name: 'uniform', sampleIndependent: (_v, _t, _n, d) => fromUnit(d, rng.random()) };
};

describe('runBenchmark', () => {
  it('runs every sampler on every problem per seed and summarises best value and AUC', async () => {
    const result = await runBenchmark({
      samplers: { uniform },
      problems: [branin as unknown as AnyProblem],
      seeds: 3,
      budget: 7,
    });
    expect(result.seeds).toEqual([0, 1, 2]);
    const p = result.problems[0];
    expect(p.budget).toBe(7);
    const runs = p.samplers.uniform.runs;
    expect(runs.map((r) => r.seed)).toEqual([0, 1, 2]);
    for (const r of runs) {
      expect(r.values).toHaveLength(7);
      expect(r.best).toBe(Math.min(...r.values));
      expect(r.auc).toBeGreaterThan(0);
    }
    const bests = runs.map((r) => r.best).sort((a, b) => a - b);
    expect(p.samplers.uniform.best.median).toBe(bests[1]);
    // Same seeds, same runs.
    const again = await runBenchmark({
      samplers: { uniform },
      problems: [branin as unknown as AnyProblem],
      seeds: [0, 1, 2],
      budget: 7,
    });
    expect(again.problems[0].samplers.uniform.runs.map((r) => r.values)).toEqual(
      runs.map((r) => r.values),
    );
    const table = formatTable(result);
    expect(table).toContain('| branin | 7 | 0.397887 | uniform |');
    // Seeds 0..2 are not the reference's 0..9: the table says its Optuna column is not like for like.
    expect(table).toContain("Optuna 3.1's figures are over seeds 0..9");
    const reference = formatTable({ ...result, seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(reference).not.toContain("Optuna 3.1's figures are over seeds 0..9");
  });
});
