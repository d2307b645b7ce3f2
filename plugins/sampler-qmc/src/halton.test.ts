import { createRng, InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/scipy-sobol.json' with { type: 'json' };
import { firstPrimes, HaltonSequence, randomPermutation } from './halton.js';

describe('randomPermutation', () => {
  it("is Rng.shuffle's permutation of 0..n-1, also for bases above 16 bits (65,537)", () => {
    for (const n of [2, 3, 7919, 65537]) {
      const p = randomPermutation(n, createRng(5).fork('p'));
      const expected = createRng(5)
        .fork('p')
        .shuffle(Array.from({ length: n }, (_, i) => i));
      expect(Array.from(p)).toEqual(expected);
      expect(new Set(p).size).toBe(n);
      expect(p.BYTES_PER_ELEMENT).toBe(n <= 65536 ? 2 : 4);
    }
  });
});

describe('HaltonSequence', () => {
  it('gives the radical inverses in bases 2, 3, 5 (by hand)', () => {
    const seq = new HaltonSequence(3);
    // n = 1..6 in base 2: .1 .01 .11 .001 .101 .011; base 3: 1/3 2/3 1/9 4/9 7/9 2/9; base 5: k/5 then 1/25.
    const expected = [
      [0, 0, 0],
      [1 / 2, 1 / 3, 1 / 5],
      [1 / 4, 2 / 3, 2 / 5],
      [3 / 4, 1 / 9, 3 / 5],
      [1 / 8, 4 / 9, 4 / 5],
      [5 / 8, 7 / 9, 1 / 25],
      [3 / 8, 2 / 9, 6 / 25],
    ];
    expected.forEach((p, i) => {
      const q = seq.point(i);
      p.forEach((v, d) => {
        expect(q[d]).toBeCloseTo(v, 15);
      });
    });
  });

  it('matches SciPy (unscrambled, 5 dimensions)', () => {
    const seq = new HaltonSequence(fixture.halton.dim);
    fixture.halton.points.forEach((p, i) => {
      const q = seq.point(i);
      p.forEach((v, d) => {
        expect(q[d]).toBeCloseTo(v, 14);
      });
    });
  });

  it('uses the first primes as bases', () => {
    expect(firstPrimes(10)).toEqual([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
  });

  it('firstPrimes takes a count from 0 to the most Halton dimensions (100,000), else fails naming n', () => {
    // The cases that returned a wrong answer come first: Infinity used to hang.
    for (const n of [-1, 2.5, '3', 100_001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => firstPrimes(n as never)).toThrow(InvalidArgumentError);
    }
    expect(() => firstPrimes(-1)).toThrow(/^n = -1: must be an integer from 0 to 100000/);
    expect(() => firstPrimes('3' as never)).toThrow(/^n = "3": /);
    expect(firstPrimes(0)).toEqual([]);
    const most = firstPrimes(100_000);
    expect(most).toHaveLength(100_000);
    // The 100,000th prime (OEIS A000040).
    expect(most[most.length - 1]).toBe(1_299_709);
  });

  it('rejects a dimension beyond the primes firstPrimes makes, naming dim', () => {
    expect(() => new HaltonSequence(100_001)).toThrow(
      /^dim = 100001: a Halton sequence has 1 to 100000 dimensions$/,
    );
    expect(() => new HaltonSequence(0)).toThrow(/^dim = 0: /);
  });

  it('scrambled: seeded, inside [0, 1), and still stratified (27 points: one per 1/27 in base 3)', () => {
    const a = new HaltonSequence(4, { scramble: true, seed: 5 });
    const b = new HaltonSequence(4, { scramble: true, seed: 5 });
    const pts = Array.from({ length: 27 }, (_, i) => a.point(i));
    pts.forEach((p, i) => {
      expect([...p]).toEqual([...b.point(i)]);
    });
    for (const p of pts) for (const u of p) expect(u >= 0 && u < 1).toBe(true);
    expect(new Set(pts.map((p) => Math.floor(p[1] * 27))).size).toBe(27);
    expect([...a.point(1)]).not.toEqual([
      ...new HaltonSequence(4, { scramble: true, seed: 6 }).point(1),
    ]);
  });
});
