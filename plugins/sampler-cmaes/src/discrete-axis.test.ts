import { float, fromUnit, int } from '@tunekit/search-space';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discreteAxisOf } from './discrete-axis.js';

describe('discreteAxisOf', () => {
  it('cells are exactly the intervals fromUnit rounds to one value (linear, log and stepped axes)', () => {
    const dists = [
      int(0, 10),
      int(1, 1000, { log: true }),
      float(0, 1, { step: 0.1 }),
      int(-20, 20, { step: 5 }),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...dists),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (d, v) => {
          const axis = discreteAxisOf(d);
          if (axis === null) throw new Error('discrete');
          const { lower, upper } = axis.cell(v);
          expect(lower).toBeLessThanOrEqual(v);
          expect(upper).toBeGreaterThan(v);
          const inside = [Math.max(lower, 0) + 1e-9, Math.min(upper, 1) - 1e-9];
          for (const u of inside) expect(fromUnit(d, u)).toBe(fromUnit(d, v));
          if (lower > 0) expect(fromUnit(d, lower - 1e-9)).not.toBe(fromUnit(d, v));
          if (upper < 1) expect(fromUnit(d, upper + 1e-9)).not.toBe(fromUnit(d, v));
        },
      ),
    );
  });

  it('is null for continuous and single-valued axes', () => {
    expect(discreteAxisOf(float(0, 1))).toBeNull();
    expect(discreteAxisOf(int(3, 3))).toBeNull();
  });

  it('int(0, 10): eleven equal cells of width 1/11 (by hand)', () => {
    const axis = discreteAxisOf(int(0, 10));
    expect(axis?.cell(0.5)).toEqual({ lower: 5 / 11, upper: 6 / 11 });
    expect(axis?.cell(0.01)).toEqual({ lower: Number.NEGATIVE_INFINITY, upper: 1 / 11 });
  });
});
