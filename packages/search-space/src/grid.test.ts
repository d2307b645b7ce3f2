import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorical, float, int } from './distributions.js';
import { SearchSpaceError } from './errors.js';
import { enumerateGrid, gridFromValues, gridOf, gridValues } from './grid.js';
import { space } from './space.js';

describe('gridValues', () => {
  it('lists every discrete value', () => {
    expect(gridValues(int(1, 9, { step: 2 }))).toEqual([1, 3, 5, 7, 9]);
    expect(gridValues(float(0, 1, { step: 0.1 }))).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
    ]);
    expect(gridValues(categorical(['a', 'b']))).toEqual(['a', 'b']);
  });

  it('keeps every stepped float value inside [low, high], whatever digits low has (property)', () => {
    // The grid is rounded to 15 significant digits; a low with 17 (as 1/3 or a computed
    // bound) used to give a first grid value below low.
    expect(gridValues(float(1 / 3, 1, { step: 0.1 }))[0]).toBe(1 / 3);
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constantFrom(0.1, 0.01, 0.25, 1 / 3, 1e-3),
        (low, width, step) => {
          const d = float(low, low + width, { step });
          for (const v of gridValues(d).slice(0, 50) as number[]) {
            expect(v).toBeGreaterThanOrEqual(d.low);
            expect(v).toBeLessThanOrEqual(d.high);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a continuous float, naming the parameter', () => {
    expect(() => gridOf(space({ lr: float(0, 1) }))).toThrow(SearchSpaceError);
    expect(() => gridOf(space({ lr: float(0, 1) }))).toThrow(/parameter "lr"/);
  });
});

describe('grid', () => {
  it('enumerates the product with the last axis fastest', () => {
    const points = [...enumerateGrid(space({ a: int(0, 1), b: categorical(['x', 'y', 'z']) }))];
    expect(points).toEqual([
      { a: 0, b: 'x' },
      { a: 0, b: 'y' },
      { a: 0, b: 'z' },
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
    ]);
  });

  it('covers every combination exactly once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        (sizes) => {
          const axes: Record<string, number[]> = {};
          sizes.forEach((n, i) => {
            axes[`p${i}`] = Array.from({ length: n }, (_, k) => k);
          });
          const g = gridFromValues(axes);
          expect(g.size).toBe(sizes.reduce((a, b) => a * b, 1));
          const seen = new Set<string>();
          for (let i = 0; i < g.size; i++) seen.add(JSON.stringify(g.at(i)));
          expect(seen.size).toBe(g.size);
        },
      ),
    );
  });

  it('rejects out-of-range indices and empty axes', () => {
    const g = gridFromValues({ a: [1, 2] });
    expect(() => g.at(2)).toThrow(RangeError);
    expect(() => gridFromValues({ a: [] })).toThrow(/at least one value/);
  });
});
