import { type BoxSpace, boxProblem } from './box.js';
import type { Problem } from './problem.js';

/** Levy's function in n dimensions on [-10, 10]^n; minimum 0 at (1, ..., 1). */
export function levy(n: number, budget?: number): Problem<BoxSpace> {
  return boxProblem({
    stem: 'levy',
    n,
    minN: 1,
    low: -10,
    high: 10,
    f: (x) => {
      const w = x.map((v) => 1 + (v - 1) / 4);
      let f = Math.sin(Math.PI * w[0]) ** 2;
      for (let i = 0; i < n - 1; i++)
        f += (w[i] - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w[i] + 1) ** 2);
      const last = w[n - 1];
      return f + (last - 1) ** 2 * (1 + Math.sin(2 * Math.PI * last) ** 2);
    },
    optimum: 0,
    argCoordinate: 1,
    budget,
  });
}

/** 5-D Levy, budget 150. */
export const levy5 = levy(5, 150);
