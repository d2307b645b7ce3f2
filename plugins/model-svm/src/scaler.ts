import type { DenseMatrix } from './data.js';

/** StandardScaler: mean 0 and population standard deviation 1 per column (constant columns only centred). */
export interface Scaler {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

export function fitScaler(m: DenseMatrix): Scaler {
  const mean = new Float64Array(m.cols);
  const scale = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) scale[j] += (m.data[i * m.cols + j] - mean[j]) ** 2;
  for (let j = 0; j < m.cols; j++) {
    const sd = Math.sqrt(scale[j] / m.rows);
    scale[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j])) ? 1 : sd;
  }
  return { mean, scale };
}

export function applyScaler(m: DenseMatrix, s: Scaler | undefined): DenseMatrix {
  if (!s) return m;
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++)
      data[i * m.cols + j] = (m.data[i * m.cols + j] - s.mean[j]) / s.scale[j];
  return { data, rows: m.rows, cols: m.cols };
}

/** Rows as nested arrays (what libsvm-js takes). */
export function toRows(m: DenseMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) =>
    Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
  );
}
