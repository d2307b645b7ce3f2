import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { minimizeLbfgs, type ObjectiveWithGradient } from './minimize-lbfgs.js';

const rosenbrock: ObjectiveWithGradient = (x, g) => {
  const a = 1 - x[0];
  const b = x[1] - x[0] * x[0];
  if (g !== null) {
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
  }
  return a * a + 100 * b * b;
};

/** f = Σ w_i (x_i - c_i)², minimised at c (or, in a box, at c clipped to the box). */
function weightedQuadratic(c: readonly number[], w: readonly number[]): ObjectiveWithGradient {
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < c.length; i++) {
      f += w[i] * (x[i] - c[i]) ** 2;
      if (g !== null) g[i] = 2 * w[i] * (x[i] - c[i]);
    }
    return f;
  };
}

describe('minimizeLbfgs', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function from (-1.2, 1)', () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], {
      gradientTolerance: 1e-8,
      maxIterations: 500,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
  });

  it('stops on the bound when the unconstrained minimum is outside the box', () => {
    // min (x - 2)² + (y + 0.5)² on [0, 1]²: at (1, 0).
    const r = minimizeLbfgs(weightedQuadratic([2, -0.5], [1, 1]), [0.3, 0.6], {
      lower: [0, 0],
      upper: [1, 1],
    });
    expect(Array.from(r.x)).toEqual([1, 0]);
    expect(r.converged).toBe(true);
  });

  it('projects a start outside the box onto it', () => {
    const seen: number[][] = [];
    minimizeLbfgs(
      (x, g) => {
        seen.push(Array.from(x));
        return weightedQuadratic([0.5], [1])(x, g);
      },
      [7],
      { lower: [0], upper: [1] },
    );
    expect(seen[0]).toEqual([1]);
  });

  it('stops before any step when the start meets the gradient tolerance', () => {
    // f = |x|² / 2 has gradient x, largest component 4 at (3, -4).
    const half: ObjectiveWithGradient = (x, g) => {
      if (g !== null) g.set(x);
      return (x[0] ** 2 + x[1] ** 2) / 2;
    };
    const r = minimizeLbfgs(half, [3, -4], { gradientTolerance: 4.5 });
    expect(r).toMatchObject({ iterations: 0, evaluations: 1, converged: true });
    expect(minimizeLbfgs(half, [3, -4], { gradientTolerance: 3.9 }).iterations).toBeGreaterThan(0);
  });

  it('stops at the iteration limit without claiming convergence', () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
  });

  it('shortens steps into a region where the function cannot be evaluated', () => {
    // (x - 2)², defined for x < 2.5 only; from 1.5 the first step (length min(1, |g|) = 1)
    // lands on 2.5.
    let undefinedCalls = 0;
    const r = minimizeLbfgs(
      (x, g) => {
        if (x[0] >= 2.5) {
          undefinedCalls++;
          return Number.NaN;
        }
        if (g !== null) g[0] = 2 * (x[0] - 2);
        return (x[0] - 2) ** 2;
      },
      [1.5],
      { gradientTolerance: 1e-9 },
    );
    expect(undefinedCalls).toBeGreaterThan(0);
    expect(r.x[0]).toBeCloseTo(2, 8);
    expect(r.converged).toBe(true);
  });

  it('returns at once when the start is not finite', () => {
    for (const start of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = minimizeLbfgs(() => start, [0]);
      expect(r).toMatchObject({ iterations: 0, evaluations: 1, converged: false });
    }
  });

  it('takes no step from the box minimum, where the gradient points out of the box', () => {
    // min (x - 2)² + (y + 0.5)² on [0, 1]² is (1, 0), where ∇f = (-2, 1) pushes outwards on
    // both axes: the projected gradient is 0 there.
    const r = minimizeLbfgs(weightedQuadratic([2, -0.5], [1, 1]), [1, 0], {
      lower: [0, 0],
      upper: [1, 1],
      gradientTolerance: 1e-12,
    });
    expect(r).toMatchObject({ iterations: 0, evaluations: 1, converged: true });
  });

  it('cuts an overshooting step to the minimiser of the interpolating quadratic', () => {
    // f = 50 x² from 0.01: g = 1, the first direction -1 (length min(1, |g|)). t = 1 gives
    // f(-0.99) = 49.005; the quadratic through f(0) = 0.005, f'(0) = -1 and that value has its
    // minimum at t = 0.01, clamped to [0.1, 0.5]: t = 0.1, f(-0.09) = 0.405; the next
    // quadratic's minimum t = 0.01 lies in [0.01, 0.05]: x = 0, the minimum. Halving would
    // need seven cuts and would not land on 0.
    const calls: { x: number; withGradient: boolean }[] = [];
    const r = minimizeLbfgs(
      (x, g) => {
        calls.push({ x: x[0], withGradient: g !== null });
        if (g !== null) g[0] = 100 * x[0];
        return 50 * x[0] ** 2;
      },
      [0.01],
      { gradientTolerance: 1e-9 },
    );
    expect(calls.map((c) => c.withGradient)).toEqual([true, false, false, false, true]);
    expect(calls[1].x).toBeCloseTo(-0.99, 12);
    expect(calls[2].x).toBeCloseTo(-0.09, 12);
    expect(r.x[0]).toBeCloseTo(0, 12);
    expect(r).toMatchObject({ iterations: 1, evaluations: 5, converged: true });
  });

  it('takes a first step of min(1, |g|), so a short gradient is not stretched', () => {
    // f = x² / 2 from 0.5: g = 0.5, so the first step is -0.5 and lands on the minimum 0;
    // a unit step would overshoot to -0.5, fail the Armijo test and need a second try.
    const r = minimizeLbfgs(weightedQuadratic([0], [0.5]), [0.5], { gradientTolerance: 1e-12 });
    expect(Array.from(r.x)).toEqual([0]);
    expect(r).toMatchObject({ iterations: 1, evaluations: 3, converged: true });
  });

  it('counts every call of the objective and stops when a step gains too little', () => {
    // Accepted points are the ones whose gradient is asked for. With relativeTolerance 0.01
    // (and no gradient stop), every accepted step but the last lowers f by more than
    // 0.01 · max(1, |f|), and the last by at most that.
    let calls = 0;
    const accepted: number[] = [];
    const r = minimizeLbfgs(
      (x, g) => {
        calls++;
        const f = rosenbrock(x, g);
        if (g !== null) accepted.push(f);
        return f;
      },
      [-1.2, 1],
      { gradientTolerance: 0, relativeTolerance: 0.01 },
    );
    expect(r.evaluations).toBe(calls);
    expect(r.converged).toBe(true);
    expect(accepted.length).toBe(r.iterations + 1);
    const gain = (k: number) => accepted[k - 1] - accepted[k];
    const bar = (k: number) => 0.01 * Math.max(1, Math.abs(accepted[k]));
    for (let k = 1; k < accepted.length - 1; k++) expect(gain(k)).toBeGreaterThan(bar(k));
    expect(gain(accepted.length - 1)).toBeLessThanOrEqual(bar(accepted.length - 1));
    expect(r.value).toBe(accepted[accepted.length - 1]);
  });

  it('keeps its start when no step can be evaluated', () => {
    // Defined at 0 only (steps from 0 never round back to 0, as they would from 3).
    let calls = 0;
    const r = minimizeLbfgs(
      (x, g) => {
        calls++;
        if (x[0] !== 0) return Number.NaN;
        if (g !== null) g[0] = 1;
        return 0;
      },
      [0],
    );
    expect(Array.from(r.x)).toEqual([0]);
    expect(r).toMatchObject({ value: 0, iterations: 1, converged: false });
    expect(r.evaluations).toBe(calls);
    expect(calls).toBeGreaterThan(2);
  });

  it('never ends above its start or outside the box, and finds a separable quadratic minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.record({
            c: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            w: fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            x0: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
          }),
        ),
        ({ c, w, x0 }) => {
          const f = weightedQuadratic(c, w);
          const lower = c.map(() => -1);
          const upper = c.map(() => 1);
          const r = minimizeLbfgs(f, x0, { lower, upper, gradientTolerance: 1e-9 });
          const start = f(
            Float64Array.from(x0, (v) => Math.min(1, Math.max(-1, v))),
            null,
          );
          expect(r.value).toBeLessThanOrEqual(start);
          for (let i = 0; i < c.length; i++) {
            expect(r.x[i]).toBeGreaterThanOrEqual(-1);
            expect(r.x[i]).toBeLessThanOrEqual(1);
            // The box minimum of a separable quadratic is its centre clipped to the box.
            expect(r.x[i]).toBeCloseTo(Math.min(1, Math.max(-1, c[i])), 4);
          }
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  describe('history (warm start)', () => {
    // f = x² / 4 (curvature 0.5) from 10: g = 5.
    const shallow = weightedQuadratic([0], [0.25]);

    it('returns the curvature pairs it ends with: y = 0.5 s on this quadratic', () => {
      const r = minimizeLbfgs(shallow, [10], { gradientTolerance: 1e-9 });
      expect(r.history.s.length).toBeGreaterThan(0);
      expect(r.history.s.length).toBe(r.history.y.length);
      r.history.s.forEach((s, j) => {
        expect(r.history.y[j][0]).toBeCloseTo(0.5 * s[0], 12);
      });
    });

    it('takes the Newton step from a pair of the same curvature', () => {
      // Cold, the first step is -g / max(1, |g|) = -1, to 9. With the pair (s, y) = (1, 0.5)
      // the two-loop recursion gives -(s / y) g = -10: the minimum 0 in one iteration.
      const cold = minimizeLbfgs(shallow, [10], { gradientTolerance: 1e-9 });
      expect(cold.iterations).toBeGreaterThan(1);
      const pair = { s: [Float64Array.of(1)], y: [Float64Array.of(0.5)] };
      const warm = minimizeLbfgs(shallow, [10], { gradientTolerance: 1e-9, history: pair });
      expect(Array.from(warm.x)).toEqual([0]);
      expect(warm).toMatchObject({ iterations: 1, evaluations: 3, converged: true });
      // Not modified.
      expect([pair.s[0][0], pair.y[0][0], pair.s.length]).toEqual([1, 0.5, 1]);
    });

    it('leaves out pairs of negative curvature and keeps the last `memory`', () => {
      const good = { s: Float64Array.of(1), y: Float64Array.of(0.5) };
      const opts = { gradientTolerance: 1e-9 };
      // A pair of negative curvature before the good one is skipped: still one iteration.
      const skipped = minimizeLbfgs(shallow, [10], {
        ...opts,
        history: { s: [Float64Array.of(1), good.s], y: [Float64Array.of(-1), good.y] },
      });
      expect(skipped.iterations).toBe(1);
      // Only bad pairs: the cold path.
      const onlyBad = minimizeLbfgs(shallow, [10], {
        ...opts,
        history: { s: [Float64Array.of(1)], y: [Float64Array.of(-1)] },
      });
      const cold = minimizeLbfgs(shallow, [10], opts);
      expect(Array.from(onlyBad.x)).toEqual(Array.from(cold.x));
      expect(onlyBad.evaluations).toBe(cold.evaluations);
      // memory 1 keeps the last pair (exact), not the first (curvature 100, a step of -0.05).
      const last = minimizeLbfgs(shallow, [10], {
        ...opts,
        memory: 1,
        history: { s: [Float64Array.of(1), good.s], y: [Float64Array.of(100), good.y] },
      });
      expect(last.iterations).toBe(1);
    });

    it('keeps a copy of the usable pairs: s·y above 1e-12 y·y, the last `memory` of them', () => {
      // maxIterations 0: no step, so the history returned is what was kept of the one given.
      const history = {
        s: [Float64Array.of(1), Float64Array.of(1), Float64Array.of(1e-13), Float64Array.of(2)],
        y: [Float64Array.of(3), Float64Array.of(-1), Float64Array.of(1), Float64Array.of(4)],
      };
      // s·y: 3 (kept), -1 (dropped), 1e-13 <= 1e-12 (dropped), 8 (kept).
      const r = minimizeLbfgs(shallow, [10], { maxIterations: 0, history });
      expect(r.history.s.map((v) => v[0])).toEqual([1, 2]);
      expect(r.history.y.map((v) => v[0])).toEqual([3, 4]);
      expect(r.history.s[1]).not.toBe(history.s[3]);
      const last = minimizeLbfgs(shallow, [10], { maxIterations: 0, memory: 1, history });
      expect(last.history.s.map((v) => v[0])).toEqual([2]);
      // The same from a start where f is not finite.
      const nan = minimizeLbfgs(() => Number.NaN, [10], { memory: 1, history });
      expect(nan.history.s.map((v) => v[0])).toEqual([2]);
      expect(history.s.length).toBe(4);
    });

    it('refuses a history of the wrong shape', () => {
      const one = Float64Array.of(1);
      expect(() => minimizeLbfgs(shallow, [10], { history: { s: [one], y: [] } })).toThrow(
        'history.y.length = 0: must equal history.s.length = 1',
      );
      expect(() =>
        minimizeLbfgs(shallow, [10], { history: { s: [one], y: [Float64Array.of(1, 2)] } }),
      ).toThrow('history.y[0].length = 2: must equal x0.length = 1');
    });
  });

  it('refuses bad options, naming them', () => {
    const f = weightedQuadratic([0, 0], [1, 1]);
    const cases: [Parameters<typeof minimizeLbfgs>[2], string][] = [
      [{ lower: [0, 0] }, 'upper = undefined: must be given with lower'],
      [{ upper: [0, 0] }, 'lower = undefined: must be given with upper'],
      [{ lower: [0], upper: [1, 1] }, 'lower.length = 1: must equal x0.length = 2'],
      [{ lower: [0, 0], upper: [1, 1, 1] }, 'upper.length = 3: must equal x0.length = 2'],
      [{ lower: [0, 2], upper: [1, 1] }, 'lower[1] = 2: must be <= upper[1] = 1'],
      [{ lower: [0, Number.NaN], upper: [1, 1] }, 'lower[1] = NaN'],
      [{ gradientTolerance: -1 }, 'gradientTolerance = -1: must be a finite number >= 0'],
      [{ relativeTolerance: Number.NaN }, 'relativeTolerance = NaN'],
      [{ gradientTolerance: Number.POSITIVE_INFINITY }, 'gradientTolerance = Infinity'],
      [{ maxIterations: -1 }, 'maxIterations = -1: must be an integer >= 0'],
      [{ maxIterations: 1.5 }, 'maxIterations = 1.5: must be an integer >= 0'],
      [{ memory: 0 }, 'memory = 0: must be an integer >= 1'],
    ];
    for (const [options, message] of cases) {
      const call = () => minimizeLbfgs(f, [0.5, 0.5], options);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
    // The limits themselves are allowed.
    const r = minimizeLbfgs(f, [0.5, 0.5], { gradientTolerance: 0, relativeTolerance: 0 });
    expect(r.x[0]).toBeCloseTo(0, 6);
    expect(minimizeLbfgs(f, [0.5, 0.5], { maxIterations: 0, memory: 1 }).iterations).toBe(0);
  });
});
