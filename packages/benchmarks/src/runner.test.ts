import { createRng, type Sampler } from '@tunekit/core';
import { fromUnit } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { branin } from './problems/branin.js';
import type { AnyProblem } from './problems/problem.js';
import { runBenchmark } from './runner.js';
import { formatTable, optunaFigure } from './table.js';

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

describe('formatTable and optunaFigure', () => {
  /** A result row for `sampler` on branin at `budget`, the run itself irrelevant here. */
  const row = (sampler: string, budget: number) =>
    formatTable({
      seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      problems: [
        {
          problem: 'branin',
          budget,
          optimum: 0.397887,
          samplers: {
            [sampler]: {
              runs: [],
              best: { median: 1, q25: 1, q75: 1 },
              auc: { median: 0.1, q25: 0.1, q75: 0.1 },
            },
          },
        },
      ],
    }).split('\n');

  it("shows Optuna's random figure only at Optuna's budget (60 for branin), and says so", () => {
    // The reference file: Optuna 3.1's random search on branin, 60 trials: 1.281 (0.881 / 1.94).
    expect(row('random', 60).at(-1)).toMatch(/\| 1\.281 \(0\.881 \/ 1\.94\) \|$/);
    const other = row('random', 20);
    expect(other.at(-1)).toMatch(/\| {2}\|$/);
    expect(other).toContain("(Optuna 3.1's figures are left out where the budget is not its own)");
  });

  it("gives Optuna's QMC column (its default, unscrambled) to qmc-unscrambled, not to scrambled qmc", () => {
    expect(optunaFigure('branin', 'qmc-unscrambled')).toEqual({
      median: 2.581,
      q25: 2.58,
      q75: 2.58,
    });
    expect(optunaFigure('branin', 'qmc')).toBeUndefined();
  });
});
