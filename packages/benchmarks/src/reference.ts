import type { Summary } from './stats.js';

/**
 * Optuna 3.1.0's figures from /work/shared/reference/optuna-3.1-samplers.md: median (25th /
 * 75th percentile) of the best value over seeds 0..9 at the budget, by problem and sampler.
 */
export const optunaReference: Readonly<Record<string, Readonly<Record<string, Summary>>>> = {
  branin: {
    random: { median: 1.281, q25: 0.881, q75: 1.94 },
    tpe: { median: 0.5041, q25: 0.45, q75: 0.567 },
    'tpe-multivariate': { median: 0.5352, q25: 0.439, q75: 0.598 },
    cmaes: { median: 0.8936, q25: 0.488, q75: 1.73 },
    qmc: { median: 2.581, q25: 2.58, q75: 2.58 },
  },
  hartmann6: {
    random: { median: -2.037, q25: -2.13, q75: -1.97 },
    tpe: { median: -3.046, q25: -3.15, q75: -2.94 },
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: a measured value, not π.
    'tpe-multivariate': { median: -3.142, q25: -3.18, q75: -3.08 },
    cmaes: { median: -3.077, q25: -3.17, q75: -2.99 },
    qmc: { median: -2.132, q25: -2.13, q75: -2.13 },
  },
  rosenbrock5: {
    random: { median: 1892, q25: 1350, q75: 2680 },
    tpe: { median: 38.13, q25: 23, q75: 222 },
    'tpe-multivariate': { median: 82.88, q25: 43.1, q75: 147 },
    cmaes: { median: 28.86, q25: 13.5, q75: 72.7 },
    qmc: { median: 861.1, q25: 861, q75: 861 },
  },
  mixed7: {
    random: { median: 0.3395, q25: 0.226, q75: 0.407 },
    tpe: { median: 0.02036, q25: 0.00711, q75: 0.0983 },
    'tpe-multivariate': { median: 0.04128, q25: 0.0251, q75: 0.068 },
    cmaes: { median: 0.1583, q25: 0.11, q75: 0.195 },
    qmc: { median: 0.2658, q25: 0.217, q75: 0.293 },
  },
};

/** The budget (trials per study) of each problem in Optuna's figures. */
export const optunaBudget: Readonly<Record<string, number>> = {
  branin: 60,
  hartmann6: 100,
  rosenbrock5: 150,
  mixed7: 150,
};
