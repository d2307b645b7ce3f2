import {
  choiceIndex,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  fromUnit,
  isSingle,
  toUnit,
} from '@tunekit/core';

/** How the acquisition optimiser treats one axis of the encoded space. */
export interface SearchAxis {
  /**
   * 'continuous': gradient steps in [0, 1]; 'discrete': int/step values in the unit cube,
   * searched exhaustively over `grid` when it is given, else relaxed to continuous and
   * snapped; 'categorical': the choice index, searched over every choice (screened first
   * when there are more than EXHAUSTIVE_GRID_LIMIT).
   */
  readonly kind: 'continuous' | 'discrete' | 'categorical';
  /** Number of choices of a categorical axis. */
  readonly choices: number;
  /** Unit-cube positions of every value of a small discrete axis. */
  readonly grid: Float64Array | null;
  /** Moves a unit-cube coordinate to the nearest value of the distribution (identity if continuous). */
  snap(u: number): number;
}

/** A relative search space laid out for the GP: names in a fixed order and their axes. */
export interface EncodedSpace {
  readonly names: readonly string[];
  readonly distributions: readonly Distribution[];
  readonly axes: readonly SearchAxis[];
  readonly isCategorical: Uint8Array;
}

/**
 * Discrete axes with at most this many values are searched value by value; categorical axes
 * with more choices are screened before their best choices are scored.
 */
export const EXHAUSTIVE_GRID_LIMIT = 32;

function gridSize(d: Exclude<Distribution, { type: 'categorical' }>): number {
  const step = d.step ?? 0;
  if (step === 0) return Number.POSITIVE_INFINITY;
  return Math.round((d.high - d.low) / step) + 1;
}

function axisOf(d: Distribution): SearchAxis {
  if (d.type === 'categorical') {
    return { kind: 'categorical', choices: d.choices.length, grid: null, snap: (u) => u };
  }
  const snap = (u: number): number => toUnit(d, fromUnit(d, u));
  if (d.step === null) return { kind: 'continuous', choices: 0, grid: null, snap: (u) => u };
  const size = gridSize(d);
  let grid: Float64Array | null = null;
  if (size <= EXHAUSTIVE_GRID_LIMIT) {
    grid = new Float64Array(size);
    for (let k = 0; k < size; k++) grid[k] = toUnit(d, Math.min(d.high, d.low + k * d.step));
  }
  return { kind: 'discrete', choices: 0, grid, snap };
}

/** Lays out a search space in name order. */
export function encodeSpace(space: Readonly<Record<string, Distribution>>): EncodedSpace {
  const names = Object.keys(space).sort();
  const distributions = names.map((n) => space[n]);
  const axes = distributions.map(axisOf);
  const isCategorical = Uint8Array.from(
    distributions.map((d) => (d.type === 'categorical' ? 1 : 0)),
  );
  return { names, distributions, axes, isCategorical };
}

/** Unit-cube coordinates of numeric values and choice indices of categorical ones, written at `out[offset..]`. */
export function encodeParams(
  enc: EncodedSpace,
  params: Readonly<Record<string, unknown>>,
  out: Float64Array,
  offset: number,
): void {
  enc.distributions.forEach((d, k) => {
    out[offset + k] = encodeValue(d, params[enc.names[k]]);
  });
}

/** One value's coordinate: its unit-cube position, or its choice index when categorical. */
export function encodeValue(d: Distribution, v: unknown): number {
  return d.type === 'categorical' ? choiceIndex(d, v) : toUnit(d, v);
}

/** The parameter values of an encoded point (rounded to int/step grids through fromUnit). */
export function decodePoint(enc: EncodedSpace, u: ArrayLike<number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  enc.distributions.forEach((d, k) => {
    out[enc.names[k]] =
      d.type === 'categorical'
        ? d.choices[Math.min(d.choices.length - 1, Math.max(0, Math.round(u[k])))]
        : fromUnit(d, u[k]);
  });
  return out;
}

/** Whether the trial has every parameter of the space, with the same distribution and a point on its unit cube. */
export function hasSpace(
  trial: FrozenTrial,
  space: Readonly<Record<string, Distribution>>,
): boolean {
  for (const name of Object.keys(space)) {
    const d = trial.distributions[name];
    if (d === undefined || !(name in trial.params) || !distributionsEqual(d, space[name]))
      return false;
    // A negative value enqueued on a log axis has no point on the unit cube (toUnit gives NaN),
    // and one NaN coordinate would make every kernel matrix fail.
    if (d.type !== 'categorical' && !Number.isFinite(toUnit(d, trial.params[name]))) return false;
  }
  return true;
}

/**
 * The parameters every given trial has with one and the same distribution, minus those
 * that can take a single value (as Optuna's IntersectionSearchSpace with GPSampler).
 */
export function intersectionSearchSpace(
  trials: readonly FrozenTrial[],
): Record<string, Distribution> {
  if (trials.length === 0) return {};
  let common: Record<string, Distribution> = { ...trials[0].distributions };
  for (let t = 1; t < trials.length; t++) {
    const dists = trials[t].distributions;
    const next: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(common)) {
      const other = dists[name];
      if (other !== undefined && distributionsEqual(d, other)) next[name] = d;
    }
    common = next;
  }
  const out: Record<string, Distribution> = {};
  for (const name of Object.keys(common).sort())
    if (!isSingle(common[name])) out[name] = common[name];
  return out;
}
