import { describe, expect, it } from 'vitest';
import fx from '../fixtures/student-t.json' with { type: 'json' };
import { studentTCentralProbability, studentTCritical } from './student-t.js';

// Reference: scipy 1.10.1, fixtures/student-t.json (scripts/student-t-fixture.py).
describe('Student t', () => {
  it.each(fx.central)('P(|T| < $x), df $df equals scipy', ({ x, df, p }) => {
    expect(Math.abs(studentTCentralProbability(x, df) - p)).toBeLessThan(1e-14);
  });
  it.each(fx.critical)('critical value at level $level, df $df', ({ level, df, t }) => {
    const c = studentTCritical(level, df);
    // scipy's ppf is itself accurate to about 1e-9 only; the round trip is exact.
    expect(Math.abs(c - t)).toBeLessThan(1e-8 * t);
    expect(Math.abs(studentTCentralProbability(c, df) - level)).toBeLessThan(1e-15);
  });
  it('closed forms: df 1 is Cauchy, df 2 is t / sqrt(2 + t²)', () => {
    expect(studentTCentralProbability(1, 1)).toBeCloseTo(0.5, 15);
    expect(studentTCentralProbability(3, 2)).toBeCloseTo(3 / Math.sqrt(11), 15);
  });
  it('rejects levels outside (0, 1)', () => {
    expect(() => studentTCritical(1, 3)).toThrow(/confidenceLevel = 1/);
  });
});
