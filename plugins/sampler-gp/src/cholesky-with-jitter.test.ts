import { describe, expect, it } from 'vitest';
import { choleskyWithJitter } from './cholesky-with-jitter.js';
import { CholeskyError } from './errors.js';

describe('choleskyWithJitter', () => {
  it('factors a positive definite matrix as given, with no jitter', () => {
    // [[4, 2, -2], [2, 10, 2], [-2, 2, 6]] = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 1, 2]].
    const { factor, jitter } = choleskyWithJitter(Float64Array.of(4, 2, -2, 2, 10, 2, -2, 2, 6), 3);
    expect(jitter).toBe(0);
    expect(Array.from(factor)).toEqual([2, 0, 0, 1, 3, 0, -1, 1, 2]);
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

  it('factors in place (out = a) as it does into a separate buffer, also when it must retry', () => {
    // 4 [[1, .9, .9], [.9, 1, 1], [.9, 1, 1]]: the last two rows are equal, so the third pivot
    // is 0 (4 - 1.8^2 - 0.8718^2 = 0) and a jitter is needed. The failed first attempt leaves
    // L's first column and pivots (2, 1.8, 0.87...) where K had 4, 3.6, 4.
    const k = () => Float64Array.of(4, 3.6, 3.6, 3.6, 4, 4, 3.6, 4, 4);
    const apart = choleskyWithJitter(k(), 3);
    const a = k();
    const inPlace = choleskyWithJitter(a, 3, {}, a);
    expect(apart.jitter).toBeGreaterThan(0);
    expect(inPlace.jitter).toBe(apart.jitter);
    expect(Array.from(inPlace.factor)).toEqual(Array.from(apart.factor));
    // L Lᵀ gives back K plus the jitter on the diagonal.
    const f = inPlace.factor;
    const original = k();
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j <= i; j++) {
        let acc = 0;
        for (let m = 0; m <= j; m++) acc += f[i * 3 + m] * f[j * 3 + m];
        expect(acc).toBeCloseTo(original[i * 3 + j] + (i === j ? inPlace.jitter : 0), 6);
      }
    }
  });

  it('leaves its input unchanged', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    choleskyWithJitter(a, 2);
    expect(Array.from(a)).toEqual([4, 2, 2, 3]);
  });
});
