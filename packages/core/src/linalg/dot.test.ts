import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dot } from './dot.js';

describe('dot', () => {
  it('equals the plain sum for every length and offset (the unrolled part and the rest)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (values, ai, bi, len) => {
          const v = Float64Array.from(values);
          let plain = 0;
          for (let t = 0; t < len; t++) plain += v[ai + t] * v[bi + t];
          expect(dot(v, ai, v, bi, len)).toBeCloseTo(plain, 9);
        },
      ),
    );
  });

  it('is exact on small integers: 1·4 + 2·5 + 3·6 + 4·7 + 5·8 = 100', () => {
    expect(dot(Float64Array.of(1, 2, 3, 4, 5), 0, Float64Array.of(4, 5, 6, 7, 8), 0, 5)).toBe(100);
  });

  it('refuses a range that does not fit, naming it', () => {
    const a = new Float64Array(5);
    expect(() => dot(a, 2, a, 0, 4)).toThrow(/^ai \+ len = 6: must be at most a\.length = 5$/);
    expect(() => dot(a, 0, new Float64Array(3), 0, 4)).toThrow(
      /^bi \+ len = 4: must be at most b\.length = 3$/,
    );
    expect(() => dot(a, -1, a, 0, 1)).toThrow(/^ai = -1: must be a non-negative integer/);
    expect(() => dot(a, 0, a, 0.5, 1)).toThrow(/^bi = 0\.5: must be a non-negative integer/);
    expect(() => dot(a, 0, a, 0, Number.NaN)).toThrow(/^len = NaN/);
    expect(dot(a, 5, a, 5, 0)).toBe(0);
  });
});
