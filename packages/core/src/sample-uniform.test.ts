import {
  categorical,
  contains,
  type Distribution,
  float,
  gridValues,
  int,
} from '@tunekit/search-space';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from './rng.js';
import { sampleUniform } from './sample-uniform.js';

const arbDistribution: fc.Arbitrary<Distribution> = fc.oneof(
  fc
    .tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    )
    .map(([low, w]) => float(low, low + w)),
  fc
    .tuple(
      fc.double({ min: 1e-8, max: 1e3, noNaN: true }),
      fc.double({ min: 1, max: 1e6, noNaN: true }),
    )
    .map(([low, f]) => float(low, low * f, { log: true })),
  fc
    .tuple(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom(0.1, 0.25, 0.5, 3),
    )
    .map(([low, n, step]) => float(low, low + n * step, { step })),
  fc
    .tuple(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 1, max: 7 }),
    )
    .map(([low, w, step]) => int(low, low + w, { step })),
  fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1e5 }))
    .map(([low, w]) => int(low, low + w, { log: true })),
  fc
    .uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 1, maxLength: 6 })
    .map((c) => categorical(c)),
);

function counts(dist: Distribution, rng: Rng, n: number): Map<unknown, number> {
  const out = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const v = sampleUniform(dist, rng);
    out.set(v, (out.get(v) ?? 0) + 1);
  }
  return out;
}

describe('sampleUniform', () => {
  it('always returns a value of the distribution (property)', () => {
    fc.assert(
      fc.property(arbDistribution, fc.integer({ min: 0, max: 2 ** 31 }), (dist, seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) expect(contains(dist, sampleUniform(dist, rng))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a stepped float inside [low, high], whatever digits low has (property)', () => {
    // contains() allows a grid value the rounding error of 15 significant digits; the bounds
    // themselves are hard (Optuna clamps to them). A 17-digit low used to give values below it.
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.constantFrom(0.1, 0.01, 0.5, 1 / 3),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (low, width, step, seed) => {
          const dist = float(low, low + width, { step });
          const rng = createRng(seed);
          for (let i = 0; i < 20; i++) {
            const v = sampleUniform(dist, rng) as number;
            expect(v).toBeGreaterThanOrEqual(dist.low);
            expect(v).toBeLessThanOrEqual(dist.high);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('consumes exactly one draw per value, so streams stay aligned', () => {
    const a = createRng(5);
    const b = createRng(5);
    sampleUniform(categorical(['x', 'y', 'z']), a);
    sampleUniform(float(1, 100, { log: true }), a);
    b.random();
    b.random();
    expect(a.random()).toBe(b.random());
  });

  it('maps the draw as the rule says: low + r (high - low), exp of a uniform log, floor(r n)', () => {
    const r = createRng(9).random();
    const rng = () => createRng(9);
    expect(sampleUniform(float(2, 6), rng())).toBe(2 + r * 4);
    expect(sampleUniform(float(1, 100, { log: true }), rng())).toBeCloseTo(
      Math.exp(r * Math.log(100)),
      12,
    );
    expect(sampleUniform(int(0, 9), rng())).toBe(Math.floor(r * 10));
    expect(sampleUniform(categorical(['a', 'b', 'c']), rng())).toBe(
      ['a', 'b', 'c'][Math.floor(r * 3)],
    );
  });

  it('draws ints, steps and categoricals uniformly over their values', () => {
    const n = 20_000;
    for (const dist of [
      int(0, 4),
      int(-3, 9, { step: 3 }),
      float(0, 1, { step: 0.25 }),
      categorical(['a', 'b', 'c', 'd', 'e']),
    ]) {
      const values = gridValues(dist);
      const c = counts(dist, createRng(42), n);
      expect([...c.keys()].sort()).toEqual([...values].sort());
      // Each of 5 values expects n/5 = 4000 hits (sd ~57); allow 5 sd.
      for (const v of values)
        expect(Math.abs((c.get(v) ?? 0) - n / values.length)).toBeLessThan(300);
    }
  });

  it('is uniform in log space on log axes', () => {
    const rng = createRng(3);
    const n = 20_000;
    let below = 0;
    let belowInt = 0;
    for (let i = 0; i < n; i++) {
      // The geometric midpoint of [1e-4, 1] is 1e-2: half the draws fall below it.
      if ((sampleUniform(float(1e-4, 1, { log: true }), rng) as number) < 1e-2) below++;
      // For a log int over [1, 1000] the axis is [log 0.5, log 1000.5]; its midpoint is sqrt(0.5 * 1000.5) ~ 22.4.
      if ((sampleUniform(int(1, 1000, { log: true }), rng) as number) <= 22) belowInt++;
    }
    expect(Math.abs(below / n - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(belowInt / n - 0.5)).toBeLessThan(0.02);
  });

  it('returns the only value of a single-valued distribution', () => {
    const rng = createRng(1);
    expect(sampleUniform(float(3, 3), rng)).toBe(3);
    expect(sampleUniform(int(2, 2, { log: true }), rng)).toBe(2);
    expect(sampleUniform(categorical([null]), rng)).toBe(null);
  });
});
