import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npMedian, npStd, npSum } from './numeric.js';

describe('npSum', () => {
  it('reproduces numpy: 0.1 three times sums to 0.30000000000000004', () => {
    expect(npSum([0.1, 0.1, 0.1])).toBe(0.30000000000000004);
  });
  it('pairs blocks of 8 as numpy does (differs from a left-to-right sum)', () => {
    // np.sum([1e16] + [1.0] * 15) == 1.0000000000000014e16 (numpy 1.24): lane 0 holds
    // 1e16 + 1 = 1e16 (ulp 2), lanes 1-7 hold 2, combined ((1e16+2)+4)+(4+4). Left to right
    // every + 1 rounds away and gives 1e16.
    const a = [1e16, ...new Array(15).fill(1)];
    expect(npSum(a)).toBe(1.0000000000000014e16);
    expect(a.reduce((s, v) => s + v, 0)).toBe(1e16);
  });
  it('equals the exact sum for small integers of any length', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 600 }), (a) => {
        expect(npSum(a)).toBe(a.reduce((s, v) => s + v, 0));
      }),
    );
  });
  it('std and median by hand', () => {
    expect(npStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(npMedian([3, 1, 4, 2])).toBe(2.5);
    expect(npMedian([3, 1, 2])).toBe(2);
  });
});
