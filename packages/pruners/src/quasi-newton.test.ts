import { describe, expect, it } from 'vitest';
import { minimizeQuasiNewton } from './quasi-newton.js';

describe('minimizeQuasiNewton', () => {
  it('finds the minimum of the Rosenbrock function (1, 1) from (-1.2, 1)', () => {
    const rosenbrock = (x: Float64Array) => ({
      value: 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2,
      gradient: Float64Array.of(
        -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]),
        200 * (x[1] - x[0] ** 2),
      ),
    });
    const r = minimizeQuasiNewton(rosenbrock, [-1.2, 1], { gtol: 1e-8 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
  });

  it('stops at the gradient tolerance', () => {
    // f = sum x_i^2 / 2 has gradient x: from (3, -4) a first step of length 1 along -g leaves
    // |g| large, and the tolerance 10 is met before any step.
    const quadratic = (x: Float64Array) => ({
      value: (x[0] ** 2 + x[1] ** 2) / 2,
      gradient: Float64Array.from(x),
    });
    expect(minimizeQuasiNewton(quadratic, [3, -4], { gtol: 10 }).iterations).toBe(0);
    const r = minimizeQuasiNewton(quadratic, [3, -4], { gtol: 1e-6 });
    expect(Math.max(Math.abs(r.x[0]), Math.abs(r.x[1]))).toBeLessThanOrEqual(1e-6);
  });

  it('shortens steps that leave the region where the function is defined', () => {
    // (x - 2)^2, defined for x < 2.5 only. From 1.9 the first step (length 1) lands on 2.9,
    // where it is undefined, and must be cut back.
    let undefinedCalls = 0;
    const fn = (x: Float64Array) => {
      if (x[0] >= 2.5) {
        undefinedCalls++;
        return null;
      }
      return { value: (x[0] - 2) ** 2, gradient: Float64Array.of(2 * (x[0] - 2)) };
    };
    const r = minimizeQuasiNewton(fn, [1.9], { gtol: 1e-9 });
    expect(r.x[0]).toBeCloseTo(2, 8);
    expect(undefinedCalls).toBeGreaterThan(0);
    expect(() => minimizeQuasiNewton(fn, [3], { gtol: 1e-6 })).toThrow(/starting point/);
    // A NaN gradient is no convergence: the start is rejected, a step there is shortened.
    const nanAbove = (x: Float64Array) => ({
      value: (x[0] - 2) ** 2,
      gradient: Float64Array.of(x[0] >= 2.5 ? Number.NaN : 2 * (x[0] - 2)),
    });
    expect(() => minimizeQuasiNewton(nanAbove, [3], { gtol: 1e-6 })).toThrow(/starting point/);
    expect(minimizeQuasiNewton(nanAbove, [1.9], { gtol: 1e-9 }).x[0]).toBeCloseTo(2, 8);
  });
});
