import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference.json' with { type: 'json' };
import { erfc, erfcx, normalCdf, normalPdf } from './special.js';

// Reference values: scipy.special 1.10 (scripts/make-fixtures.py).
describe('erfc / erfcx', () => {
  it.each(reference.erfc)('erfc(%d) matches scipy', (x, expected) => {
    expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(2e-14 * Math.abs(expected));
  });

  it.each(reference.erfcx)('erfcx(%d) matches scipy', (x, expected) => {
    expect(Math.abs(erfcx(x) - expected)).toBeLessThanOrEqual(2e-14 * expected);
  });

  it('rejects negative arguments of erfcx', () => {
    expect(() => erfcx(-1)).toThrow(RangeError);
  });

  it('normal cdf and pdf satisfy their textbook identities', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3) + normalCdf(3)).toBeCloseTo(1, 15);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
  });
});
