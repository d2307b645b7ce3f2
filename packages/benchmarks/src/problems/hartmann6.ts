import type { Params } from '@tunekit/search-space';
import { boxSpace, vectorOf } from './box.js';
import type { Problem } from './problem.js';

const ALPHA = [1, 1.2, 3, 3.2];
const A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

const hartmannSpace = boxSpace(6, 0, 1);

/** The 6-D Hartmann function on [0, 1]^6; global minimum -3.32237. */
export const hartmann6: Problem<typeof hartmannSpace> = {
  name: 'hartmann6',
  space: hartmannSpace,
  objective: (params: Params<typeof hartmannSpace>) => {
    const x = vectorOf(params, 6);
    let f = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += A[i][j] * (x[j] - P[i][j]) ** 2;
      f -= ALPHA[i] * Math.exp(-inner);
    }
    return f;
  },
  optimum: -3.32237,
  direction: 'minimize',
  budget: 100,
  // Surjanto & Bingham's virtual library of simulation experiments.
  argOptimum: { x0: 0.20169, x1: 0.150011, x2: 0.476874, x3: 0.275332, x4: 0.311652, x5: 0.6573 },
};
