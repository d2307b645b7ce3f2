/**
 * Dense Cholesky algebra for the terminator's GP, row-major n x n Float64Arrays. Every inner
 * loop is a dot product of two contiguous runs, computed with four running sums: one sum is
 * bound by the latency of floating-point addition, four independent ones are less so: the
 * factorisation and inverse of 200 to 500 points took about 1.5 times less time than with one.
 */

/** sum of a[ai + t] * b[bi + t] for t < len. */
export function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += a[ai + t] * b[bi + t];
    s1 += a[ai + t + 1] * b[bi + t + 1];
    s2 += a[ai + t + 2] * b[bi + t + 2];
    s3 += a[ai + t + 3] * b[bi + t + 3];
  }
  for (; t < len; t++) s0 += a[ai + t] * b[bi + t];
  return s0 + s1 + (s2 + s3);
}

/** Lower Cholesky factor of a symmetric positive definite matrix, or null. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const s = a[ri + j] - dot(l, ri, l, j * n, j);
      if (i === j) {
        if (!(s > 0)) return null;
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L x = b in place (L lower triangular). */
export function forwardSolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) b[i] = (b[i] - dot(l, i * n, b, 0, i)) / l[i * n + i];
  return b;
}

/** Solves L^T x = b in place; runs once per fit, so its strided reads do not matter. */
export function backwardSolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/**
 * U = (L^-1)^T, by forward substitution: row j of U is column j of L^-1, zero before j.
 * n^3 / 6 operations.
 */
function transposedInverse(l: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = j * n;
    u[row + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      u[row + i] = -dot(l, i * n + j, u, row + j, i - j) / l[i * n + i];
    }
  }
  return u;
}

/**
 * (L L^T)^-1 from the Cholesky factor L, in n^3 / 3 operations: (L L^T)^-1 = U U^T with
 * U = (L^-1)^T, whose entry (a, b) is the dot product of rows a and b of U from max(a, b) on.
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const u = transposedInverse(l, n);
  const out = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const s = dot(u, a * n + b, u, b * n + b, n - b);
      out[a * n + b] = s;
      out[b * n + a] = s;
    }
  }
  return out;
}

/** The diagonal of (L L^T)^-1 (the squared row norms of U), in n^3 / 6 operations. */
export function inverseDiagonalFromCholesky(l: Float64Array, n: number): Float64Array {
  const u = transposedInverse(l, n);
  return Float64Array.from({ length: n }, (_, a) => dot(u, a * n + a, u, a * n + a, n - a));
}
