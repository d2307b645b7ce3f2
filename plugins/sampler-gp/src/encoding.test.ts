import { categorical, contains, float, int, makeFrozenTrial, toUnit } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePoint,
  EXHAUSTIVE_GRID_LIMIT,
  encodeParams,
  encodeSpace,
  hasSpace,
  intersectionSearchSpace,
} from './encoding.js';

const space = {
  lr: float(1e-5, 1, { log: true }),
  layers: int(1, 8),
  units: int(16, 1024, { log: true }),
  dropout: float(0, 0.8, { step: 0.1 }),
  opt: categorical(['sgd', 'adam', 'rmsprop']),
  big: int(0, 1000, { step: 5 }),
};

describe('encodeSpace', () => {
  it('orders names and classifies axes', () => {
    const enc = encodeSpace(space);
    expect(enc.names).toEqual(['big', 'dropout', 'layers', 'lr', 'opt', 'units']);
    expect(enc.axes.map((a) => a.kind)).toEqual([
      'discrete',
      'discrete',
      'discrete',
      'continuous',
      'categorical',
      'discrete',
    ]);
    expect(Array.from(enc.isCategorical)).toEqual([0, 0, 0, 0, 1, 0]);
    // 201 values of `big` and 1009 of `units` are too many to enumerate; 9 and 8 are not.
    expect(enc.axes.map((a) => a.grid?.length ?? null)).toEqual([null, 9, 8, null, null, null]);
    expect(EXHAUSTIVE_GRID_LIMIT).toBeGreaterThanOrEqual(9);
  });

  it('places the grid of a small discrete axis at the unit-cube centres of its values', () => {
    const enc = encodeSpace({ layers: int(1, 8) });
    // Widened axis [0.5, 8.5]: value v sits at (v - 0.5) / 8.
    expect(Array.from(enc.axes[0].grid!)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((v) => (v - 0.5) / 8),
    );
  });
});

describe('decodePoint', () => {
  it('rounds every point of the cube to a value of each distribution (int, step, log int)', () => {
    const enc = encodeSpace(space);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.nat(2),
        (u, cat) => {
          const pt = Float64Array.from(u);
          pt[4] = cat;
          const params = decodePoint(enc, pt);
          for (const [i, name] of enc.names.entries())
            expect(contains(enc.distributions[i], params[name])).toBe(true);
        },
      ),
    );
  });

  it('rounds to the nearest grid value: int(0, 1000, step 5) at 0.5037 of the cube', () => {
    const enc = encodeSpace({ big: int(0, 1000, { step: 5 }) });
    // Axis [-2.5, 1002.5]: 0.5037 -> 503.7185 -> nearest multiple of 5 is 505.
    expect(decodePoint(enc, [0.5037]).big).toBe(505);
    expect(enc.axes[0].snap(0.5037)).toBeCloseTo(toUnit(space.big, 505), 15);
  });

  it('is the inverse of encodeParams on values of the distributions', () => {
    const enc = encodeSpace(space);
    const params = { lr: 0.003, layers: 5, units: 100, dropout: 0.3, opt: 'rmsprop', big: 35 };
    const x = new Float64Array(6);
    encodeParams(enc, params, x, 0);
    expect(x[4]).toBe(2);
    const back = decodePoint(enc, x);
    expect(back.layers).toBe(5);
    expect(back.units).toBe(100);
    expect(back.dropout).toBe(0.3);
    expect(back.opt).toBe('rmsprop');
    expect(back.big).toBe(35);
    expect(back.lr as number).toBeCloseTo(0.003, 12);
  });

  it('snapping is idempotent', () => {
    const enc = encodeSpace(space);
    for (const axis of enc.axes) {
      for (const u of [0, 0.123, 0.5, 0.987, 1])
        expect(axis.snap(axis.snap(u))).toBeCloseTo(axis.snap(u), 14);
    }
  });
});

describe('intersectionSearchSpace', () => {
  const x = float(0, 1);
  it('keeps parameters every trial has with the same distribution, minus single-valued ones', () => {
    const trials = [
      makeFrozenTrial({
        number: 0,
        values: [1],
        params: { x: 0.1, y: 1, c: 'a', k: 3 },
        distributions: { x, y: int(0, 5), c: categorical(['a']), k: int(0, 9) },
      }),
      makeFrozenTrial({
        number: 1,
        values: [2],
        params: { x: 0.2, y: 2, c: 'a', k: 3 },
        distributions: { x, y: int(0, 5), c: categorical(['a']), k: int(0, 8) },
      }),
      makeFrozenTrial({
        number: 2,
        values: [3],
        params: { x: 0.3, y: 3, c: 'a' },
        distributions: { x, y: int(0, 5), c: categorical(['a']) },
      }),
    ];
    expect(intersectionSearchSpace(trials)).toEqual({ x, y: int(0, 5) });
    expect(intersectionSearchSpace([])).toEqual({});
  });

  it('hasSpace requires every parameter with an equal distribution', () => {
    const t = makeFrozenTrial({ number: 0, params: { x: 0.5 }, distributions: { x } });
    expect(hasSpace(t, { x })).toBe(true);
    expect(hasSpace(t, { x: float(0, 2) })).toBe(false);
    expect(hasSpace(t, { x, y: x })).toBe(false);
  });
});
