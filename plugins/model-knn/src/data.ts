import { ModelArgumentError } from './errors.js';

/** A class label: numbers or strings (not both in one target). */
export type Label = number | string;

/** A dense row-major copy of a feature matrix. */
export interface DenseMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Validates `X` (non-empty, rectangular, finite) and copies it into a Float64Array. */
export function toDense(
  X: readonly (readonly number[])[],
  param = 'X',
  cols?: number,
): DenseMatrix {
  if (!Array.isArray(X) || X.length === 0)
    throw new ModelArgumentError(param, X, 'must be a non-empty array of rows');
  const first = X[0];
  if (!Array.isArray(first) || first.length === 0)
    throw new ModelArgumentError(`${param}[0]`, first, 'must be a non-empty array of numbers');
  const width = cols ?? first.length;
  const rows = X.length;
  const data = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== width) {
      const rule =
        cols === undefined
          ? `every row must have ${width} features like row 0`
          : `must have ${width} features, as in fit()`;
      throw new ModelArgumentError(`${param}[${i}]`, row, rule);
    }
    for (let j = 0; j < width; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ModelArgumentError(`${param}[${i}][${j}]`, v, 'must be a finite number');
      data[i * width + j] = v;
    }
  }
  return { data, rows, cols: width };
}

/** Validates regression targets: finite numbers, one per row. */
export function toTargets(y: readonly number[], rows: number): Float64Array {
  checkLength(y, rows);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ModelArgumentError(`y[${i}]`, v, 'must be a finite number');
    out[i] = v;
  }
  return out;
}

/** Class labels mapped to 0..k-1 in sorted order (scikit-learn's `classes_`). */
export interface EncodedLabels<L extends Label> {
  readonly classes: L[];
  readonly codes: Int32Array;
}

/** Maps labels to 0..k-1; classes sorted ascending (numbers numerically, strings by code unit). */
export function encodeLabels<L extends Label>(y: readonly L[], rows: number): EncodedLabels<L> {
  checkLength(y, rows);
  const kind = typeof y[0];
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (
      typeof v !== kind ||
      (kind === 'number' && !Number.isFinite(v as number)) ||
      (kind !== 'number' && kind !== 'string')
    ) {
      throw new ModelArgumentError(
        `y[${i}]`,
        v,
        'labels must be all finite numbers or all strings',
      );
    }
  }
  const classes = [...new Set(y)].sort((a, b) =>
    kind === 'number' ? (a as number) - (b as number) : a < b ? -1 : a > b ? 1 : 0,
  );
  const index = new Map<L, number>(classes.map((c, i) => [c, i]));
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = index.get(y[i]) as number;
  return { classes, codes };
}

function checkLength(y: readonly unknown[], rows: number): void {
  if (!Array.isArray(y) || y.length !== rows) {
    throw new ModelArgumentError(
      'y',
      Array.isArray(y) ? `array(${y.length})` : y,
      `must be an array with one entry per row of X (${rows})`,
    );
  }
}

/** Throws unless `value` is an integer within [min, max]. */
export function checkInt(
  param: string,
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new ModelArgumentError(param, value, `must be an integer ${range}`);
  }
  return value;
}

/** Throws unless `value` is a finite number above `min` (or at least `min` when `inclusive`). */
export function checkNumber(
  param: string,
  value: unknown,
  min: number,
  inclusive: boolean,
  max = Number.POSITIVE_INFINITY,
): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (inclusive ? value >= min : value > min) &&
    value <= max &&
    value !== Number.POSITIVE_INFINITY;
  if (!ok) {
    const lo = inclusive ? `>= ${min}` : `> ${min}`;
    throw new ModelArgumentError(
      param,
      value,
      `must be a finite number ${lo}${max === Number.POSITIVE_INFINITY ? '' : ` and <= ${max}`}`,
    );
  }
  return value as number;
}

/** Throws unless `value` is one of `choices`. */
export function checkChoice<T extends string | boolean>(
  param: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (!choices.includes(value as T)) {
    throw new ModelArgumentError(
      param,
      value,
      `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`,
    );
  }
  return value as T;
}
