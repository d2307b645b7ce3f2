import { createRng } from '@tunekit/core';
import { fromUnit } from '@tunekit/search-space';
import type { AnyProblem } from './problems/problem.js';

/** Mean regret of uniformly random points (fixed seed), the scale of the normalised AUC. */
export function randomRegret(problem: AnyProblem, draws = 256): number {
  const rng = createRng(0);
  const dists = problem.space.distributions;
  let sum = 0;
  for (let i = 0; i < draws; i++) {
    const params: Record<string, unknown> = {};
    for (const name of problem.space.names) params[name] = fromUnit(dists[name], rng.random());
    sum += Math.abs(problem.objective(params as never) - problem.optimum);
  }
  return sum / draws;
}
