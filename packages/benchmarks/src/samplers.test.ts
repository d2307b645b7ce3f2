import { describe, expect, it } from 'vitest';
import { branin } from './problems/branin.js';
import { mixed7 } from './problems/mixed7.js';
import type { AnyProblem } from './problems/problem.js';
import { gridFor, samplerRegistry } from './samplers.js';

describe('samplerRegistry', () => {
  it('has the TPE variants, each a fresh seeded sampler per call', () => {
    for (const name of ['tpe', 'tpe-univariate', 'tpe-multivariate', 'tpe-optuna-multivariate']) {
      const make = samplerRegistry[name];
      expect(make).toBeTypeOf('function');
      expect(make(1).name).toBe('TpeSampler');
      expect(make(1)).not.toBe(make(1));
    }
  });
  it('lists only samplers whose plugin exports its class', () => {
    const context = { problem: branin as unknown as AnyProblem, budget: 20 };
    for (const make of Object.values(samplerRegistry)) {
      expect(typeof make(0, context).sampleIndependent).toBe('function');
    }
  });
});

describe('gridFor', () => {
  it('fits the budget: categorical choices times m^numeric', () => {
    const g = gridFor(mixed7 as never, 150);
    // 3 optimizers x 4 activations = 12; 150 / 12 = 12.5 -> m = floor(12.5^(1/5)) = 1.
    expect(g.optimizer).toEqual(['sgd', 'adam', 'rmsprop']);
    expect(g.lr).toHaveLength(1);
    const b = gridFor(branin as never, 60);
    // m = floor(sqrt(60)) = 7 cell centres per axis: x0 = -5 + 15 (i + 0.5) / 7.
    expect(b.x0).toEqual(
      Array.from({ length: 7 }, (_, i) => expect.closeTo(-5 + (15 * (i + 0.5)) / 7, 12)),
    );
  });
});
