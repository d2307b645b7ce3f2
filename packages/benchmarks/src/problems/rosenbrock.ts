import { type BoxSpace, boxProblem } from './box.js';
import type { Problem } from './problem.js';

/** Rosenbrock's valley in n dimensions on [-5, 10]^n; minimum 0 at (1, ..., 1). */
export function rosenbrock(n: number, budget?: number): Problem<BoxSpace> {
  return boxProblem({
    stem: 'rosenbrock',
    n,
    minN: 2,
    low: -5,
    high: 10,
    f: (x) => {
      let f = 0;
      for (let i = 0; i < n - 1; i++) f += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
      return f;
    },
    optimum: 0,
    argCoordinate: 1,
    budget,
  });
}

/** The 5-D Rosenbrock of the reference benchmark, budget 150. */
export const rosenbrock5 = rosenbrock(5, 150);
