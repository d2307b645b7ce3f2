import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/scipy-sobol.json' with { type: 'json' };
import standard from './fixtures/standard-sobol-2d.json' with { type: 'json' };
import { SOBOL_MAX_DIM, SobolSequence, sobolDirectionNumbers } from './sobol.js';

describe('SobolSequence', () => {
  it('gives the standard first 8 points in 2-D', () => {
    // The textbook sequence (hand-derived, see the fixture's provenance).
    const expected = standard.points;
    const seq = new SobolSequence(2);
    expect(seq.points(0, 8).map((p) => [...p])).toEqual(expected);
    expect(expected.map((_, i) => [...seq.point(i)])).toEqual(expected);
  });

  it('matches SciPy in 10 dimensions (first 32 points) and in 1024 dimensions (scattered points)', () => {
    for (const c of fixture.cases) {
      const seq = new SobolSequence(c.dim);
      c.indices.forEach((index, r) => {
        const p = seq.point(index);
        expect(c.columns.map((col) => p[col])).toEqual(c.points[r]);
      });
    }
  });

  it('covers at least 1,000 dimensions and rejects more than the table has', () => {
    expect(SOBOL_MAX_DIM).toBeGreaterThanOrEqual(1000);
    expect(() => new SobolSequence(SOBOL_MAX_DIM + 1)).toThrow(/dim = 1025/);
    expect(() => new SobolSequence(0)).toThrow(/dim = 0/);
    // sobolDirectionNumbers takes the 0-based index of a dimension.
    expect(() => sobolDirectionNumbers(SOBOL_MAX_DIM - 1)).not.toThrow();
    expect(() => sobolDirectionNumbers(SOBOL_MAX_DIM)).toThrow(
      /^index = 1024: a Sobol dimension index is 0 to 1023/,
    );
    expect(() => sobolDirectionNumbers(-1)).toThrow(/^index = -1: /);
  });

  it('builds direction numbers by the recurrence: dimension 3 (x^2 + x + 1, m = 1, 3)', () => {
    // By hand: m3 = 2*1*m2 ^ 4*m1 ^ m1 = 6 ^ 4 ^ 1 = 3; m4 = 2*m3 ^ 4*m2 ^ m2 = 6 ^ 12 ^ 3 = 9.
    const v = sobolDirectionNumbers(2);
    expect([...v.slice(0, 4)].map((x, j) => x / 2 ** (31 - j))).toEqual([1, 3, 3, 9]);
  });

  it('every block of 2^m points is a (t, m, 1)-net in each dimension (one point per interval)', () => {
    const seq = new SobolSequence(8, { scramble: true, seed: 3 });
    const pts = seq.points(0, 64);
    for (let d = 0; d < 8; d++) {
      const cells = new Set(pts.map((p) => Math.floor(p[d] * 64)));
      expect(cells.size).toBe(64);
    }
  });

  it('sequential and random-access points agree, also scrambled', () => {
    const seq = new SobolSequence(5, { scramble: true, seed: 11 });
    const run = seq.points(37, 40);
    run.forEach((p, i) => {
      expect([...p]).toEqual([...seq.point(37 + i)]);
    });
  });

  it('scrambling is seeded: same seed same points, other seed other points', () => {
    const a = new SobolSequence(3, { scramble: true, seed: 1 }).point(5);
    const b = new SobolSequence(3, { scramble: true, seed: 1 }).point(5);
    const c = new SobolSequence(3, { scramble: true, seed: 2 }).point(5);
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
    for (const u of a) expect(u >= 0 && u < 1).toBe(true);
  });

  it('rejects a bad index', () => {
    expect(() => new SobolSequence(2).point(-1)).toThrow(/index = -1/);
    expect(() => new SobolSequence(2).point(1.5)).toThrow(/index = 1.5/);
    expect(() => new SobolSequence(2).points(-1, 2)).toThrow(/^start = -1/);
    expect(() => new SobolSequence(2).points(5, -1)).toThrow(
      /^count = -1: must be an integer >= 0/,
    );
    expect(() => new SobolSequence(2).points(5, 1.5)).toThrow(/^count = 1.5/);
    expect(() => new SobolSequence(2).points(2 ** 32 - 1, 2)).toThrow(/^count = 2: .*start = /);
    expect(new SobolSequence(2).points(2 ** 32 - 1, 1)).toHaveLength(1);
  });

  it('property: any seed, dimension and m: the first 2^m scrambled points put one point in each 1/2^m of every axis', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: SOBOL_MAX_DIM }),
        fc.integer({ min: 1, max: 8 }),
        (seed, dim, m) => {
          const d = dim - 1;
          const seq = new SobolSequence(dim, { scramble: true, seed });
          const cells = new Set(seq.points(0, 2 ** m).map((p) => Math.floor(p[d] * 2 ** m)));
          expect(cells.size).toBe(2 ** m);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('property: points lie in [0, 1) for any index', () => {
    const plain = new SobolSequence(20);
    const scrambled = new SobolSequence(20, { scramble: true, seed: 9 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (i) => {
        for (const seq of [plain, scrambled])
          for (const u of seq.point(i)) expect(u >= 0 && u < 1).toBe(true);
      }),
    );
  });
});
