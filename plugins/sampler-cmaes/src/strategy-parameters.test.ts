import { describe, expect, it } from 'vitest';
import fixture from './fixtures/cmaes-strategy-parameters.json' with { type: 'json' };
import { defaultPopsize, strategyParameters } from './strategy-parameters.js';

describe('strategyParameters', () => {
  it('lambda = 4 + floor(3 ln n) (by hand: n = 2 -> 6, 10 -> 10, 100 -> 17)', () => {
    expect([2, 10, 100].map(defaultPopsize)).toEqual([6, 10, 17]);
  });

  it("equals the cmaes library 0.9.1 (Optuna 3.1's CMA-ES) defaults, negative weights included", () => {
    for (const c of fixture.cases) {
      const p = strategyParameters(c.n);
      expect(p.popsize).toBe(c.popsize);
      expect(p.mu).toBe(c.mu);
      for (const key of ['muEff', 'cSigma', 'dSigma', 'cc', 'c1', 'cMu', 'chiN'] as const) {
        expect(p[key]).toBeCloseTo(c[key], 12);
      }
      Array.from(p.weights).forEach((w, i) => {
        expect(w).toBeCloseTo(c.weights[i], 12);
      });
    }
  });

  it('sep-CMA: positive weights only, learning rates scaled by (n + 2) / 3 (Ros & Hansen 2008)', () => {
    const full = strategyParameters(10);
    const sep = strategyParameters(10, undefined, true);
    expect(Array.from(sep.weights).every((w) => w >= 0)).toBe(true);
    expect(sep.c1).toBeCloseTo((full.c1 * 12) / 3, 15);
    expect(sep.cMu).toBeCloseTo(Math.min(1 - sep.c1, (full.cMu * 12) / 3), 15);
  });
});
