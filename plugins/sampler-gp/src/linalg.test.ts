import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CholeskyError } from './errors.js';
import {
  choleskyInPlace,
  choleskyInverseLower,
  choleskySolveInPlace,
  choleskyWithJitter,
  solveLowerInPlace,
  solveLowerRowsInPlace,
  solveUpperTransposedInPlace,
} from './linalg.js';

/** A random symmetric positive definite matrix B·Bᵀ + n·I from a flat list of entries. */
function spd(entries: number[], n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += entries[i * n + k] * entries[j * n + k];
      a[i * n + j] = s;
    }
  }
  return a;
}

// Up to 14 rows: every edge of the 2×4 blocks (odd last rows, 1 to 3 rows or columns left over).
const matrixArb = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc
      .array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n })
      .map((e) => ({ n, a: spd(e, n) })),
  );

describe('Cholesky kernels', () => {
  it('factor L satisfies L·Lᵀ = A and is lower triangular', () => {
    fc.assert(
      fc.property(matrixArb, ({ n, a }) => {
        const { factor, jitter } = choleskyWithJitter(a, n);
        expect(jitter).toBe(0);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (j > i) expect(factor[i * n + j]).toBe(0);
            let s = 0;
            for (let k = 0; k < n; k++) s += factor[i * n + k] * factor[j * n + k];
            expect(Math.abs(s - a[i * n + j])).toBeLessThan(1e-10 * (1 + Math.abs(a[i * n + j])));
          }
        }
      }),
    );
  });

  it('solves A·x = b through the factor (forward then transposed back substitution)', () => {
    fc.assert(
      fc.property(matrixArb, ({ n, a }) => {
        const { factor } = choleskyWithJitter(a, n);
        const x = Float64Array.from({ length: n }, (_, i) => i - 1.5);
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] += a[i * n + k] * x[k];
        choleskySolveInPlace(factor, n, b);
        for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i], 9);
      }),
    );
  });

  it('triangular solves invert L and Lᵀ', () => {
    const l = Float64Array.of(2, 0, 0, 1, 3, 0, -1, 2, 4);
    const b = Float64Array.of(2, 7, 15); // L·[1, 2, 3]
    solveLowerInPlace(l, 3, b);
    expect(Array.from(b)).toEqual([1, 2, 3]);
    const c = Float64Array.of(2 + 2 - 3, 6 + 6, 12); // Lᵀ·[1, 2, 3]
    solveUpperTransposedInPlace(l, 3, c);
    expect(Array.from(c).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3]);
  });

  it('solves many right-hand sides at once as one by one', () => {
    fc.assert(
      fc.property(matrixArb, fc.integer({ min: 1, max: 11 }), ({ n, a }, m) => {
        const { factor } = choleskyWithJitter(a, n);
        const rows = Float64Array.from({ length: m * n }, (_, k) => Math.sin(k + 1));
        const expected = rows.slice();
        for (let p = 0; p < m; p++)
          solveLowerInPlace(factor, n, expected.subarray(p * n, p * n + n));
        solveLowerRowsInPlace(factor, n, rows, m);
        for (const [k, v] of rows.entries()) expect(v).toBeCloseTo(expected[k], 10);
      }),
    );
  });

  it('reads only the lower triangle', () => {
    fc.assert(
      fc.property(matrixArb, ({ n, a }) => {
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

  it('builds the lower triangle of A⁻¹ from the factor, whatever the work buffer held', () => {
    fc.assert(
      fc.property(matrixArb, ({ n, a }) => {
        const { factor } = choleskyWithJitter(a, n);
        const inv = new Float64Array(n * n).fill(-9);
        choleskyInverseLower(factor, n, inv, new Float64Array(n * n).fill(7));
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) expect(inv[i * n + j], 'upper triangle kept').toBe(-9);
        }
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j];
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
            expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
          }
        }
      }),
    );
  });

  it('rescues a singular positive semi-definite matrix with a small jitter', () => {
    // Rank one: the second pivot is exactly 0.
    const a = Float64Array.of(1, 1, 1, 1);
    const { factor, jitter } = choleskyWithJitter(a, 2);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThanOrEqual(1e-9);
    expect(factor[0] * factor[2] + factor[1] * factor[3]).toBeCloseTo(1, 12);
  });

  it('throws CholeskyError when no allowed jitter makes the matrix positive definite', () => {
    // Eigenvalues 3 and -1: a jitter of at most 1% of the diagonal cannot help.
    const a = Float64Array.of(1, 2, 2, 1);
    let caught: unknown;
    try {
      choleskyWithJitter(a, 2);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CholeskyError);
    expect((caught as CholeskyError).size).toBe(2);
    expect((caught as CholeskyError).jitter).toBeCloseTo(1e-2, 12);
    expect((caught as CholeskyError).message).toMatch(/not positive definite/);
  });

  it('leaves its input unchanged', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    choleskyWithJitter(a, 2);
    expect(Array.from(a)).toEqual([4, 2, 2, 3]);
  });
});
