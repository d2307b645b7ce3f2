import { describe, expect, it } from 'vitest';
// Produced by scripts/regret-bound-fixtures.py (numpy and scipy; see its docstring).
import fixtures from './fixtures/regret-bound.json' with { type: 'json' };
import { regretBound } from './regret-bound.js';
import { fixtureTrials } from './test-utils.js';

describe("regretBound against Optuna 4's method (numpy reference)", () => {
  // Without random points the bound depends on the fit alone. Both fits stop at gradient
  // tolerance 1e-2, so the bounds agree to a few per mille, not to rounding.
  for (const c of fixtures.cases.filter((f) => !f.fitFailed)) {
    it(c.name, () => {
      const bound = regretBound(fixtureTrials(c), c.direction as 'minimize' | 'maximize', {
        nSamples: 0,
      }) as number;
      expect(Math.abs(bound - c.bound) / c.bound).toBeLessThan(0.01);
    });
  }
});
