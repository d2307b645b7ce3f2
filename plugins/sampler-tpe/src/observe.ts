import type { FrozenTrial } from '@tunekit/core';
import { describe, distributionsEqual } from '@tunekit/search-space';
import { type KernelDim, toKernelSpace } from './parzen-estimator.js';

/**
 * A param's kernel-space values by trial number (NaN where the trial does not have it), each
 * with the trial object it was read from: a different object under that number (another
 * study, a hand-built view, a storage handing out copies) is read afresh.
 */
export interface Column {
  refs: (FrozenTrial | undefined)[];
  values: Float64Array;
}

/**
 * Kernel-space values of finished trials, kept across sampling steps: finished trials never
 * change (and the runtime hands out the same objects), so each (trial, param) is read and
 * converted once instead of on every trial, sparing thousands of keyed property reads per
 * sampling step late in a study.
 */
export class ObservationCache {
  private readonly columns = new Map<string, Column>();

  /** The column of `name` under `dim`'s distribution in the study called `studyName`. */
  column(studyName: string, name: string, dim: KernelDim): Column {
    const key = `${studyName}\u0000${name}\u0000${describe(dim.dist)}`;
    let c = this.columns.get(key);
    if (c === undefined) {
      c = { refs: [], values: new Float64Array(64) };
      this.columns.set(key, c);
    }
    return c;
  }
}

/** The kernel-space value of `name` in a trial, or NaN when it lacks it or had another distribution. */
function kernelValue(t: FrozenTrial, name: string, dim: KernelDim): number {
  const td = t.distributions[name];
  const v = t.params[name];
  if (td === undefined || v === undefined || !(td === dim.dist || distributionsEqual(td, dim.dist)))
    return Number.NaN;
  const x = toKernelSpace(dim, v);
  return x < 0 && dim.kind === 'categorical' ? Number.NaN : x;
}

function cached(c: Column, t: FrozenTrial, name: string, dim: KernelDim): number {
  const i = t.number;
  if (c.refs[i] === t) return c.values[i];
  if (i >= c.values.length) {
    const values = new Float64Array(Math.max(i + 1, 2 * c.values.length));
    values.set(c.values);
    c.values = values;
  }
  c.values[i] = kernelValue(t, name, dim);
  c.refs[i] = t;
  return c.values[i];
}

/**
 * Kernel-space values of the trials that have every one of `names` under the same
 * distribution; the others (conditional params they never reached) are left out. With
 * `columns` (one per name), finished trials are read through the cache.
 */
export function observe(
  trials: readonly FrozenTrial[],
  names: readonly string[],
  dims: readonly KernelDim[],
  weights: Float64Array | null,
  columns: readonly Column[] | null = null,
): { values: Float64Array[]; weights: Float64Array | null } {
  const nd = names.length;
  const buffers = dims.map(() => new Float64Array(trials.length));
  const keep: number[] = [];
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i];
    const useCache = columns !== null && t.state !== 'RUNNING';
    let ok = true;
    for (let d = 0; d < nd && ok; d++) {
      const x = useCache
        ? cached((columns as Column[])[d], t, names[d], dims[d])
        : kernelValue(t, names[d], dims[d]);
      buffers[d][keep.length] = x;
      ok = !Number.isNaN(x);
    }
    if (ok) keep.push(i);
  }
  return {
    values: buffers.map((b) => b.slice(0, keep.length)),
    weights: weights === null ? null : Float64Array.from(keep, (i) => weights[i]),
  };
}
