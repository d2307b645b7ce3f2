import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorical, contains, type Distribution, float, int } from './distributions.js';
import { space } from './space.js';
import { decode, encode, fromInternal, fromUnit, toInternal, toUnit } from './unit-cube.js';

describe('toUnit / fromUnit by hand', () => {
  it('maps a linear float affinely', () => {
    expect(toUnit(float(-5, 10), 0)).toBeCloseTo(1 / 3, 15);
    expect(fromUnit(float(-5, 10), 0.5)).toBe(2.5);
  });

  it('maps a log float in log space', () => {
    // log10 scale 1e-4..1: the midpoint of the unit axis is 1e-2.
    expect(fromUnit(float(1e-4, 1, { log: true }), 0.5) as number).toBeCloseTo(1e-2, 12);
    expect(toUnit(float(1e-4, 1, { log: true }), 1e-3)).toBeCloseTo(0.25, 12);
  });

  it('gives each int value an equal share of the axis', () => {
    // int(1, 4): cells [0.5,1.5), [1.5,2.5), ... of width 1 over [0.5, 4.5]: value 1 -> 0.125.
    const d = int(1, 4);
    expect(toUnit(d, 1)).toBe(0.125);
    expect(toUnit(d, 4)).toBe(0.875);
    expect(fromUnit(d, 0)).toBe(1);
    expect(fromUnit(d, 0.2499)).toBe(1);
    expect(fromUnit(d, 0.2501)).toBe(2);
    expect(fromUnit(d, 1)).toBe(4);
  });

  it('maps a stepped float to its grid', () => {
    const d = float(0, 1, { step: 0.25 });
    expect(fromUnit(d, 0.55)).toBe(0.5);
    expect(toUnit(d, 0)).toBe(0.1);
  });

  it('maps categoricals to cell centres', () => {
    const d = categorical(['a', 'b', 'c', 'd']);
    expect(toUnit(d, 'c')).toBe(0.625);
    expect(fromUnit(d, 0.999)).toBe('d');
    expect(fromUnit(d, 0)).toBe('a');
    expect(() => toUnit(d, 'z')).toThrow(/not a choice/);
  });

  it('internal representation is the value or the choice index', () => {
    const d = categorical(['x', 'y']);
    expect(toInternal(d, 'y')).toBe(1);
    expect(fromInternal(d, 1)).toBe('y');
    expect(toInternal(int(0, 5), 3)).toBe(3);
  });

  it('encodes and decodes a space in name order', () => {
    const s = space({ a: float(0, 2), b: categorical(['p', 'q']) });
    expect(Array.from(encode(s, { a: 1, b: 'q' }))).toEqual([0.5, 0.75]);
    expect(decode(s, [0.5, 0.75])).toEqual({ a: 1, b: 'q' });
    expect(() => encode(s, { a: 1, b: 'r' })).toThrow(/parameter "b"/);
  });
});

const distArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc
    .tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    )
    .map(([lo, w]) => float(lo, lo + w)),
  fc
    .tuple(
      fc.double({ min: 1e-8, max: 1e3, noNaN: true }),
      fc.double({ min: 1, max: 1e6, noNaN: true }),
    )
    .map(([lo, f]) => float(lo, lo * f, { log: true })),
  fc
    .tuple(
      fc.integer({ min: -100, max: 100 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 0, max: 40 }),
    )
    .map(([lo, step, k]) => float(lo / 4, lo / 4 + k * (step / 8), { step: step / 8 })),
  fc
    .tuple(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 1, max: 7 }),
    )
    .map(([lo, w, step]) => int(lo, lo + w, { step })),
  fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100000 }))
    .map(([lo, w]) => int(lo, lo + w, { log: true })),
  fc
    .uniqueArray(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minLength: 1, maxLength: 8 })
    .map((c) => categorical(c)),
);

describe('unit cube properties', () => {
  it('fromUnit always lands inside the distribution', () => {
    fc.assert(
      fc.property(distArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, u) => {
        expect(contains(d, fromUnit(d, u))).toBe(true);
      }),
    );
  });

  it('a fine step far from zero: every fromUnit value is in, half a step off is out', () => {
    // float(1e5, 1e5 + 100, step 1e-4) refused 80% of its own grid values: the rounding to
    // 15 significant digits alone is more than 1e-8 of such a step.
    // Up to timestamp-like magnitudes (1.7e9 s with steps of 0.05 ms), where the error a grid
    // value carries is still a fraction of a step, so a value half a step off stays out.
    const fine = fc
      .tuple(
        fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
        fc.constantFrom(5e-5, 1e-4, 1e-3, 0.01, 0.3),
        fc.integer({ min: 1, max: 1_000_000 }),
      )
      .map(([lo, step, k]) => float(lo, lo + k * step, { step }));
    fc.assert(
      fc.property(fine, fc.double({ min: 0, max: 1, noNaN: true }), (d, u) => {
        const v = fromUnit(d, u) as number;
        expect(contains(d, v)).toBe(true);
        const step = d.type === 'float' ? (d.step as number) : 1;
        if (v + step / 2 <= d.high) expect(contains(d, v + step / 2)).toBe(false);
      }),
    );
  });

  it('toUnit stays in [0, 1]', () => {
    fc.assert(
      fc.property(distArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, u) => {
        const x = toUnit(d, fromUnit(d, u));
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('value -> unit -> value is the identity on discrete and categorical values', () => {
    fc.assert(
      fc.property(distArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, u) => {
        if (d.type === 'float' && d.step === null) return;
        const v = fromUnit(d, u);
        expect(fromUnit(d, toUnit(d, v))).toEqual(v);
      }),
    );
  });

  it('value -> unit -> value is the identity on continuous floats up to rounding', () => {
    fc.assert(
      fc.property(distArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, u) => {
        if (d.type !== 'float' || d.step !== null) return;
        const v = fromUnit(d, u) as number;
        const back = fromUnit(d, toUnit(d, v)) as number;
        expect(Math.abs(back - v)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(v), Math.abs(d.high), Math.abs(d.low)),
        );
      }),
    );
  });

  it('toUnit is monotone on numeric axes', () => {
    fc.assert(
      fc.property(
        distArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d, a, b) => {
          if (d.type === 'categorical') return;
          const va = fromUnit(d, Math.min(a, b)) as number;
          const vb = fromUnit(d, Math.max(a, b)) as number;
          expect(va).toBeLessThanOrEqual(vb);
          expect(toUnit(d, va)).toBeLessThanOrEqual(toUnit(d, vb));
        },
      ),
    );
  });
});
