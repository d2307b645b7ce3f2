import { EvaluatorError } from './errors.js';

/** A class label or group id: numbers or strings, compared by value. */
export type Label = number | string;

/** A feature matrix: rows of numbers, all the same length. */
export type Matrix = readonly (readonly number[])[];

/** X must be a non-empty rectangular array of finite numbers. */
export function checkMatrix(X: unknown, param = 'X'): asserts X is Matrix {
  if (!Array.isArray(X))
    throw new EvaluatorError(param, X, 'must be an array of rows (number[][])');
  if (X.length === 0) throw new EvaluatorError(param, X, 'must have at least one row');
  const first = X[0];
  if (!Array.isArray(first)) {
    throw new EvaluatorError(`${param}[0]`, first, 'every row must be an array of numbers');
  }
  const width = first.length;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row)) {
      throw new EvaluatorError(`${param}[${i}]`, row, 'every row must be an array of numbers');
    }
    if (row.length !== width) {
      throw new EvaluatorError(
        `${param}[${i}]`,
        row,
        `must have ${width} columns like row 0 (X must be rectangular), got ${row.length}`,
      );
    }
    for (let j = 0; j < width; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new EvaluatorError(
          `${param}[${i}][${j}]`,
          v,
          'must be a finite number (row ' +
            i +
            ', column ' +
            j +
            '; NaN and Infinity are rejected)',
        );
      }
    }
  }
}

/** A 1-d array of finite numbers. */
export function checkVector(v: unknown, param: string): asserts v is readonly number[] {
  if (!Array.isArray(v)) throw new EvaluatorError(param, v, 'must be an array of numbers');
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new EvaluatorError(`${param}[${i}]`, x, 'must be a finite number');
    }
  }
}

/** An array of labels (finite numbers or strings), one type throughout. */
export function checkLabels(v: unknown, param: string): asserts v is readonly Label[] {
  if (!Array.isArray(v)) throw new EvaluatorError(param, v, 'must be an array of labels');
  if (v.length === 0) return;
  const kind = typeof v[0];
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const ok =
      typeof x === kind && (typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)));
    if (!ok) {
      throw new EvaluatorError(
        `${param}[${i}]`,
        x,
        `must be a finite number or a string, all of one type (element 0 is a ${kind})`,
      );
    }
  }
}

/** Two arrays that describe the same samples must have the same length. */
export function checkSameLength(
  a: { readonly length: number },
  aName: string,
  b: { readonly length: number },
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new EvaluatorError(
      bName,
      `[array of length ${b.length}]`,
      `must have one entry per sample of ${aName} (${a.length})`,
    );
  }
}

/** An integer in [min, max] (`min` = -Infinity: any integer up to `max`, such as a seed). */
export function checkInt(v: unknown, param: string, min: number, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range =
      max === Infinity
        ? min === -Infinity
          ? ''
          : ` >= ${min}`
        : min === -Infinity
          ? ` <= ${max}`
          : ` in [${min}, ${max}]`;
    throw new EvaluatorError(param, v, `must be an integer${range}`);
  }
  return v;
}

/**
 * A finite number above `min` (or at least `min` when `inclusive`) and at most `max`: the check
 * behind real-valued hyperparameters such as `alpha`, `C` or `tol` (`min` = -Infinity: any
 * finite number, such as `coef0`).
 */
export function checkNumber(
  v: unknown,
  param: string,
  min: number,
  inclusive: boolean,
  max = Infinity,
): number {
  const ok =
    typeof v === 'number' && Number.isFinite(v) && (inclusive ? v >= min : v > min) && v <= max;
  if (!ok) {
    const lo = min === -Infinity ? '' : inclusive ? ` >= ${min}` : ` > ${min}`;
    const hi = max === Infinity ? '' : `${lo ? ' and' : ''} <= ${max}`;
    throw new EvaluatorError(param, v, `must be a finite number${lo}${hi}`);
  }
  return v as number;
}

/** One of a fixed set of strings or booleans (an enum-like option such as `kernel`). */
export function checkChoice<T extends string | boolean>(
  v: unknown,
  param: string,
  choices: readonly T[],
): T {
  if (!choices.includes(v as T)) {
    const list = choices.map((c) => JSON.stringify(c)).join(', ');
    throw new EvaluatorError(param, v, `must be one of ${list}`);
  }
  return v as T;
}

/** Label order as numpy sorts: numbers ascending, strings by code unit. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** np.unique(values, return_inverse=True): sorted distinct values and each sample's index into them. */
export function encode<L extends Label>(values: readonly L[]): { classes: L[]; codes: Int32Array } {
  const seen = new Map<L, number>();
  for (const v of values) if (!seen.has(v)) seen.set(v, 0);
  const classes = [...seen.keys()].sort(compareLabels);
  classes.forEach((c, i) => {
    seen.set(c, i);
  });
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = seen.get(values[i])!;
  return { classes, codes };
}

/** Counts of each code 0..k-1 (np.bincount). */
export function bincount(codes: ArrayLike<number>, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (let i = 0; i < codes.length; i++) out[codes[i]]++;
  return out;
}

/** Rows of X at the given positions (shares row arrays; nothing is copied). */
export function takeRows<T>(X: readonly T[], idx: readonly number[]): T[] {
  const out = new Array<T>(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = X[idx[i]];
  return out;
}
