import {
  checkLabels,
  checkMatrix,
  checkSameLength,
  checkVector,
  encode,
  type Label,
} from './check.js';
import { EvaluatorError } from './errors.js';

/**
 * A feature matrix copied row-major into one Float64Array: what model code wants for speed,
 * and a copy, so a caller mutating its arrays after `fit` cannot change a fitted model.
 */
export interface DenseMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Validates `X` as `checkMatrix` does (non-empty, rectangular, finite; errors name the row and
 * column) and copies it. With `cols` (the width seen in `fit`), a different width is an error
 * naming that width, which is what a model's `predict` needs.
 */
export function toDense(X: unknown, param = 'X', cols?: number): DenseMatrix {
  if (Array.isArray(X) && Array.isArray(X[0])) {
    const width = X[0].length;
    if (cols !== undefined && width !== cols)
      throw new EvaluatorError(`${param}[0]`, X[0], `must have ${cols} features, as in fit()`);
    if (width === 0)
      throw new EvaluatorError(`${param}[0]`, X[0], 'must have at least one feature');
  }
  checkMatrix(X, param);
  const rows = X.length;
  const width = X[0].length;
  const data = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) data.set(X[i], i * width);
  return { data, rows, cols: width };
}

/** The rows of a dense matrix as nested arrays (what array-of-rows libraries take). */
export function toRows(m: DenseMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) =>
    Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
  );
}

/** Regression targets: finite numbers, one per row of X, copied. */
export function toTargets(y: unknown, rows: number, param = 'y'): Float64Array {
  checkVector(y, param);
  checkSameLength({ length: rows }, 'X', y, param);
  return Float64Array.from(y);
}

/** Class labels as indices 0..k-1 into `classes` (scikit-learn's `classes_`). */
export interface EncodedLabels<L extends Label> {
  /** The distinct labels, sorted as numpy sorts: numbers ascending, strings by code unit. */
  readonly classes: L[];
  /** Each sample's index into `classes`; `classes[codes[i]]` gives its label back. */
  readonly codes: Int32Array;
}

/**
 * Validates class labels (all finite numbers or all strings, one per row of X) and encodes
 * them as `LabelEncoder` does, so models work on 0..k-1 and map predictions back through
 * `classes`. `minClasses`: how many distinct labels the model needs (2 for a discriminative
 * classifier such as logistic regression or an SVM).
 */
export function encodeLabels<L extends Label>(
  y: readonly L[],
  rows: number,
  { param = 'y', minClasses = 1 }: { param?: string; minClasses?: number } = {},
): EncodedLabels<L> {
  checkLabels(y, param);
  checkSameLength({ length: rows }, 'X', y, param);
  const encoded = encode(y);
  if (encoded.classes.length < minClasses)
    throw new EvaluatorError(param, encoded.classes, `needs at least ${minClasses} classes`);
  return encoded;
}
