import { choiceIndex, type Distribution } from './distributions.js';
import { SearchSpaceError } from './errors.js';
import { gridValue } from './grid.js';
import { distributionsOf, type Space } from './space.js';

/**
 * The numeric axis a float/int distribution lives on, after the log transform and with
 * discrete distributions widened by half a step on each side, so that every grid value
 * owns an equal share of the axis (as Optuna's TPE and CMA-ES treat them).
 */
export interface NumericAxis {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
  /** Step on the raw scale, or null for continuous axes. */
  readonly step: number | null;
}

export function numericAxis(d: Exclude<Distribution, { type: 'categorical' }>): NumericAxis {
  const step = d.step;
  if (d.log) {
    // Only int may combine log with a (unit) step.
    const half = d.type === 'int' ? 0.5 : 0;
    return {
      lo: Math.log(d.low - half),
      hi: Math.log(d.high + half),
      log: true,
      step: d.type === 'int' ? 1 : null,
    };
  }
  const half = step === null ? 0 : step / 2;
  return { lo: d.low - half, hi: d.high + half, log: false, step };
}

/** Rounds a raw value to the distribution's grid and clamps it into [low, high]. */
export function roundToDistribution(
  d: Exclude<Distribution, { type: 'categorical' }>,
  v: number,
): number {
  let x = v;
  const step = d.step;
  if (step !== null) x = gridValue(d, Math.round((x - d.low) / step));
  if (x < d.low) x = d.low;
  if (x > d.high) x = d.high;
  return x;
}

/** Maps a value of the distribution into [0, 1]. Categorical choice i of n maps to (i + 0.5) / n. */
export function toUnit(d: Distribution, value: unknown): number {
  if (d.type === 'categorical') {
    const i = choiceIndex(d, value);
    if (i < 0) {
      throw new SearchSpaceError(
        'value-outside',
        `value ${JSON.stringify(value)} is not a choice`,
        { value },
      );
    }
    return (i + 0.5) / d.choices.length;
  }
  if (typeof value !== 'number') {
    throw new SearchSpaceError('value-outside', `value ${JSON.stringify(value)} is not a number`, {
      value,
    });
  }
  const ax = numericAxis(d);
  if (ax.hi === ax.lo) return 0.5;
  const t = ax.log ? Math.log(value) : value;
  const u = (t - ax.lo) / (ax.hi - ax.lo);
  return Math.min(1, Math.max(0, u));
}

/** Maps u in [0, 1] back to a value of the distribution (rounded to its grid, clamped). */
export function fromUnit(d: Distribution, u: number): unknown {
  const c = Math.min(1, Math.max(0, u));
  if (d.type === 'categorical') {
    const n = d.choices.length;
    return d.choices[Math.min(n - 1, Math.floor(c * n))];
  }
  const ax = numericAxis(d);
  const t = ax.lo + c * (ax.hi - ax.lo);
  return roundToDistribution(d, ax.log ? Math.exp(t) : t);
}

/**
 * Optuna's internal representation: the number itself for float/int, the choice index for
 * categoricals. Model-based samplers work on it.
 */
export function toInternal(d: Distribution, value: unknown): number {
  if (d.type === 'categorical') {
    const i = choiceIndex(d, value);
    if (i < 0)
      throw new SearchSpaceError(
        'value-outside',
        `value ${JSON.stringify(value)} is not a choice`,
        { value },
      );
    return i;
  }
  return value as number;
}

/** Inverse of `toInternal`. */
export function fromInternal(d: Distribution, x: number): unknown {
  if (d.type === 'categorical') return d.choices[x];
  return x;
}

/** Encodes a configuration as a point of the unit cube, in the space's name order. */
export function encode(
  s: Space | Record<string, Distribution>,
  params: Record<string, unknown>,
): Float64Array {
  const dists = distributionsOf(s);
  const names = Object.keys(dists);
  const out = new Float64Array(names.length);
  names.forEach((name, i) => {
    try {
      out[i] = toUnit(dists[name], params[name]);
    } catch (e) {
      throw e instanceof SearchSpaceError ? e.withParam(name) : e;
    }
  });
  return out;
}

/** Decodes a point of the unit cube into a configuration. */
export function decode(
  s: Space | Record<string, Distribution>,
  u: ArrayLike<number>,
): Record<string, unknown> {
  const dists = distributionsOf(s);
  const out: Record<string, unknown> = {};
  Object.keys(dists).forEach((name, i) => {
    out[name] = fromUnit(dists[name], u[i]);
  });
  return out;
}
