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

  it('leaves its input unchanged', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    choleskyWithJitter(a, 2);
    expect(Array.from(a)).toEqual([4, 2, 2, 3]);
  });
});
