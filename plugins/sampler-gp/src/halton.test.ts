import { createRng } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { firstPrimes, ScrambledHalton } from './halton.js';

describe('ScrambledHalton', () => {
  it('uses the primes as bases', () => {
    expect(firstPrimes(8)).toEqual([2, 3, 5, 7, 11, 13, 17, 19]);
  });

  it('fills each axis far more evenly than independent uniform draws', () => {
    const dim = 5;
    const m = 1024;
    const pts = new ScrambledHalton(dim, createRng(3)).sample(m);
    for (let j = 0; j < dim; j++) {
      const bins = new Array(8).fill(0);
      for (let p = 0; p < m; p++) {
        const u = pts[p * dim + j];
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
        bins[Math.floor(u * 8)]++;
      }
      // 128 expected per bin; uniform draws would scatter by about ±11 (one sd).
      for (const c of bins) expect(Math.abs(c - 128)).toBeLessThanOrEqual(4);
    }
  });

  it('is reproducible from the generator and differs between seeds', () => {
    const a = new ScrambledHalton(3, createRng(7)).sample(16);
    const b = new ScrambledHalton(3, createRng(7)).sample(16);
    const c = new ScrambledHalton(3, createRng(8)).sample(16);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
