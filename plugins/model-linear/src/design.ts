import type { DenseMatrix } from '@tunekit/evaluators';

export function columnMeans(m: DenseMatrix): Float64Array {
  const mean = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  return mean;
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
