import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const a = 1 - x[0];
        const b = x[1] - x[0] * x[0];
        if (g !== null) {
          g[0] = -2 * a - 400 * x[0] * b;
          g[1] = 200 * b;
        }
        return a * a + 100 * b * b;
      },
      [-1.2, 1],
      { gradientTolerance: 1e-8, maxIterations: 500 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('stops on the bound when the unconstrained minimum is outside the box', () => {
    // min (x - 2)² + (y + 0.5)² on [0, 1]²: at (1, 0).
    const r = minimizeLbfgs(
      (x, g) => {
        if (g !== null) {
          g[0] = 2 * (x[0] - 2);
          g[1] = 2 * (x[1] + 0.5);
        }
        return (x[0] - 2) ** 2 + (x[1] + 0.5) ** 2;
      },
      [0.3, 0.6],
      { lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 1) },
    );
    expect(Array.from(r.x)).toEqual([1, 0]);
    expect(r.converged).toBe(true);
  });

  it('returns at once when the start is not finite', () => {
    const r = minimizeLbfgs(() => Number.NaN, [0]);
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBe(1);
  });
});
