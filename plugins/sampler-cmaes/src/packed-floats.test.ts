import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packFloat64, unpackFloat64 } from './packed-floats.js';

describe('packFloat64', () => {
  it('round-trips every double bit for bit, -0 and the infinities included', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (values) => {
        const back = unpackFloat64(packFloat64(values));
        expect(back).not.toBeNull();
        expect(back?.length).toBe(values.length);
        back?.forEach((v, i) => {
          expect(Object.is(v, values[i])).toBe(true);
        });
      }),
    );
  });

  it('takes 4 ceil(8 k / 3) characters for k numbers (base64 of 8 bytes each)', () => {
    for (const k of [0, 1, 2, 3, 5, 15]) {
      expect(packFloat64(new Array(k).fill(Math.PI))).toHaveLength(4 * Math.ceil((8 * k) / 3));
    }
  });

  it('is little-endian whatever the platform: 1 is 00 00 00 00 00 00 f0 3f', () => {
    expect(packFloat64([1])).toBe(btoa('\u0000\u0000\u0000\u0000\u0000\u0000\u00f0\u003f'));
  });

  it('gives null for anything that is not such a packing', () => {
    expect(unpackFloat64(42)).toBeNull();
    expect(unpackFloat64('not base64!')).toBeNull();
    expect(unpackFloat64(btoa('abc'))).toBeNull(); // 3 bytes: not a whole float64
    expect(unpackFloat64('')).toEqual([]);
  });
});
