import fc from 'fast-check';
import { choleskyInPlace } from './cholesky.js';

/**
 * Random symmetric positive definite n×n matrices B·Bᵀ + n·I (row-major), n from 1 to 22:
 * every edge of the 2×4 blocks (odd last rows, 1 to 3 rows or columns left over) is reached.
 */
export const spdMatrix: fc.Arbitrary<{ n: number; a: Float64Array }> = fc
  .integer({ min: 1, max: 22 })
  .chain((n) =>
    fc
      .array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n })
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

/** The factor of a, which the property tests take as given once cholesky.test.ts checks it. */
export function factorOf(a: Float64Array, n: number): Float64Array {
  const l = a.slice();
  if (!choleskyInPlace(l, n)) throw new Error('test matrix not positive definite');
  return l;
}

/** The plain triple-loop product of two n×n matrices. */
export function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) out[i * n + j] += a[i * n + k] * b[k * n + j];
    }
  }
  return out;
}
