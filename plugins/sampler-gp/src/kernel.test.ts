import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference.json' with { type: 'json' };
import { kernel, matern52, matern52Derivative } from './kernel.js';

describe('Matérn-5/2 kernel', () => {
  it('follows the closed form (1 + √5 r + 5r²/3) e^{-√5 r}', () => {
    expect(matern52(0)).toBe(1);
    const r = 0.7;
    const expected = (1 + Math.sqrt(5) * r + (5 / 3) * r * r) * Math.exp(-Math.sqrt(5) * r);
    expect(matern52(r * r)).toBeCloseTo(expected, 15);
  });

  it('has a derivative in r² that matches central differences, and -5/6 at 0', () => {
    expect(matern52Derivative(0)).toBeCloseTo(-5 / 6, 15);
    for (const r2 of [1e-3, 0.1, 0.5, 2, 9]) {
      const h = 1e-6;
      const fd = (matern52(r2 + h) - matern52(r2 - h)) / (2 * h);
      expect(matern52Derivative(r2)).toBeCloseTo(fd, 8);
    }
  });

  it('matches scikit-learn ConstantKernel * Matern(nu=2.5) with ARD length scales', () => {
    const g = reference.gp;
    const params = {
      inverseSquaredLengthscales: Float64Array.from(g.lengthscales, (l) => 1 / (l * l)),
      signalVariance: g.signal,
      noiseVariance: g.noise,
    };
    expect(kernel(g.X[0], g.X[1], params, new Uint8Array(2))).toBeCloseTo(g.k01, 13);
  });

  it('uses a Hamming distance on categorical axes: any two different choices are one apart', () => {
    const params = {
      inverseSquaredLengthscales: Float64Array.of(2),
      signalVariance: 1.5,
      noiseVariance: 0,
    };
    const cat = Uint8Array.of(1);
    expect(kernel([0], [1], params, cat)).toBe(kernel([0], [3], params, cat));
    expect(kernel([0], [1], params, cat)).toBeCloseTo(1.5 * matern52(2), 15);
    expect(kernel([2], [2], params, cat)).toBe(1.5);
  });
});
