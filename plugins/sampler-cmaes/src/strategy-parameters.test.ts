import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { CmaEs } from './cma.js';
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

  it('rejects a dimension that is not an integer >= 1 (it gave NaN, -Infinity or a RangeError)', () => {
    for (const n of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => defaultPopsize(n)).toThrow(InvalidArgumentError);
      expect(() => strategyParameters(n)).toThrow(InvalidArgumentError);
      expect(() => strategyParameters(n, 6)).toThrow(
        /^n = (0|-1|NaN|1.5|Infinity): must be an integer >= 1 \(the dimension\)$/,
      );
    }
    expect(defaultPopsize(1)).toBe(4);
    expect(strategyParameters(1).popsize).toBe(4);
  });

  it('rejects popsize < 2 or not an integer, with the rule and wording of CmaEs.create', () => {
    const create = (popsize: number) => () => CmaEs.create({ mean: [0.5], sigma: 0.1, popsize });
    for (const popsize of [1, 0, 2.5, Number.NaN]) {
      expect(() => strategyParameters(3, popsize)).toThrow(InvalidArgumentError);
      let message = '';
      try {
        create(popsize)();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^popsize = .*: must be an integer >= 2$/);
      expect(() => strategyParameters(3, popsize)).toThrow(message);
    }
    expect(strategyParameters(3, 2).mu).toBe(1);
    expect(() => strategyParameters(3, 6, 'yes' as never)).toThrow(
      /^separable = "yes": must be true or false/,
    );
  });
});
