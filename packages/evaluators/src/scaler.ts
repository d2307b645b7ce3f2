import type { DenseMatrix } from './dense.js';

/** scikit-learn's StandardScaler, fitted: per-column mean and scale. */
export interface StandardScaler {
  readonly mean: Float64Array;
  /** Population standard deviation, or 1 for a (numerically) constant column. */
  readonly scale: Float64Array;
}

/**
 * Fits a StandardScaler (mean 0, population standard deviation 1 per column). Two passes, as
 * numpy's var, so there is no cancellation; a column whose deviation is at rounding level of
 * its mean is only centred, as scikit-learn's `_handle_zeros_in_scale` does.
 */
export function fitStandardScaler(m: DenseMatrix): StandardScaler {
  const { data, rows, cols } = m;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) scale[j] += (data[i * cols + j] - mean[j]) ** 2;
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j])) ? 1 : sd;
  }
  return { mean, scale };
}

/** A standardised copy of `m`; `m` itself when there is no scaler (standardisation off). */
export function applyStandardScaler(
  m: DenseMatrix,
  scaler: StandardScaler | undefined,
): DenseMatrix {
  if (!scaler) return m;
  const { data, rows, cols } = m;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      out[i * cols + j] = (data[i * cols + j] - scaler.mean[j]) / scaler.scale[j];
  return { data: out, rows, cols };
}
