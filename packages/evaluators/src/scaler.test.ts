import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDense } from './dense.js';
import { applyStandardScaler, fitStandardScaler } from './scaler.js';

describe('StandardScaler', () => {
  it('centres and scales by the population std; constant columns are only centred', () => {
    // Column 0: 1, 2, 3 -> mean 2, population std sqrt(2/3). Column 1 constant 5 -> scale 1.
    const m = toDense([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    const s = fitStandardScaler(m);
    expect([...s.mean]).toEqual([2, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(s.scale[1]).toBe(1);
    const z = applyStandardScaler(m, s);
    expect(z.data[0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 14);
    expect([z.data[1], z.data[3], z.data[5]]).toEqual([0, 0, 0]);
  });

  it('without a scaler, returns the matrix itself', () => {
    const m = toDense([[1, 2]]);
    expect(applyStandardScaler(m, undefined)).toBe(m);
  });

  it('scaled columns have mean 0 and population variance 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
            fc.integer({ min: -5, max: 5 }),
          ),
          {
            minLength: 2,
            maxLength: 30,
          },
        ),
        (rows) => {
          const m = toDense(rows.map(([a, b]) => [a, b]));
          const z = applyStandardScaler(m, fitStandardScaler(m));
          for (let j = 0; j < 2; j++) {
            const col = Array.from({ length: m.rows }, (_, i) => z.data[i * 2 + j]);
            const mean = col.reduce((s, v) => s + v, 0) / col.length;
            const v = col.reduce((s, x) => s + (x - mean) ** 2, 0) / col.length;
            expect(Math.abs(mean)).toBeLessThan(1e-9);
            // 1 unless the column was constant (then all zeros).
            expect(v < 1e-9 || Math.abs(v - 1) < 1e-9).toBe(true);
          }
        },
      ),
    );
  });
});
