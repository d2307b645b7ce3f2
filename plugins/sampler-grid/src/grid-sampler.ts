import {
  checkOptionNames,
  createRng,
  type FrozenTrial,
  hashString,
  InvalidArgumentError,
  isParamValue,
  type JsonValue,
  type ParamValue,
  type Sampler,
  type StudyView,
  type TrialState,
  TunekitError,
} from '@tunekit/core';
import {
  type CategoricalChoice,
  contains,
  type Distribution,
  describe,
  type Grid,
  gridFromValues,
  gridOf,
  isSpace,
  type Space,
} from '@tunekit/search-space';

/** Optuna style `{ name: values[] }`, or a space / record of distributions whose axes are all discrete. */
export type GridSearchSpace =
  | Readonly<Record<string, readonly CategoricalChoice[]>>
  | Space
  | Readonly<Record<string, Distribution>>;

export interface GridSamplerOptions {
  /**
   * Seeds the order in which points are visited. Workers that share a storage must use the
   * same seed so that they share the order (and so never pick the same point). Default 0.
   */
  readonly seed?: number;
}

/** System attribute holding the grid point (its index in the grid) a trial evaluates. */
export const GRID_ID_ATTR = 'grid_id';
/** System attribute identifying the grid, so trials of another grid are not counted. */
export const GRID_KEY_ATTR = 'grid_key';

function keyOf(v: CategoricalChoice): string {
  return `${typeof v}:${String(v)}`;
}

function toGrid(searchSpace: GridSearchSpace): Grid {
  if (searchSpace === null || typeof searchSpace !== 'object') {
    throw new InvalidArgumentError(
      'searchSpace',
      searchSpace,
      'must be { name: values[] } or a space of discrete distributions',
    );
  }
  if (isSpace(searchSpace)) return gridOf(searchSpace);
  const entries = Object.entries(searchSpace);
  if (entries.every(([, v]) => Array.isArray(v))) {
    for (const [name, values] of entries as [string, readonly unknown[]][]) {
      const seen = new Set<string>();
      for (const v of values) {
        if (!isParamValue(v))
          throw new InvalidArgumentError(
            `searchSpace.${name}`,
            v,
            'grid values must be strings, finite numbers, booleans or null',
          );
        const k = keyOf(v as CategoricalChoice);
        if (seen.has(k))
          throw new InvalidArgumentError(`searchSpace.${name}`, v, 'appears twice in the grid');
        seen.add(k);
      }
    }
    return gridFromValues(searchSpace as Record<string, readonly CategoricalChoice[]>);
  }
  if (entries.some(([, v]) => Array.isArray(v))) {
    throw new InvalidArgumentError(
      'searchSpace',
      Object.keys(searchSpace),
      'mixes value lists and distributions; use one form',
    );
  }
  return gridOf(searchSpace as Record<string, Distribution>);
}

/** Trials that hold a grid point: a point is free again only if its trials all FAILed. */
function holdsPoint(state: TrialState): boolean {
  return state === 'RUNNING' || state === 'COMPLETE' || state === 'PRUNED';
}

/**
 * Grid search (Optuna's GridSampler): evaluates every point of a finite grid once, in a
 * seeded order, then stops the study. Trial n starts looking at position n mod G of the
 * shared permutation and takes the first point no RUNNING, COMPLETE or PRUNED trial holds,
 * so distinct trial numbers get distinct points even when workers see stale snapshots.
 */
export class GridSampler implements Sampler {
  readonly name: string = 'GridSampler';
  /** The grid being searched. */
  readonly grid: Grid;
  private readonly order: readonly number[];
  private readonly gridKey: string;
  private readonly pending = new Map<number, Record<string, JsonValue>>();

  constructor(searchSpace: GridSearchSpace, options: GridSamplerOptions = {}) {
    checkOptionNames(options, ['seed'], 'GridSampler');
    const seed = options.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isFinite(seed))
      throw new InvalidArgumentError('seed', seed, 'must be a finite number');
    this.grid = toGrid(searchSpace);
    if (this.grid.size > 2 ** 32)
      throw new InvalidArgumentError(
        'searchSpace',
        this.grid.size,
        'the grid has more than 2^32 points',
      );
    const ids = Array.from({ length: this.grid.size }, (_, i) => i);
    this.order = createRng(seed).shuffle(ids);
    const description = JSON.stringify(this.grid.names.map((n, i) => [n, this.grid.values[i]]));
    this.gridKey = `${hashString(description).toString(16)}-${this.grid.size}`;
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    // Retried (RetryFailedTrialCallback) and enqueued trials keep what they were given.
    if (GRID_ID_ATTR in trial.systemAttrs || 'fixed_params' in trial.systemAttrs) return;
    const size = this.grid.size;
    const held = new Uint8Array(size);
    for (const t of study.trials) {
      if (t.number === trial.number || !holdsPoint(t.state)) continue;
      const id = this.gridIdOf(t);
      if (id !== undefined) held[id] = 1;
    }
    const start = trial.number % size;
    let chosen = -1;
    let free = 0;
    for (let k = 0; k < size; k++) {
      const id = this.order[(start + k) % size];
      if (held[id] === 0) {
        if (chosen < 0) chosen = id;
        free++;
      }
    }
    if (chosen < 0) {
      // Every point is taken (stale workers, or a study re-run after the grid was done):
      // evaluate one again, as Optuna does, and stop.
      console.warn(
        'tunekit: GridSampler is re-evaluating a point because every point of the grid has been taken',
      );
      chosen = this.order[start];
      study.stop();
    } else if (free === 1) {
      // This trial takes the last free point: start no other trial in this process, which
      // could only repeat a point.
      study.stop();
    }
    this.pending.set(trial.number, { [GRID_ID_ATTR]: chosen, [GRID_KEY_ATTR]: this.gridKey });
  }

  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    const attrs = this.pending.get(trial.number);
    this.pending.delete(trial.number);
    return attrs;
  }

  sampleIndependent(
    _study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): ParamValue {
    const axis = this.grid.names.indexOf(name);
    if (axis < 0) {
      throw new InvalidArgumentError(
        name,
        describe(dist),
        `is not a parameter of the grid (${this.grid.names.join(', ')})`,
      );
    }
    const id = this.gridIdOf(trial);
    if (id === undefined) {
      throw new TunekitError(
        `GridSampler: trial ${trial.number} has no grid point; with GridSampler an enqueued trial must fix every parameter (missing "${name}")`,
      );
    }
    const value = this.grid.at(id)[name];
    if (!contains(dist, value)) {
      throw new InvalidArgumentError(
        name,
        value,
        `the grid value is not in the suggested distribution ${describe(dist)}`,
      );
    }
    return value;
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState): void {
    this.pending.delete(trial.number);
    // Done when every point has a finished trial (FAIL included, as in Optuna).
    const size = this.grid.size;
    const done = new Uint8Array(size);
    let count = 0;
    const mark = (id: number | undefined) => {
      if (id !== undefined && done[id] === 0) {
        done[id] = 1;
        count++;
      }
    };
    for (const t of study.trials) {
      if (t.number === trial.number || t.state === 'RUNNING' || t.state === 'WAITING') continue;
      mark(this.gridIdOf(t));
    }
    if (state !== 'RUNNING' && state !== 'WAITING') mark(this.gridIdOf(trial));
    if (count === size) study.stop();
  }

  /** The grid point of a trial of this grid, or undefined. */
  private gridIdOf(t: FrozenTrial): number | undefined {
    const attrs = t.systemAttrs;
    if (attrs[GRID_KEY_ATTR] !== this.gridKey) return undefined;
    const id = attrs[GRID_ID_ATTR];
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < this.grid.size
      ? id
      : undefined;
  }
}
