import { createRng } from '@tunekit/core';
import { minimizeLbfgs } from '@tunekit/core/lbfgs';
import { describe, expect, it } from 'vitest';
// Produced by scripts/regret-bound-fixtures.py (numpy and scipy; see its docstring).
import fixtures from './fixtures/regret-bound.json' with { type: 'json' };
import {
  fitGaussianProcess,
  gaussianProcessWith,
  MINIMUM_NOISE,
  negativeLogPosterior,
} from './gaussian-process.js';
import { trainingSet } from './regret-bound.js';
import { fixtureTrials } from './test-utils.js';

/** The standardised top trials of a fixture case, as the regret bound fits them. */
function caseData(c: (typeof fixtures.cases)[number]) {
  const set = trainingSet(fixtureTrials(c), c.direction as 'minimize' | 'maximize', 0.5, 20);
  if (set === undefined) throw new Error(`${c.name}: no training set`);
  return set;
}

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

describe('the terminator GP against the numpy reference', () => {
  it('has the log posterior and gradient of the reference at its fitted parameters', () => {
    for (const c of fixtures.cases) {
      const { x, y, categorical } = caseData(c);
      const r = negativeLogPosterior(x, y, categorical, c.rawParams);
      if (r === null) throw new Error(`${c.name}: not positive definite`);
      expect(relativeError(r.value, c.loss), c.name).toBeLessThan(1e-9);
      r.gradient.forEach((g, k) => {
        expect(Math.abs(g - c.gradient[k]), `${c.name}, gradient ${k}`).toBeLessThan(1e-7);
      });
    }
  });

  it('gives the posterior of the reference for the same kernel parameters', () => {
    for (const c of fixtures.cases) {
      const { x, y, categorical } = caseData(c);
      const gp = gaussianProcessWith(x, y, categorical, c.kernel);
      c.probes.forEach((p, i) => {
        const { mean, variance } = gp.predict(p);
        expect(Math.abs(mean - c.probeMean[i]), `${c.name}, probe ${i}`).toBeLessThan(1e-9);
        expect(Math.abs(variance - c.probeVariance[i]), `${c.name}, probe ${i}`).toBeLessThan(1e-9);
      });
    }
  });

  it('gives the posterior at the training points from diag(C^-1) as a solve per point does', () => {
    for (const c of fixtures.cases) {
      const { x, y, categorical } = caseData(c);
      const gp = gaussianProcessWith(x, y, categorical, c.kernel);
      const { mean, variance } = gp.trainingPosterior();
      x.forEach((p, i) => {
        const direct = gp.predict(p);
        expect(Math.abs(mean[i] - direct.mean), `${c.name}, point ${i}`).toBeLessThan(1e-9);
        expect(Math.abs(variance[i] - direct.variance), `${c.name}, point ${i}`).toBeLessThan(1e-9);
      });
    }
  });

  it('bounds the variance from above, with the mean of predict', () => {
    for (const c of fixtures.cases) {
      const { x, y, categorical } = caseData(c);
      const gp = gaussianProcessWith(x, y, categorical, c.kernel);
      for (const p of [...c.probes, ...x]) {
        const direct = gp.predict(p);
        const { mean, varianceBound } = gp.meanAndVarianceBound(p);
        expect(Math.abs(mean - direct.mean), c.name).toBeLessThan(1e-12);
        expect(varianceBound, c.name).toBeGreaterThanOrEqual(direct.variance - 1e-12);
        expect(varianceBound, c.name).toBeLessThanOrEqual(gp.kernelScale);
      }
    }
  });

  it('bounds the variance by the one training point that lowers it most', () => {
    // k(x, x_i) = scale m(r2_i); one noisy observation leaves scale - k^2 / (scale + noise).
    // At a training input k = scale, so the bound is scale noise / (scale + noise); with one
    // training point it is the exact variance.
    const params = { inverseSquaredLengthscales: [4], kernelScale: 2, noise: 0.1 };
    const two = gaussianProcessWith([[0.2], [0.7]], [1, -1], [false], params);
    expect(two.meanAndVarianceBound([0.7]).varianceBound).toBeCloseTo((2 * 0.1) / 2.1, 14);
    const m = (r2: number) => (1 + Math.sqrt(5 * r2) + (5 / 3) * r2) * Math.exp(-Math.sqrt(5 * r2));
    const near = 2 * m(4 * 0.1 ** 2);
    expect(two.meanAndVarianceBound([0.6]).varianceBound).toBeCloseTo(2 - near ** 2 / 2.1, 14);
    const one = gaussianProcessWith([[0.2]], [1], [false], params);
    for (const p of [0, 0.2, 0.5, 1]) {
      expect(one.meanAndVarianceBound([p]).varianceBound).toBeCloseTo(
        one.predict([p]).variance,
        14,
      );
    }
  });

  it('fits parameters at least as probable as scipy L-BFGS-B finds', () => {
    // The fits stop at gradient tolerance 1e-2 (Optuna's), so the two optimisers may stop at
    // slightly different points; neither may be worse by more than that tolerance allows.
    for (const c of fixtures.cases.filter((f) => !f.fitFailed)) {
      const { x, y, categorical } = caseData(c);
      const gp = fitGaussianProcess(x, y, categorical);
      const raw = [
        ...Array.from(gp.inverseSquaredLengthscales, Math.log),
        Math.log(gp.kernelScale),
        Math.log(gp.noise - MINIMUM_NOISE),
      ];
      const ours = negativeLogPosterior(x, y, categorical, raw)?.value as number;
      expect(ours, c.name).toBeLessThan(c.loss + 0.01);
    }
  });
});

describe('negativeLogPosterior', () => {
  it('has the gradient of its central finite differences', () => {
    const rng = createRng(5);
    const x = Array.from({ length: 15 }, () => [
      rng.random(),
      rng.random(),
      rng.random() < 0.5 ? 0.25 : 0.75,
    ]);
    const y = x.map((p) => Math.sin(4 * p[0]) + p[1] ** 2 + (p[2] > 0.5 ? 0.3 : 0) - 0.5);
    const categorical = [false, false, true];
    for (const raw of [
      [0, 0, 0, 0, Math.log(1 - 0.99e-6)],
      [1.5, -0.5, 0.3, 0.7, -3],
      [-1, 2, -2, -0.4, -9],
    ]) {
      const at = negativeLogPosterior(x, y, categorical, raw);
      if (at === null) throw new Error('not positive definite');
      raw.forEach((_, k) => {
        const h = 1e-5;
        const plus = negativeLogPosterior(
          x,
          y,
          categorical,
          raw.map((v, i) => (i === k ? v + h : v)),
        );
        const minus = negativeLogPosterior(
          x,
          y,
          categorical,
          raw.map((v, i) => (i === k ? v - h : v)),
        );
        const fd = ((plus?.value as number) - (minus?.value as number)) / (2 * h);
        expect(Math.abs(at.gradient[k] - fd), `raw ${raw}, axis ${k}`).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(fd)),
        );
      });
    }
  });

  it('is null where the covariance is not positive definite', () => {
    // Two identical points with a zero-variance kernel and no noise to speak of: singular.
    expect(negativeLogPosterior([[0.5], [0.5]], [1, -1], [false], [0, -800, -800])).toBeNull();
  });
});

describe('fitGaussianProcess', () => {
  it('reads a tight cluster of noisy values as noise rather than a narrow bump', () => {
    // 30 points within 0.02 of 0.5 whose values are pure noise: a short lengthscale would
    // leave prior variance everywhere else, which is what the priors rule out.
    const rng = createRng(11);
    const x = Array.from({ length: 30 }, () => [0.49 + 0.02 * rng.random()]);
    const raw = x.map(() => rng.random() - 0.5);
    const m = raw.reduce((a, b) => a + b, 0) / raw.length;
    const s = Math.sqrt(raw.reduce((a, b) => a + (b - m) ** 2, 0) / raw.length);
    const gp = fitGaussianProcess(
      x,
      raw.map((v) => (v - m) / s),
      [false],
    );
    expect(1 / Math.sqrt(gp.inverseSquaredLengthscales[0])).toBeGreaterThan(0.2);
    expect(gp.noise).toBeGreaterThan(0.3);
  });

  it('fits what the minimiser finds on negativeLogPosterior itself (the factor reuse is exact)', () => {
    const rng = createRng(5);
    const x = Array.from({ length: 25 }, () => [rng.random(), rng.random()]);
    const y = x.map(([a, b]) => Math.sin(6 * a) + (b - 0.3) ** 2 + 0.1 * rng.random());
    const m = y.reduce((p, q) => p + q, 0) / y.length;
    const sd = Math.sqrt(y.reduce((p, q) => p + (q - m) ** 2, 0) / y.length);
    const z = y.map((v) => (v - m) / sd);
    const categorical = [false, false];
    // Without reuse: every call evaluates from scratch.
    const direct = minimizeLbfgs(
      (raw, g) => {
        const r = negativeLogPosterior(x, z, categorical, raw);
        if (r === null) return Number.NaN;
        if (g !== null) g.set(r.gradient);
        return r.value;
      },
      [0, 0, 0, Math.log(1 - 0.99 * MINIMUM_NOISE)],
      { gradientTolerance: 1e-2, relativeTolerance: 1e7 * Number.EPSILON },
    );
    const gp = fitGaussianProcess(x, z, categorical);
    expect(Array.from(gp.inverseSquaredLengthscales)).toEqual(
      Array.from(direct.x.subarray(0, 2), Math.exp),
    );
    expect(gp.kernelScale).toBe(Math.exp(direct.x[2]));
    expect(gp.noise).toBe(Math.exp(direct.x[3]) + MINIMUM_NOISE);
  });

  it('starts a warm fit where the given one ended, and ignores one of other dimensions', () => {
    const rng = createRng(6);
    const x = Array.from({ length: 20 }, () => [rng.random(), rng.random()]);
    const y = x.map(([a, b]) => Math.cos(5 * a) - b + 0.05 * rng.random());
    const m = y.reduce((p, q) => p + q, 0) / y.length;
    const sd = Math.sqrt(y.reduce((p, q) => p + (q - m) ** 2, 0) / y.length);
    const z = y.map((v) => (v - m) / sd);
    const cold = fitGaussianProcess(x, z, [false, false]);
    // From its own end the gradient already meets the tolerance: no step, the same fit.
    const again = fitGaussianProcess(x, z, [false, false], cold.kernelFit);
    expect(Array.from(again.kernelFit.raw)).toEqual(Array.from(cold.kernelFit.raw));
    // A fit of another dimension (3 axes: 5 raw parameters) is no start for 2 axes.
    const other = { raw: new Float64Array(5).fill(2), history: { s: [], y: [] } };
    const ignored = fitGaussianProcess(x, z, [false, false], other);
    expect(Array.from(ignored.kernelFit.raw)).toEqual(Array.from(cold.kernelFit.raw));
    // A start of the right dimension elsewhere ends near the same optimum, by another path.
    const moved = Float64Array.from(cold.kernelFit.raw, (v) => v + 0.3);
    const warm = fitGaussianProcess(x, z, [false, false], {
      raw: moved,
      history: { s: [], y: [] },
    });
    expect(Array.from(warm.kernelFit.raw)).not.toEqual(Array.from(cold.kernelFit.raw));
    const at = (raw: Float64Array) =>
      (negativeLogPosterior(x, z, [false, false], raw) as { value: number }).value;
    expect(Math.abs(at(warm.kernelFit.raw) - at(cold.kernelFit.raw))).toBeLessThan(1e-2);
    // A warm start that cannot be evaluated (raw parameters of 1000 overflow) falls back to the
    // cold one.
    const broken = { raw: new Float64Array(4).fill(1000), history: { s: [], y: [] } };
    const fallback = fitGaussianProcess(x, z, [false, false], broken);
    expect(Array.from(fallback.kernelFit.raw)).toEqual(Array.from(cold.kernelFit.raw));
  });

  it('throws when the log posterior cannot be evaluated at the start', () => {
    expect(() => fitGaussianProcess([[0.1], [0.2]], [Number.NaN, 1], [false])).toThrow(
      /starting point cannot be evaluated/,
    );
  });

  it('treats categorical axes by equality only', () => {
    const x = [[0.1], [0.1], [0.9], [0.9], [0.5]];
    const y = [1, 1.1, -1, -0.9, 0];
    const a = gaussianProcessWith(x, y, [true], {
      inverseSquaredLengthscales: [2],
      kernelScale: 1,
      noise: 0.01,
    });
    const b = gaussianProcessWith(
      x.map(([v]) => [v === 0.1 ? 0.3 : v === 0.9 ? 0.7 : 0.1]),
      y,
      [true],
      { inverseSquaredLengthscales: [2], kernelScale: 1, noise: 0.01 },
    );
    expect(a.predict([0.9]).mean).toBeCloseTo(b.predict([0.7]).mean, 12);
    expect(a.predict([0.2]).variance).toBeCloseTo(b.predict([0.2]).variance, 12);
  });
});
