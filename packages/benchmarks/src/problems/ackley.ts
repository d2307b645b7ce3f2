import { type BoxSpace, boxProblem } from './box.js';
import type { Problem } from './problem.js';

/** Ackley's function in n dimensions on [-32.768, 32.768]^n; minimum 0 at the origin. */
export function ackley(n: number, budget?: number): Problem<BoxSpace> {
  return boxProblem({
    stem: 'ackley',
    n,
    minN: 1,
    low: -32.768,
    high: 32.768,
    f: (x) => {
      let sq = 0;
      let cos = 0;
      for (const v of x) {
        sq += v * v;
        cos += Math.cos(2 * Math.PI * v);
      }
      return -20 * Math.exp(-0.2 * Math.sqrt(sq / n)) - Math.exp(cos / n) + 20 + Math.E;
    },
    optimum: 0,
    argCoordinate: 0,
    budget,
  });
}

/** 5-D Ackley, budget 150. */
export const ackley5 = ackley(5, 150);
