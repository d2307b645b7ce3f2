import { float, space } from '@tunekit/search-space';
import type { Problem } from './problem.js';

const braninSpace = space({ x0: float(-5, 10), x1: float(0, 15) });

/** Branin-Hoo, 2-D, three global minima of 0.397887. */
export const branin: Problem<typeof braninSpace> = {
  name: 'branin',
  space: braninSpace,
  objective: ({ x0, x1 }) => {
    const b = 5.1 / (4 * Math.PI * Math.PI);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x1 - b * x0 * x0 + c * x0 - 6) ** 2 + 10 * (1 - t) * Math.cos(x0) + 10;
  },
  optimum: 0.397887,
  direction: 'minimize',
  budget: 60,
  argOptimum: { x0: Math.PI, x1: 2.275 },
};
