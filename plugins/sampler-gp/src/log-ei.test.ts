import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference.json' with { type: 'json' };
import { logExpectedImprovement, standardLogEi } from './log-ei.js';
import { normalCdf, normalPdf } from './special.js';

describe('standardLogEi', () => {
  // h(z) = log(φ(z) + zΦ(z)) and h'(z) from mpmath at 50 digits (scripts/make-fixtures.py).
  it.each(reference.logEi)('h(%d) and its derivative match mpmath', (z, h, dh) => {
    const r = standardLogEi(z);
    expect(Math.abs(r.value - h)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(h)));
    expect(Math.abs(r.grad - dh)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(dh)));
  });

  it('agrees with the direct formula where that is accurate (|z| <= 5)', () => {
    for (let z = -5; z <= 5; z += 0.25) {
      const direct = Math.log(z * normalCdf(z) + normalPdf(z));
      expect(standardLogEi(z).value).toBeCloseTo(direct, 10);
    }
  });

  it('stays finite where the direct formula underflows (z = -40)', () => {
    const direct = Math.log(-40 * normalCdf(-40) + normalPdf(-40));
    expect(direct).toBe(Number.NEGATIVE_INFINITY);
    const r = standardLogEi(-40);
    expect(Number.isFinite(r.value)).toBe(true);
    // Leading asymptotics: h(z) ≈ -z²/2 - log√(2π) - 2·log|z|.
    expect(r.value).toBeCloseTo(-800 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(40), 2);
  });

  it('is strictly increasing and finite from far in the tail to large z', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 30, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        (z, dz) => {
          const a = standardLogEi(z);
          const b = standardLogEi(z + dz);
          return Number.isFinite(a.value) && a.grad > 0 && b.value > a.value;
        },
      ),
    );
  });

  it('has a derivative that matches central differences across the branch points', () => {
    for (const z of [2, 0.3, -0.9, -1.1, -7, -40, -99, -101, -500]) {
      const h = 1e-5 * Math.max(1, Math.abs(z));
      const fd = (standardLogEi(z + h).value - standardLogEi(z - h).value) / (2 * h);
      expect(Math.abs(standardLogEi(z).grad - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });

  it('has no jump at the switches z = -1 and z = -100', () => {
    // Across the switch the change must be the slope times the width, to second order.
    const eps = 1e-6;
    for (const z of [-1, -100]) {
      const jump =
        standardLogEi(z + eps).value -
        standardLogEi(z - eps).value -
        2 * eps * standardLogEi(z).grad;
      expect(Math.abs(jump)).toBeLessThan(1e-9);
    }
  });
});

describe('logExpectedImprovement', () => {
  it('is log σ + h((μ - best)/σ)', () => {
    // EI of N(1, 4) over best 0: σ·(zΦ(z) + φ(z)) with z = 0.5.
    const z = 0.5;
    const ei = 2 * (z * normalCdf(z) + normalPdf(z));
    expect(logExpectedImprovement(1, 4, 0)).toBeCloseTo(Math.log(ei), 13);
  });
});
