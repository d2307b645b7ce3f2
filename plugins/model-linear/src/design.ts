import type { DenseMatrix } from './data.js';

export function columnMeans(m: DenseMatrix): Float64Array {
  const mean = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  return mean;
}

/** Population standard deviations; 1 for constant columns (StandardScaler's rule). */
export function columnScales(m: DenseMatrix, mean: Float64Array): Float64Array {
  const s = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) s[j] += (m.data[i * m.cols + j] - mean[j]) ** 2;
  for (let j = 0; j < m.cols; j++) {
    const sd = Math.sqrt(s[j] / m.rows);
    s[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j])) ? 1 : sd;
  }
  return s;
}

/** Returns a standardised copy of X (when `scale` is set; otherwise X itself). */
export function standardize(
  m: DenseMatrix,
  t: { mean: Float64Array; scale: Float64Array } | undefined,
): DenseMatrix {
  if (!t) return m;
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++)
      data[i * m.cols + j] = (m.data[i * m.cols + j] - t.mean[j]) / t.scale[j];
  }
  return { data, rows: m.rows, cols: m.cols };
}

/** Fits the scaler when asked to. */
export function fitScaler(
  m: DenseMatrix,
  on: boolean,
): { mean: Float64Array; scale: Float64Array } | undefined {
  if (!on) return undefined;
  const mean = columnMeans(m);
  return { mean, scale: columnScales(m, mean) };
}

/** Centred copy of X and y plus their means (all zero means when no intercept is fitted). */
export function center(
  m: DenseMatrix,
  y: Float64Array,
  fitIntercept: boolean,
): { X: DenseMatrix; y: Float64Array; xMean: Float64Array; yMean: number } {
  if (!fitIntercept) return { X: m, y, xMean: new Float64Array(m.cols), yMean: 0 };
  const xMean = columnMeans(m);
  const yMean = y.reduce((s, v) => s + v, 0) / y.length;
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) data[i * m.cols + j] = m.data[i * m.cols + j] - xMean[j];
  return { X: { data, rows: m.rows, cols: m.cols }, y: y.map((v) => v - yMean), xMean, yMean };
}
