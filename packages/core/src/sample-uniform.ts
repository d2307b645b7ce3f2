import { type Distribution, gridValue } from '@tunekit/search-space';
import type { Rng } from './rng.js';
import type { ParamValue } from './types.js';

/**
 * One value drawn uniformly from a distribution, as Optuna's RandomSampler draws it:
 * log axes uniformly in log space (a log int over [low - 0.5, high + 0.5], then rounded),
 * stepped floats and linear ints uniformly over their grid values, categoricals uniformly
 * over their choices. The result is always inside the distribution. Consumes exactly one
 * `rng.random()` draw, so callers can reason about streams.
 */
export function sampleUniform(dist: Distribution, rng: Rng): ParamValue {
  const r = rng.random();
  if (dist.type === 'categorical') {
    const choices = dist.choices;
    return choices[Math.floor(r * choices.length)];
  }
  const { low, high } = dist;
  if (dist.log) {
    if (dist.type === 'int') {
      const lo = Math.log(low - 0.5);
      const v = Math.round(Math.exp(lo + r * (Math.log(high + 0.5) - lo)));
      return v < low ? low : Math.min(v, high);
    }
    const lo = Math.log(low);
    const v = Math.exp(lo + r * (Math.log(high) - lo));
    return v < low ? low : Math.min(v, high);
  }
  const step = dist.step;
  if (step === null) {
    const v = low + r * (high - low);
    return Math.min(v, high);
  }
  // Number of grid points, computed in step units to absorb rounding in (high - low) / step.
  // gridValue rounds and clamps as gridValues does, so a draw equals one of the grid values.
  const n = Math.round((high - low) / step) + 1;
  return gridValue(dist, Math.floor(r * n));
}
