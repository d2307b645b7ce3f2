import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Floor for eigenvalues (and sep-CMA variances) that rounding made non-positive. */
const EIGEN_FLOOR = 1e-30;

/** B (eigenvectors as columns, row-major n x n), D (square roots of the eigenvalues) and the C they give back. */
export interface Decomposition {
  readonly B: number[];
  readonly D: number[];
  readonly C: number[];
}

/** The upper triangle, row by row, of (C + C^T) / 2 for a row-major n x n matrix C. */
export function symmetrisedUpper(C: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) out.push((C[i * n + j] + C[j * n + i]) / 2);
  return out;
}

/** The upper triangle, row by row, of a row-major n x n matrix (all of it when it is symmetric). */
export function upperTriangle(C: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push(C[i * n + j]);
  return out;
}

/** The row-major n x n symmetric matrix with this upper triangle. */
export function fromUpperTriangle(upper: readonly number[], n: number): number[] {
  const out = new Array<number>(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      out[i * n + j] = upper[k];
      out[j * n + i] = upper[k];
      k++;
    }
  }
  return out;
}

/**
 * Eigendecomposition of the symmetric matrix with upper triangle `upper`. Eigenvalues that
 * rounding made non-positive are lifted, and C = B diag(lambda) B^T carries the lift back into
 * the covariance. Deterministic: the same input gives the same bits, which is what lets a
 * stored state keep only the input and recompute B and D on load.
 */
export function decomposeSymmetric(upper: readonly number[], n: number): Decomposition {
  const rows = Array.from({ length: n }, () => new Array<number>(n));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      rows[i][j] = upper[k];
      rows[j][i] = upper[k];
      k++;
    }
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const vectors = evd.eigenvectorMatrix;
  const lambda = evd.realEigenvalues.map((e) => Math.max(e, EIGEN_FLOOR));
  const B = new Array<number>(n * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) B[i * n + c] = vectors.get(i, c);
  const C = new Array<number>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let c = 0; c < n; c++) acc += B[i * n + c] * lambda[c] * B[j * n + c];
      C[i * n + j] = acc;
    }
  }
  return { B, D: lambda.map(Math.sqrt), C };
}

/** sep-CMA: the diagonal covariance, floored, and its square roots. */
export function decomposeDiagonal(diagonal: readonly number[]): Decomposition {
  const C = diagonal.map((c) => Math.max(c, EIGEN_FLOOR));
  return { B: [], D: C.map(Math.sqrt), C };
}
