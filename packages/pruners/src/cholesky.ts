/**
 * Dense Cholesky algebra for the terminator's GP, row-major n x n Float64Arrays.
 *
 * The n^3 loops are register-blocked: one pass of the inner loop reads two rows and four
 * other rows at the same position and updates eight running sums, where a dot product reads
 * two numbers per multiply-add. Element reads, not arithmetic, bound plain JavaScript loops:
 * the 2 x 4 shape measured fastest against 2 x 2, 3 x 4 and 4 x 4 (more sums spill out of the
 * sixteen floating-point registers), and it makes the factorisation and the inverse of 200 to
 * 500 points about two times faster than with four-sum dot products. Rows and columns left
 * over at the edges use `dot`.
 */

/** sum of a[ai + t] * b[bi + t] for t < len, in four running sums (the latency of addition). */
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

/**
 * The eight dot products of the runs of x at x0 and x1 with the runs of y at y0 + k * stride
 * (k = 0..3), over positions from..to - 1, into sums: x0's four, then x1's four.
 */
function dots2x4(
  x: Float64Array,
  x0: number,
  x1: number,
  y: Float64Array,
  y0: number,
  stride: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  const y1 = y0 + stride;
  const y2 = y1 + stride;
  const y3 = y2 + stride;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let t = from; t < to; t++) {
    const a = x[x0 + t];
    const b = x[x1 + t];
    const c0 = y[y0 + t];
    const c1 = y[y1 + t];
    const c2 = y[y2 + t];
    const c3 = y[y3 + t];
    s00 += a * c0;
    s01 += a * c1;
    s02 += a * c2;
    s03 += a * c3;
    s10 += b * c0;
    s11 += b * c1;
    s12 += b * c2;
    s13 += b * c3;
  }
  sums[0] = s00;
  sums[1] = s01;
  sums[2] = s02;
  sums[3] = s03;
  sums[4] = s10;
  sums[5] = s11;
  sums[6] = s12;
  sums[7] = s13;
}

/**
 * Entries (r, j..j+3) of the factor, given the dot products of row r with rows j..j+3 over
 * t < j in sums[offset..offset+3]: the terms at t = j..j+2 are added as those entries are found.
 */
function finishFour(
  a: Float64Array,
  l: Float64Array,
  n: number,
  r: number,
  j: number,
  sums: Float64Array,
  offset: number,
): void {
  for (let q = 0; q < 4; q++) {
    const c = (j + q) * n;
    let s = a[r + j + q] - sums[offset + q];
    for (let p = 0; p < q; p++) s -= l[r + j + p] * l[c + j + p];
    l[r + j + q] = s / l[c + j + q];
  }
}

/** Lower Cholesky factor of a symmetric positive definite matrix, or null. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  const sums = new Float64Array(8);
  // Rows in pairs: each pass of dots2x4 then serves two rows of the factor.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let j = 0;
    for (; j + 3 < i; j += 4) {
      dots2x4(l, r0, r1, l, j * n, n, 0, j, sums);
      finishFour(a, l, n, r0, j, sums, 0);
      finishFour(a, l, n, r1, j, sums, 4);
    }
    for (; j < i; j++) {
      const c = j * n;
      l[r0 + j] = (a[r0 + j] - dot(l, r0, l, c, j)) / l[c + j];
      l[r1 + j] = (a[r1 + j] - dot(l, r1, l, c, j)) / l[c + j];
    }
    const d0 = a[r0 + i] - dot(l, r0, l, r0, i);
    if (!(d0 > 0)) return null;
    l[r0 + i] = Math.sqrt(d0);
    l[r1 + i] = (a[r1 + i] - dot(l, r1, l, r0, i)) / l[r0 + i];
    const d1 = a[r1 + i + 1] - dot(l, r1, l, r1, i + 1);
    if (!(d1 > 0)) return null;
    l[r1 + i + 1] = Math.sqrt(d1);
  }
  if (i < n) {
    const r = i * n;
    for (let j = 0; j < i; j++) l[r + j] = (a[r + j] - dot(l, r, l, j * n, j)) / l[j * n + j];
    const d = a[r + i] - dot(l, r, l, r, i);
    if (!(d > 0)) return null;
    l[r + i] = Math.sqrt(d);
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
 * Forward substitution L x = b for the four rows of b at `row`, two entries at a time, where
 * every row is zero before `from` (so are its solution's entries, and the sums skip them).
 */
function solveFourRowsFrom(
  l: Float64Array,
  n: number,
  b: Float64Array,
  row: number,
  from: number,
  sums: Float64Array,
): void {
  let i = from;
  for (; i + 1 < n; i += 2) {
    const li = i * n;
    dots2x4(l, li, li + n, b, row, n, from, i, sums);
    const below = l[li + n + i];
    for (let q = 0; q < 4; q++) {
      const rq = row + q * n;
      const xi = (b[rq + i] - sums[q]) / l[li + i];
      b[rq + i] = xi;
      b[rq + i + 1] = (b[rq + i + 1] - sums[4 + q] - below * xi) / l[li + n + i + 1];
    }
  }
  if (i < n) {
    for (let q = 0; q < 4; q++) {
      const rq = row + q * n;
      b[rq + i] = (b[rq + i] - dot(l, i * n + from, b, rq + from, i - from)) / l[i * n + i];
    }
  }
}

/**
 * U = (L^-1)^T: row j of U is column j of L^-1, the solution of L u = e_j, zero before j.
 * Four rows solve together from their first row's start. n^3 / 6 operations.
 */
function transposedInverse(l: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n * n);
  for (let j = 0; j < n; j++) u[j * n + j] = 1;
  const sums = new Float64Array(8);
  let j = 0;
  for (; j + 3 < n; j += 4) solveFourRowsFrom(l, n, u, j * n, j, sums);
  for (; j < n; j++) forwardSolve(l, n, u.subarray(j * n, j * n + n));
  return u;
}

/**
 * (L L^T)^-1 from the Cholesky factor L, in n^3 / 3 operations: (L L^T)^-1 = U U^T with
 * U = (L^-1)^T, whose entry (a, b) is the dot product of rows a and b of U from max(a, b) on.
 * Rows a, a + 1 and b..b+3 go together from b on (U is zero before the diagonal).
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const u = transposedInverse(l, n);
  const out = new Float64Array(n * n);
  const sums = new Float64Array(8);
  const set = (p: number, q: number, v: number): void => {
    out[p * n + q] = v;
    out[q * n + p] = v;
  };
  let a = 0;
  for (; a + 1 < n; a += 2) {
    let b = a;
    for (; b + 3 < n; b += 4) {
      dots2x4(u, a * n, a * n + n, u, b * n, n, b, n, sums);
      for (let q = 0; q < 4; q++) {
        set(a, b + q, sums[q]);
        // (a + 1, a) is the one entry here below the diagonal; its sum is still C^-1's entry.
        set(a + 1, b + q, sums[4 + q]);
      }
    }
    for (; b < n; b++) {
      set(a, b, dot(u, a * n + b, u, b * n + b, n - b));
      set(a + 1, b, dot(u, a * n + n + b, u, b * n + b, n - b));
    }
  }
  if (a < n) set(a, a, dot(u, a * n + a, u, a * n + a, n - a));
  return out;
}

/** The diagonal of (L L^T)^-1 (the squared row norms of U), in n^3 / 6 operations. */
export function inverseDiagonalFromCholesky(l: Float64Array, n: number): Float64Array {
  const u = transposedInverse(l, n);
  return Float64Array.from({ length: n }, (_, a) => dot(u, a * n + a, u, a * n + a, n - a));
}
