/**
 * Solves A x = b for a symmetric positive definite p x p matrix A (row-major) by Cholesky.
 * Returns undefined when A is not numerically positive definite.
 */
export function choleskySolve(
  A: Float64Array,
  b: Float64Array,
  p: number,
): Float64Array | undefined {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(s > 1e-12 * Math.abs(A[i * p + i])) || s <= 0) return undefined;
        L[i * p + i] = Math.sqrt(s);
      } else {
        L[i * p + j] = s / L[j * p + j];
      }
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/** Eigen-decomposition of a symmetric p x p matrix by cyclic Jacobi rotations: A = V diag(values) V^T. */
export function symmetricEigen(
  A: Float64Array,
  p: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += a[i * p + i] ** 2;
      for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let r = 0; r < p; r++) {
      for (let q = r + 1; q < p; q++) {
        const arq = a[r * p + q];
        if (arq === 0) continue;
        const theta = (a[q * p + q] - a[r * p + r]) / (2 * arq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const akr = a[k * p + r];
          const akq = a[k * p + q];
          a[k * p + r] = c * akr - s * akq;
          a[k * p + q] = s * akr + c * akq;
        }
        for (let k = 0; k < p; k++) {
          const ark = a[r * p + k];
          const aqk = a[q * p + k];
          a[r * p + k] = c * ark - s * aqk;
          a[q * p + k] = s * ark + c * aqk;
        }
        for (let k = 0; k < p; k++) {
          const vkr = v[k * p + r];
          const vkq = v[k * p + q];
          v[k * p + r] = c * vkr - s * vkq;
          v[k * p + q] = s * vkr + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i];
  return { values, vectors: v };
}

/**
 * Minimum-norm solution of A x = b for symmetric positive semi-definite A (the normal equations
 * of least squares): eigen-directions with eigenvalue below `rcond * max eigenvalue` are dropped,
 * as lstsq drops small singular values.
 */
export function pinvSolve(
  A: Float64Array,
  b: Float64Array,
  p: number,
  rcond: number,
): Float64Array {
  const { values, vectors } = symmetricEigen(A, p);
  let max = 0;
  for (const l of values) max = Math.max(max, l);
  const x = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    if (!(values[k] > rcond * max)) continue;
    let proj = 0;
    for (let i = 0; i < p; i++) proj += vectors[i * p + k] * b[i];
    const f = proj / values[k];
    for (let i = 0; i < p; i++) x[i] += f * vectors[i * p + k];
  }
  return x;
}

/** X^T X (p x p) and X^T y of a row-major n x p matrix. */
export function normalEquations(
  X: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
): { xtx: Float64Array; xty: Float64Array } {
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const o = r * p;
    const yr = y[r];
    for (let i = 0; i < p; i++) {
      const xi = X[o + i];
      if (xi === 0) continue;
      xty[i] += xi * yr;
      for (let j = i; j < p; j++) xtx[i * p + j] += xi * X[o + j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtx[i * p + j] = xtx[j * p + i];
  return { xtx, xty };
}
