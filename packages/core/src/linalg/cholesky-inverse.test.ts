import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choleskyInverseDiagonal,
  choleskyInverseLower,
  lowerInverseTransposed,
} from './cholesky-inverse.js';
import { factorOf, multiply, spdMatrix } from './test-matrices.js';

describe('the inverse from the Cholesky factor', () => {
  it('is known for a 2×2 matrix: [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8', () => {
    const l = factorOf(Float64Array.of(4, 2, 2, 3), 2);
    const out = new Float64Array(4);
    choleskyInverseLower(l, 2, out);
    expect(out[0]).toBeCloseTo(3 / 8, 15);
    expect(out[2]).toBeCloseTo(-2 / 8, 15);
    expect(out[3]).toBeCloseTo(4 / 8, 15);
    expect(out[1]).toBe(0);
    const diagonal = choleskyInverseDiagonal(l, 2);
    expect(diagonal[0]).toBeCloseTo(3 / 8, 15);
    expect(diagonal[1]).toBeCloseTo(4 / 8, 15);
  });

  it('fills the lower triangle of A⁻¹, keeps the upper one, whatever the work buffer held', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const l = factorOf(a, n);
        const inverse = new Float64Array(n * n).fill(-9);
        choleskyInverseLower(l, n, inverse, new Float64Array(n * n).fill(7));
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++)
            expect(inverse[i * n + j], 'upper triangle kept').toBe(-9);
        }
        for (let i = 0; i < n; i++)
          for (let j = 0; j < i; j++) inverse[j * n + i] = inverse[i * n + j];
        for (const [p, v] of multiply(inverse, a, n).entries()) {
          expect(v).toBeCloseTo(p % (n + 1) === 0 ? 1 : 0, 9);
        }
        const diagonal = choleskyInverseDiagonal(l, n, new Float64Array(n * n).fill(7));
        for (const [i, v] of diagonal.entries()) expect(v).toBeCloseTo(inverse[i * n + i], 12);
      }),
    );
  });

  it('gives (L⁻¹)ᵀ: L·Uᵀ = I, zero below the diagonal whatever `out` held', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const l = factorOf(a, n);
        const u = new Float64Array(n * n).fill(5);
        lowerInverseTransposed(l, n, u);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < i; j++) expect(u[i * n + j], 'below the diagonal').toBe(0);
        }
        // (L·Uᵀ)_ij = Σ_k L_ik U_jk.
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += l[i * n + k] * u[j * n + k];
            expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
          }
        }
      }),
    );
  });

  it('gives 1/√2 and the rest for [[2, 0], [0, 2]] and [[4, 2], [2, 3]]', () => {
    const u = new Float64Array(4);
    lowerInverseTransposed(factorOf(Float64Array.of(2, 0, 0, 2), 2), 2, u);
    expect([...u].map((v) => v * Math.SQRT2)).toEqual(
      [1, 0, 0, 1].map((v) => expect.closeTo(v, 14)),
    );
    // L = [[2, 0], [1, √2]], L⁻¹ = [[1/2, 0], [-1/(2√2), 1/√2]], U = its transpose.
    lowerInverseTransposed(factorOf(Float64Array.of(4, 2, 2, 3), 2), 2, u);
    expect(u[0]).toBeCloseTo(0.5, 15);
    expect(u[1]).toBeCloseTo(-1 / (2 * Math.SQRT2), 15);
    expect(u[2]).toBe(0);
    expect(u[3]).toBeCloseTo(1 / Math.SQRT2, 15);
  });

  it('names the argument at fault', () => {
    const shared = Float64Array.of(4, 0, 2, 1);
    expect(() => lowerInverseTransposed(shared, 2, shared)).toThrow(
      /^out = .*must not share memory with l/,
    );
    expect(() =>
      lowerInverseTransposed(shared.subarray(0, 4), 2, new Float64Array(shared.buffer)),
    ).toThrow(/must not share memory/);
    expect(() =>
      lowerInverseTransposed(Float64Array.of(1, 0, 0, 1), 2, new Float64Array(3)),
    ).toThrow(/^out\.length = 3: must be at least n×n = 4$/);
    const l = Float64Array.of(1, 0, 0, 1);
    expect(() => choleskyInverseLower(l, 2, new Float64Array(3))).toThrow(
      /^out\.length = 3: must be at least n×n = 4$/,
    );
    expect(() => choleskyInverseLower(l, 2, new Float64Array(4), new Float64Array(2))).toThrow(
      /^work\.length = 2/,
    );
    expect(() => choleskyInverseDiagonal(l, 3)).toThrow(
      /^l\.length = 4: must be at least n×n = 9$/,
    );
  });
});
