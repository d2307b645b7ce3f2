/** How many of n finished trials form the "good" (below) set. */
export type GammaFunction = (n: number) => number;

/** Kernel weights, oldest trial first, for n observations (length n, non-negative, not all 0). */
export type WeightsFunction = (n: number) => ArrayLike<number>;

/** Optuna's default: the best 10% of trials, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Hyperopt's rule (Optuna's `hyperopt_default_gamma`): ceil(0.25·√n), at most 25. */
export function hyperoptGamma(n: number): number {
  return Math.min(Math.ceil(0.25 * Math.sqrt(n)), 25);
}

/**
 * Optuna's default weights: uniform below 25 observations; beyond that the 25 newest weigh 1
 * and the older ones ramp linearly from 1/n (oldest) up to 1, so stale history counts less.
 */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n);
  if (n < 25) {
    w.fill(1);
    return w;
  }
  const m = n - 25;
  // numpy.linspace(1/n, 1, m): m evenly spaced points including both ends.
  const lo = 1 / n;
  if (m === 1) w[0] = lo;
  for (let i = 0; i < m && m > 1; i++) w[i] = lo + ((1 - lo) * i) / (m - 1);
  w.fill(1, m);
  return w;
}

/** Every observation weighs the same. */
export function uniformWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
