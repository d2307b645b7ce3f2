import type { CategoricalChoice, Distribution } from './distributions.js';
import { SearchSpaceError } from './errors.js';
import { distributionsOf, type Space } from './space.js';

/**
 * Grid point `k` of a stepped int or float distribution (one with a step): low + k·step, kept
 * inside [low, high]. A float is rounded to 15 significant digits to drop float noise
 * (0.30000000000000004); bounds with more digits than that would otherwise round past them.
 * Every stepped value tunekit produces (grids, uniform draws, rounding) goes through here.
 */
export function gridValue(d: Exclude<Distribution, { type: 'categorical' }>, k: number): number {
  const v = d.low + k * (d.step as number);
  const x = d.type === 'float' ? Number.parseFloat(v.toPrecision(15)) : v;
  return Math.min(d.high, Math.max(d.low, x));
}

/** Every value of a discrete distribution, in order. Continuous floats are not enumerable. */
export function gridValues(d: Distribution, param?: string): CategoricalChoice[] {
  if (d.type === 'categorical') return [...d.choices];
  if (d.type === 'float' && d.step === null) {
    if (d.low === d.high) return [d.low];
    throw new SearchSpaceError('not-enumerable', 'a continuous float has no grid: give it a step', {
      param,
      value: d,
    });
  }
  const n = Math.round((d.high - d.low) / (d.step as number)) + 1;
  return Array.from({ length: n }, (_, k) => gridValue(d, k));
}

/** A finite grid: values per axis, and the mixed-radix mapping from an index to a point. */
export interface Grid {
  readonly names: readonly string[];
  readonly values: readonly (readonly CategoricalChoice[])[];
  readonly size: number;
  /** The point with the given index in 0..size-1 (last axis varies fastest). */
  at(index: number): Record<string, CategoricalChoice>;
}

/** Builds a grid from explicit values per axis. */
export function gridFromValues(valuesByName: Record<string, readonly CategoricalChoice[]>): Grid {
  const names = Object.keys(valuesByName);
  const values = names.map((n) => {
    const v = valuesByName[n];
    if (!Array.isArray(v) || v.length === 0) {
      throw new SearchSpaceError('empty-choices', 'a grid axis needs at least one value', {
        param: n,
        value: v,
      });
    }
    return [...v];
  });
  const size = values.reduce((p, v) => p * v.length, 1);
  return {
    names,
    values,
    size,
    at(index: number) {
      if (!Number.isInteger(index) || index < 0 || index >= size) {
        throw new RangeError(`grid index ${index} outside 0..${size - 1}`);
      }
      const out: Record<string, CategoricalChoice> = {};
      let rest = index;
      for (let i = names.length - 1; i >= 0; i--) {
        const len = values[i].length;
        out[names[i]] = values[i][rest % len];
        rest = Math.floor(rest / len);
      }
      return out;
    },
  };
}

/** The grid of a declarative space whose axes are all discrete (steps, ints, categoricals). */
export function gridOf(s: Space | Record<string, Distribution>): Grid {
  const dists = distributionsOf(s);
  const byName: Record<string, CategoricalChoice[]> = {};
  for (const [name, d] of Object.entries(dists)) byName[name] = gridValues(d, name);
  return gridFromValues(byName);
}

/** Every point of a discrete space, in index order. */
export function* enumerateGrid(
  s: Space | Record<string, Distribution>,
): Generator<Record<string, CategoricalChoice>> {
  const g = gridOf(s);
  for (let i = 0; i < g.size; i++) yield g.at(i);
}
