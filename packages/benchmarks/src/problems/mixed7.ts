import { categorical, float, int, space } from '@tunekit/search-space';
import type { Problem } from './problem.js';

const mixedSpace = space({
  lr: float(1e-5, 1, { log: true }),
  optimizer: categorical(['sgd', 'adam', 'rmsprop'] as const),
  activation: categorical(['relu', 'tanh', 'sigmoid', 'gelu'] as const),
  layers: int(1, 8),
  units: int(16, 1024, { log: true }),
  dropout: float(0, 0.8),
  weight_decay: float(1e-6, 0.1, { log: true }),
});

/** Best log10(lr) per optimizer. */
const L = { adam: -3, sgd: -1.5, rmsprop: -3.5 } as const;
/** Penalty per optimizer. */
const P = { adam: 0, sgd: 0.1, rmsprop: 0.05 } as const;
/** Penalty per activation. */
const A = { relu: 0, gelu: 0, tanh: 0.3, sigmoid: 0.8 } as const;

/** An HPO-shaped function over every kind of parameter (log float, categorical, int, log int, float). */
export const mixed7: Problem<typeof mixedSpace> = {
  name: 'mixed7',
  space: mixedSpace,
  objective: (p) =>
    0.5 * (Math.log10(p.lr) - L[p.optimizer]) ** 2 +
    P[p.optimizer] +
    A[p.activation] +
    0.05 * (p.layers - 4) ** 2 +
    0.1 * (Math.log2(p.units) - 8) ** 2 +
    2 * (p.dropout - (0.1 + 0.05 * p.layers)) ** 2 +
    0.05 * (Math.log10(p.weight_decay) + 4) ** 2,
  optimum: 0,
  direction: 'minimize',
  budget: 150,
  argOptimum: {
    lr: 1e-3,
    optimizer: 'adam',
    activation: 'relu',
    layers: 4,
    units: 256,
    dropout: 0.3,
    weight_decay: 1e-4,
  },
};
