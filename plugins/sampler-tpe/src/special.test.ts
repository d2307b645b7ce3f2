import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/optuna-3.1-parzen.json' with { type: 'json' };
import {
  erfc,
  expNonPositive,
  logGaussMass,
  logNdtr,
  ndtr,
  ndtri,
  truncnormPpf,
} from './special.js';

// Reference values: scipy.special 1.10.1 (erfc, ndtr, log_ndtr, ndtri), see fixtures/make-optuna-parzen.py.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('special functions against SciPy', () => {
  const { x, erfc: e, ndtr: n, logNdtr: ln } = fixture.special;
  it('erfc, ndtr and logNdtr to ~1e-13 relative, far into the tails', () => {
    x.forEach((v, i) => {
      expect(rel(erfc(v), e[i])).toBeLessThan(1e-13);
      expect(rel(ndtr(v), n[i])).toBeLessThan(1e-13);
      expect(rel(logNdtr(v), ln[i])).toBeLessThan(1e-13);
    });
  });
  it('ndtri inverts Φ from 1e-300 to 1 - 1e-12', () => {
    fixture.ndtri.p.forEach((p, i) => {
      expect(Math.abs(ndtri(p) - fixture.ndtri.x[i])).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(fixture.ndtri.x[i])),
      );
    });
  });
  it('logGaussMass: log(Φ(b) - Φ(a)) in every case', () => {
    // Central, left tail, right tail; right values from erfc identities.
    expect(logGaussMass(-1, 1)).toBeCloseTo(Math.log(1 - erfc(1 / Math.SQRT2)), 14);
    expect(logGaussMass(-30, -29)).toBeCloseTo(
      logNdtr(-29) + Math.log1p(-Math.exp(logNdtr(-30) - logNdtr(-29))),
      10,
    );
    expect(logGaussMass(29, 30)).toBeCloseTo(logGaussMass(-30, -29), 12);
    expect(logGaussMass(-40, 40)).toBeCloseTo(0, 15);
  });
  it('truncnormPpf stays in [a, b] and is monotone in q', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 1e-6, max: 20, noNaN: true }),
        (a, w) => {
          const b = a + w;
          let prev = Number.NEGATIVE_INFINITY;
          for (const q of [0, 0.1, 0.5, 0.9, 0.999999]) {
            const x = truncnormPpf(q, a, b);
            expect(x).toBeGreaterThanOrEqual(a);
            expect(x).toBeLessThanOrEqual(b);
            expect(x).toBeGreaterThanOrEqual(prev - 1e-9);
            prev = x;
          }
        },
      ),
    );
  });
  it('truncnormPpf inverts the truncated CDF', () => {
    // For a <= 0 <= b: q = (Φ(x) - Φ(a)) / (Φ(b) - Φ(a)).
    for (const [a, b] of [
      [-1, 2],
      [-8, 0.5],
      [-0.1, 30],
    ]) {
      for (const q of [0.05, 0.5, 0.95]) {
        const x = truncnormPpf(q, a, b);
        expect((ndtr(x) - ndtr(a)) / (ndtr(b) - ndtr(a))).toBeCloseTo(q, 10);
      }
    }
  });
  it('expNonPositive matches Math.exp to (1 + |v|)·1e-15 relative on [-700, 0]', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 0, noNaN: true }), (v) => {
        expect(rel(expNonPositive(v), Math.exp(v))).toBeLessThan((1 + Math.abs(v)) * 1e-15);
      }),
      { numRuns: 2000 },
    );
    expect(expNonPositive(0)).toBe(1);
    expect(rel(expNonPositive(-Math.LN2), 0.5)).toBeLessThan(1e-15);
  });
});
