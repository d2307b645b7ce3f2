import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LearningCurveParams,
  learningCurve,
  makeLearningCurveProblem,
} from './learning-curve.js';

// Every term of the final loss is zero at these values, so the final loss is the floor 0.1,
// and tau = 6 * 1 * (1.3 - 0.5 * 0.9) = 5.1 steps.
const best: LearningCurveParams = { lr: 1e-2, width: 128, dropout: 0.25, momentum: 0.9 };
// lr 1e-1 adds (log10(0.1) + 2)^2 * 0.06 = 0.06, and tau = 6 * 0.1^0.15 * 0.85 = 3.610 steps.
const fast: LearningCurveParams = { ...best, lr: 1e-1 };

const params = fc.record({
  lr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  width: fc.integer({ min: 16, max: 512 }),
  dropout: fc.double({ min: 0, max: 0.6, noNaN: true }),
  momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
});

describe('learning-curve problem', () => {
  it('has its optimum at the hand-derived configuration', () => {
    // Every term of the final loss is a square or a product of max(0, .) terms, so 0.1 is a floor.
    fc.assert(fc.property(params, (p) => learningCurve.finalValue(p) >= 0.1));
    expect(learningCurve.finalValue(best)).toBeCloseTo(0.1, 12);
    expect(learningCurve.finalValue(fast)).toBeCloseTo(0.16, 12);
    expect(learningCurve.tau(best)).toBeCloseTo(5.1, 12);
    expect(learningCurve.optimum).toBeCloseTo(0.1 + Math.exp(-100 / 5.1), 12);
  });

  it('crosses: the faster, worse configuration leads early and the best one wins by step 11', () => {
    // 0.1 + exp(-(s+1)/5.1) against 0.16 + exp(-(s+1)/3.610): at s = 1, 0.7756 > 0.7347; at
    // s = 10, 0.2157 > 0.2075; at s = 11, 0.1951 < 0.1960.
    expect(learningCurve.expected(best, 1)).toBeGreaterThan(learningCurve.expected(fast, 1));
    expect(learningCurve.expected(best, 10)).toBeGreaterThan(learningCurve.expected(fast, 10));
    expect(learningCurve.expected(best, 11)).toBeLessThan(learningCurve.expected(fast, 11));
  });

  it('crosses later with momentum 0 (step 18) and for a closer rival (lr 1.5e-2, step 25)', () => {
    // Momentum 0: tau 6 * 1.3 = 7.8 against 6 * 0.1^0.15 * 1.3 = 5.522, both finals + 0.324:
    // at s = 17, 0.1995 + 0.324 > 0.1984 + 0.324; at s = 18, 0.1875 + 0.324 < 0.1920 + 0.324.
    const slow = { ...best, momentum: 0 };
    const quick = { ...fast, momentum: 0 };
    expect(learningCurve.expected(slow, 17)).toBeGreaterThan(learningCurve.expected(quick, 17));
    expect(learningCurve.expected(slow, 18)).toBeLessThan(learningCurve.expected(quick, 18));
    // lr 1.5e-2: final 0.1 + log10(1.5)^2 * 0.06 = 0.101860 (1.9% worse), tau 6 * (1/1.5)^0.15 *
    // 0.85 = 4.799. At s = 24, 0.107432 > 0.107326; at s = 25, 0.106109 < 0.106298.
    const near = { ...best, lr: 1.5e-2 };
    expect(learningCurve.finalValue(near)).toBeCloseTo(0.10186, 5);
    expect(learningCurve.expected(best, 24)).toBeGreaterThan(learningCurve.expected(near, 24));
    expect(learningCurve.expected(best, 25)).toBeLessThan(learningCurve.expected(near, 25));
  });

  it('adds noise of the given standard deviation, reproducibly per run seed', () => {
    const problem = makeLearningCurveProblem({ maxSteps: 2000, noise: 0.05 });
    const a = problem.curve(best, 7);
    expect(problem.curve(best, 7)).toEqual(a);
    expect(problem.curve(best, 8)).not.toEqual(a);
    const residuals = a.map((v, s) => v - problem.expected(best, s));
    const mean = residuals.reduce((x, y) => x + y, 0) / residuals.length;
    const sd = Math.sqrt(residuals.reduce((x, y) => x + (y - mean) ** 2, 0) / residuals.length);
    // 2,000 draws: the sample sd has a standard error of 0.05 / sqrt(2 * 2000) = 0.00079;
    // three of them either side.
    expect(sd).toBeGreaterThan(0.0476);
    expect(sd).toBeLessThan(0.0524);
    const quiet = makeLearningCurveProblem({ noise: 0 });
    expect(quiet.curve(best, 3)).toEqual(
      Array.from({ length: 100 }, (_, s) => quiet.expected(best, s)),
    );
  });

  it('with fixedTau, curves never cross: at every step the order is that of the final losses', () => {
    const problem = makeLearningCurveProblem({ fixedTau: 5 });
    expect(problem.name).toBe('learning-curve-100-tau5');
    fc.assert(
      fc.property(params, params, fc.integer({ min: 0, max: 99 }), (a, b, step) => {
        expect(problem.tau(a)).toBe(5);
        // Both curves carry the same head start exp(-(step + 1) / 5) above their final loss.
        const diff = problem.expected(a, step) - problem.expected(b, step);
        expect(diff).toBeCloseTo(problem.finalValue(a) - problem.finalValue(b), 12);
      }),
    );
  });

  it('rejects a noise or fixedTau that is negative or not finite, naming the option', () => {
    expect(() => makeLearningCurveProblem({ noise: -0.1 })).toThrow(/noise must be .*-0\.1/);
    expect(() => makeLearningCurveProblem({ noise: Number.NaN })).toThrow(/noise .*NaN/);
    expect(() => makeLearningCurveProblem({ noise: Number.POSITIVE_INFINITY })).toThrow(
      /noise .*Infinity/,
    );
    expect(() => makeLearningCurveProblem({ fixedTau: 0 })).toThrow(/fixedTau must be .*0/);
    expect(() => makeLearningCurveProblem({ fixedTau: -5 })).toThrow(/fixedTau .*-5/);
    expect(() => makeLearningCurveProblem({ fixedTau: Number.NaN })).toThrow(/fixedTau .*NaN/);
    expect(() => makeLearningCurveProblem({ fixedTau: Number.POSITIVE_INFINITY })).toThrow(
      /fixedTau .*Infinity/,
    );
  });

  it('reports its settings', () => {
    expect([learningCurve.noise, learningCurve.fixedTau]).toEqual([0.01, undefined]);
    const variant = makeLearningCurveProblem({ noise: 0, fixedTau: 5 });
    expect([variant.noise, variant.fixedTau]).toEqual([0, 5]);
  });
});
