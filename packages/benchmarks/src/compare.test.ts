import { describe, expect, it } from 'vitest';
import { formatComparison } from './compare.js';
import type { BenchmarkResult, ProblemResult, RunRecord } from './runner.js';
import { summarize } from './stats.js';

function problem(name: string, a: number[], b: number[]): ProblemResult {
  const runs = (sampler: string, bests: number[]): RunRecord[] =>
    bests.map((best, seed) => ({
      problem: name,
      sampler,
      seed,
      values: [best],
      best,
      auc: 0,
      elapsedMs: 0,
    }));
  const result = (sampler: string, bests: number[]) => ({
    // Seeds out of order: the comparison must pair them by seed, not by position.
    runs: runs(sampler, bests).reverse(),
    best: summarize(bests),
    auc: summarize([0]),
  });
  return {
    problem: name,
    optimum: 0,
    direction: 'minimize',
    budget: 1,
    aucScale: 1,
    samplers: { a: result('a', a), b: result('b', b) },
  };
}

describe('formatComparison', () => {
  const result: BenchmarkResult = {
    seeds: [0, 1, 2, 3],
    problems: [
      // Blocks of 2 seeds: a wins the first (1 < 3), loses the second (4 > 2).
      problem('p', [1, 1, 4, 4], [3, 3, 2, 2]),
      // a wins both blocks.
      problem('q', [0, 0, 0, 0], [1, 1, 1, 1]),
    ],
  };
  it('counts blocks per problem and on every problem at once', () => {
    const text = formatComparison(result, 'a', 'b', 2);
    // p: each 1 of a beats all four values of b (8 pairs), each 4 none: 8 of 16.
    expect(text).toContain('| p | 2.5 | 2.5 | 0.500 | 1 of 2 |');
    expect(text).toContain('| q | 0 | 1 | 1.000 | 2 of 2 |');
    expect(text).toContain('on every problem: 1 of 2');
  });
  it('names a sampler that was not run', () => {
    expect(() => formatComparison(result, 'a', 'c')).toThrow(/a and c/);
  });
});
