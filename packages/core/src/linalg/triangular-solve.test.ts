import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from './cholesky.js';
import { factorOf, spdMatrix } from './test-matrices.js';
import {
  choleskySolveInPlace,
  solveLowerInPlace,
  solveLowerRowsInPlace,
  solveUpperTransposedInPlace,
} from './triangular-solve.js';

describe('triangular solves', () => {
  it('invert L and Lᵀ on a hand-made factor', () => {
    const l = Float64Array.of(2, 0, 0, 1, 3, 0, -1, 2, 4);
    const b = Float64Array.of(2, 7, 15); // L·[1, 2, 3]
    solveLowerInPlace(l, 3, b);
    expect(Array.from(b)).toEqual([1, 2, 3]);
    const c = Float64Array.of(2 + 2 - 3, 6 + 6, 12); // Lᵀ·[1, 2, 3]
    solveUpperTransposedInPlace(l, 3, c);
    expect(Array.from(c).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3]);
  });

  it('solve the README example: [[4, 2], [2, 3]]⁻¹·[1, 2] = [3 - 4, -2 + 8] / 8', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    expect(choleskyInPlace(a, 2)).toBe(true);
    const x = Float64Array.of(1, 2);
    choleskySolveInPlace(a, 2, x);
    expect(x[0]).toBeCloseTo(-0.125, 15);
    expect(x[1]).toBeCloseTo(0.75, 15);
  });

  it('solve A·x = b through the factor', () => {
    fc.assert(
      fc.property(spdMatrix, ({ n, a }) => {
        const l = factorOf(a, n);
        const x = Float64Array.from({ length: n }, (_, i) => i - 1.5);
        const b = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] += a[i * n + k] * x[k];
        choleskySolveInPlace(l, n, b);
        for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i], 9);
      }),
    );
  });

  it('solve many right-hand sides at once: L·x = b for every row', () => {
    fc.assert(
      fc.property(spdMatrix, fc.integer({ min: 0, max: 11 }), ({ n, a }, m) => {
        const l = factorOf(a, n);
        const b = Float64Array.from({ length: m * n }, (_, k) => Math.sin(k + 1));
        const x = b.slice();
        solveLowerRowsInPlace(l, n, x, m);
        for (let p = 0; p < m; p++) {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k <= i; k++) s += l[i * n + k] * x[p * n + k];
            expect(s).toBeCloseTo(b[p * n + i], 10);
          }
        }
      }),
    );
  });

  it('return at once for an empty factor, whatever the number of rows', () => {
    // Offsets do not grow with n = 0: a loop over offsets instead of rows never ends, and
    // the suite hangs with it (checked with that mutant). Nothing is written.
    const b = Float64Array.of(7);
    for (const m of [0, 1, 4, 9]) solveLowerRowsInPlace(new Float64Array(0), 0, b, m);
    solveLowerInPlace(new Float64Array(0), 0, b);
    expect(Array.from(b)).toEqual([7]);
  });

  it('name the argument at fault', () => {
    const l = Float64Array.of(1, 0, 0, 1);
    expect(() => solveLowerInPlace(l, 2, new Float64Array(1))).toThrow(
      /^b\.length = 1: must be at least n = 2$/,
    );
    expect(() => solveUpperTransposedInPlace(l, 3, new Float64Array(3))).toThrow(
      /^l\.length = 4: must be at least n×n = 9$/,
    );
    expect(() => solveLowerRowsInPlace(l, 2, new Float64Array(4), 3)).toThrow(
      /^b\.length = 4: must be at least m×n = 6$/,
    );
    expect(() => solveLowerRowsInPlace(l, 2, new Float64Array(4), Number.NaN)).toThrow(
      /^m = NaN: must be a non-negative integer \(the number of right-hand sides\)$/,
    );
    expect(() => solveLowerRowsInPlace(l, Number.NaN, new Float64Array(4), 1)).toThrow(/^n = NaN/);
  });
});
