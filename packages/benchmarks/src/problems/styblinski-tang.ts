import { type BoxSpace, boxProblem } from './box.js';
import type { Problem } from './problem.js';

/** Where each coordinate of the Styblinski-Tang minimum lies: the negative root of 4x³ - 32x + 5 = 0. */
export const STYBLINSKI_TANG_ARGMIN = -2.903534027771177;

/** Styblinski-Tang in n dimensions on [-5, 5]^n; minimum -39.16616570377142·n. */
export function styblinskiTang(n: number, budget?: number): Problem<BoxSpace> {
  return boxProblem({
    stem: 'styblinski-tang',
    n,
    minN: 1,
    low: -5,
    high: 5,
    f: (x) => {
      let f = 0;
      for (const v of x) f += v ** 4 - 16 * v * v + 5 * v;
      return f / 2;
    },
    optimum: -39.16616570377142 * n,
    argCoordinate: STYBLINSKI_TANG_ARGMIN,
    budget,
  });
}

/** 5-D Styblinski-Tang, budget 150. */
export const styblinskiTang5 = styblinskiTang(5, 150);
