import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { choleskyInPlace } from './cholesky.js';
import { spdMatrix } from './test-matrices.js';

describe('choleskyInPlace', () => {
  it('factors a matrix whose factor is known', () => {
    // [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]].
    const a = Float64Array.of(4, 2, -2, 2, 10, 2, -2, 2, 6);
    expect(choleskyInPlace(a, 3)).toBe(true);
    expect(Array.from(a)).toEqual([2, 0, 0, 1, 3, 0, -1, 1, 2]);
  });

  it('gives a lower-triangular L with L·Lᵀ = A', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const l = a.slice();
        expect(choleskyInPlace(l, n)).toBe(true);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (j > i) expect(l[i * n + j]).toBe(0);
            let s = 0;
            for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
            expect(Math.abs(s - a[i * n + j])).toBeLessThan(1e-10 * (1 + Math.abs(a[i * n + j])));
          }
        }
      }),
    );
  });

  it('reads only the lower triangle', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const lowerOnly = a.slice();
        for (let i = 0; i < n; i++) lowerOnly.fill(Number.NaN, i * n + i + 1, i * n + n);
        const full = a.slice();
        expect(choleskyInPlace(lowerOnly, n)).toBe(true);
        expect(choleskyInPlace(full, n)).toBe(true);
        expect(lowerOnly).toEqual(full);
      }),
    );
  });

  it('fails at whichever pivot is not positive: in a pair of rows, after a block or last', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 0; k < n; k++) {
        // The identity, except that rows k - 1 and k form [[1, c], [c, 1]]: pivot k is 1 - c²,
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
        expect(choleskyInPlace(matrix(1), n), `n ${n}, pivot ${k}`).toBe(false);
        const good = matrix(0.5);
        expect(choleskyInPlace(good, n)).toBe(true);
        if (k > 0) {
          expect(good[k * n + k]).toBeCloseTo(Math.sqrt(0.75), 14);
          expect(good[(k - 1) * n + k]).toBe(0);
        }
      }
    }
  });

  it('fails on a NaN in the lower triangle and factors the empty matrix', () => {
    expect(choleskyInPlace(Float64Array.of(1, 0, Number.NaN, 1), 2)).toBe(false);
    expect(choleskyInPlace(new Float64Array(0), 0)).toBe(true);
  });

  it('names the argument at fault: an order that is not a whole number, an array too short', () => {
    expect(() => choleskyInPlace(new Float64Array(4), 1.5)).toThrow(InvalidArgumentError);
    expect(() => choleskyInPlace(new Float64Array(4), -1)).toThrow(
      /^n = -1: must be a non-negative integer/,
    );
    expect(() => choleskyInPlace(new Float64Array(8), 3)).toThrow(
      /^a\.length = 8: must be at least n×n = 9$/,
    );
  });
});
