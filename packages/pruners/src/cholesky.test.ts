import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backwardSolve,
  cholesky,
  dot,
  forwardSolve,
  inverseDiagonalFromCholesky,
  inverseFromCholesky,
} from './cholesky.js';

/**
 * A random symmetric positive definite n x n matrix: B B^T + n I. Sizes up to 22 reach every
 * edge of the 2 x 4 blocks: odd last rows, and 1 to 3 rows or columns left over.
 */
const spdMatrix = fc.integer({ min: 1, max: 22 }).chain((n) =>
  fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((b) => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = i === j ? n : 0;
          for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
          a[i * n + j] = s;
        }
      }
      return { n, a };
    }),
);

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) out[i * n + j] += a[i * n + k] * b[k * n + j];
    }
  }
  return out;
}

describe('dot', () => {
  it('equals the plain sum for every length and offset (the unrolled part and the rest)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (values, ai, bi, len) => {
          const v = Float64Array.from(values);
          let plain = 0;
          for (let t = 0; t < len; t++) plain += v[ai + t] * v[bi + t];
          expect(dot(v, ai, v, bi, len)).toBeCloseTo(plain, 9);
        },
      ),
    );
  });
});

describe('cholesky', () => {
  it('factors a matrix whose factor is known', () => {
    // [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = L L^T with L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]].
    const l = cholesky(Float64Array.from([4, 2, -2, 2, 10, 2, -2, 2, 6]), 3);
    expect(Array.from(l ?? [])).toEqual([2, 0, 0, 1, 3, 0, -1, 1, 2]);
  });

  it('is null for a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    expect(cholesky(Float64Array.from([0]), 1)).toBeNull();
  });

  it('reads only the lower triangle', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const lowerOnly = a.slice();
        for (let i = 0; i < n; i++) lowerOnly.fill(Number.NaN, i * n + i + 1, i * n + n);
        expect(cholesky(lowerOnly, n)).toEqual(cholesky(a, n));
      }),
    );
  });

  it('is null at whichever pivot fails, in a pair of rows, after a block or in the last row', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 0; k < n; k++) {
        // The identity, except that rows k - 1 and k form [[1, c], [c, 1]]: pivot k is 1 - c^2,
        // zero at c = 1 and 0.75 at c = 0.5. For k = 0, a[0][0] = -1 instead.
        const matrix = (c: number): Float64Array => {
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++) a[i * n + i] = 1;
          if (k === 0) a[0] = c === 1 ? -1 : 1;
          else {
            a[k * n + k - 1] = c;
            a[(k - 1) * n + k] = c;
          }
          return a;
        };
        expect(cholesky(matrix(1), n), `n ${n}, pivot ${k}`).toBeNull();
        const l = cholesky(matrix(0.5), n) as Float64Array;
        if (k > 0) expect(l[k * n + k]).toBeCloseTo(Math.sqrt(0.75), 14);
      }
    }
  });

  it('gives L with L L^T = A, solves A x = b, and inverts A', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const l = cholesky(a, n) as Float64Array;
        const lt = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lt[j * n + i] = l[i * n + j];
        for (const [p, v] of multiply(l, lt, n).entries()) expect(v).toBeCloseTo(a[p], 9);

        const b = Float64Array.from({ length: n }, (_, i) => i - n / 2);
        const x = backwardSolve(l, n, forwardSolve(l, n, Float64Array.from(b)));
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += a[i * n + k] * x[k];
          expect(s).toBeCloseTo(b[i], 9);
        }

        const inverse = inverseFromCholesky(l, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < i; j++) expect(inverse[i * n + j]).toBe(inverse[j * n + i]);
        }
        for (const [p, v] of multiply(inverse, a, n).entries()) {
          expect(v).toBeCloseTo(p % (n + 1) === 0 ? 1 : 0, 9);
        }
        for (const [i, v] of inverseDiagonalFromCholesky(l, n).entries()) {
          expect(v).toBeCloseTo(inverse[i * n + i], 12);
        }
      }),
    );
  });
});
