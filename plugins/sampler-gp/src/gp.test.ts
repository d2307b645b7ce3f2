import { createRng } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference.json' with { type: 'json' };
import {
  defaultTheta,
  fitKernelParams,
  type GpData,
  GpPosterior,
  logMarginalLikelihood,
  paramsFromTheta,
} from './gp.js';
import { logPrior } from './prior.js';

const g = reference.gp;
const MIN_NOISE = 1e-6;

/** scikit-learn's fixture as GP data, and θ for its kernel (noise above the floor). */
function sklearnCase(): { data: GpData; theta: Float64Array } {
  const data: GpData = {
    x: Float64Array.from(g.X.flat()),
    y: Float64Array.from(g.y),
    n: g.X.length,
    d: 2,
    isCategorical: new Uint8Array(2),
  };
  const theta = Float64Array.from([
    ...g.lengthscales.map((l) => -2 * Math.log(l)),
    Math.log(g.signal),
    Math.log(g.noise - MIN_NOISE),
  ]);
  return { data, theta };
}

/** Random mixed data: two unit-cube axes and one categorical axis with three choices. */
function mixedCase(seed: number, n: number): GpData {
  const rng = createRng(seed);
  const d = 3;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * d] = rng.random();
    x[i * d + 1] = rng.random();
    x[i * d + 2] = rng.int(0, 2);
    y[i] = Math.sin(4 * x[i * d]) + x[i * d + 1] ** 2 + 0.5 * x[i * d + 2] + 0.05 * rng.normal();
  }
  return { x, y, n, d, isCategorical: Uint8Array.of(0, 0, 1) };
}

function centralDifference(
  f: (t: Float64Array) => number,
  theta: Float64Array,
  k: number,
  h = 1e-6,
): number {
  const up = Float64Array.from(theta);
  const down = Float64Array.from(theta);
  up[k] += h;
  down[k] -= h;
  return (f(up) - f(down)) / (2 * h);
}

describe('log marginal likelihood', () => {
  it('equals scikit-learn GaussianProcessRegressor.log_marginal_likelihood for the same kernel', () => {
    const { data, theta } = sklearnCase();
    expect(logMarginalLikelihood(data, theta, MIN_NOISE).value).toBeCloseTo(
      g.logMarginalLikelihood,
      10,
    );
  });

  it('has an analytic gradient that matches central differences (numeric and categorical axes)', () => {
    const data = mixedCase(4, 15);
    for (const theta of [
      Float64Array.of(0.3, -0.5, 0.2, 0.1, Math.log(0.05)),
      Float64Array.of(2, 1, -1, -0.7, -8),
    ]) {
      const { grad } = logMarginalLikelihood(data, theta, MIN_NOISE);
      for (let k = 0; k < theta.length; k++) {
        const fd = centralDifference(
          (t) => logMarginalLikelihood(data, t, MIN_NOISE).value,
          theta,
          k,
        );
        expect(Math.abs(grad[k] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('is -Infinity when the kernel matrix cannot be factorised', () => {
    // Two identical points, no noise to speak of: K is singular.
    const data: GpData = {
      x: Float64Array.of(0.5, 0.5),
      y: Float64Array.of(1, -1),
      n: 2,
      d: 1,
      isCategorical: new Uint8Array(1),
    };
    expect(logMarginalLikelihood(data, Float64Array.of(0, 0, -300), 0).value).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe('prior', () => {
  it('has a gradient that matches central differences', () => {
    const theta = Float64Array.of(0.4, -1.2, 0.3, Math.log(0.02));
    const { grad } = logPrior(theta, 2, 1e-4);
    for (let k = 0; k < theta.length; k++) {
      const fd = centralDifference((t) => logPrior(t, 2, 1e-4).value, theta, k);
      expect(grad[k]).toBeCloseTo(fd, 6);
    }
  });

  it('peaks at length scale 1/3 (Gamma(3, 6) mode) and at s = 1 (Gamma(2, 1) mode)', () => {
    const at = (t: number[]) => logPrior(Float64Array.from(t), 1, 1e-6).value;
    const mode = Math.log(9); // λ = 1/ℓ² = 9
    expect(at([mode, 0, -5])).toBeGreaterThan(at([mode + 0.2, 0, -5]));
    expect(at([mode, 0, -5])).toBeGreaterThan(at([mode - 0.2, 0, -5]));
    expect(at([mode, 0, -5])).toBeGreaterThan(at([mode, 0.2, -5]));
    expect(at([mode, 0, -5])).toBeGreaterThan(at([mode, -0.2, -5]));
  });
});

describe('fitKernelParams', () => {
  const posterior = (data: GpData, t: Float64Array) =>
    logMarginalLikelihood(data, t, MIN_NOISE).value + logPrior(t, data.d, MIN_NOISE).value;

  it('finds a stationary point of the log posterior that beats the default start', () => {
    const data = mixedCase(9, 30);
    const theta = fitKernelParams(data, { minNoise: MIN_NOISE, gradientTolerance: 1e-6 });
    expect(posterior(data, theta)).toBeGreaterThan(posterior(data, defaultTheta(3)));
    for (let k = 0; k < theta.length; k++) {
      const fd = centralDifference((t) => posterior(data, t), theta, k);
      expect(Math.abs(fd)).toBeLessThan(1e-3);
    }
  });

  it('starting from its own answer returns (nearly) the same answer', () => {
    const data = mixedCase(2, 25);
    const theta = fitKernelParams(data, { minNoise: MIN_NOISE });
    const again = fitKernelParams(data, { minNoise: MIN_NOISE, warmStart: theta });
    expect(posterior(data, again)).toBeGreaterThanOrEqual(posterior(data, theta) - 1e-9);
  });

  it('is not trapped by a warm start that left the noise at its floor when noisier data come', () => {
    // Ten smooth 1-D points fit with no noise (the excess over the floor is tiny), then 60
    // points of the same function with noise sd 0.5: the MAP fit from the default start
    // finds noise; from the warm start, with a gradient in log(noise - floor) scaled by that
    // tiny excess, the noise never moves and the fit settles far lower (length scale at its
    // bound, noise read as signal). Whatever the start, the better optimum must be found.
    const floor = 1e-5;
    const sample = (seed: number, n: number, sd: number): GpData => {
      const rng = createRng(seed);
      const x = Float64Array.from({ length: n }, () => rng.random());
      const raw = Array.from(x, (v) => Math.sin(6 * v) + sd * rng.normal());
      const mean = raw.reduce((a, b) => a + b, 0) / n;
      const scale = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
      const y = Float64Array.from(raw, (v) => (v - mean) / scale);
      return { x, y, n, d: 1, isCategorical: new Uint8Array(1) };
    };
    const early = fitKernelParams(sample(3, 10, 0), { minNoise: floor });
    expect(paramsFromTheta(early, 1, floor).noiseVariance).toBeLessThan(2 * floor);
    const late = sample(11, 60, 0.5);
    const warm = fitKernelParams(late, { minNoise: floor, warmStart: early });
    const cold = fitKernelParams(late, { minNoise: floor });
    const post = (t: Float64Array) =>
      logMarginalLikelihood(late, t, floor).value + logPrior(t, 1, floor).value;
    expect(post(warm)).toBeGreaterThanOrEqual(post(cold) - 1e-9);
    // Noise sd 0.5 against a signal sd of about 0.7: a sizeable share of the variance.
    expect(paramsFromTheta(warm, 1, floor).noiseVariance).toBeGreaterThan(0.05);
  });

  it('with fixedNoise keeps the noise at its floor (a deterministic objective)', () => {
    const data = mixedCase(4, 25);
    const fitted = paramsFromTheta(fitKernelParams(data, { minNoise: MIN_NOISE }), 3, MIN_NOISE);
    const fixed = paramsFromTheta(
      fitKernelParams(data, { minNoise: MIN_NOISE, fixedNoise: true }),
      3,
      MIN_NOISE,
    );
    // The data carry noise of sd 0.05: fitted, the noise variance is well above the floor.
    expect(fitted.noiseVariance).toBeGreaterThan(100 * MIN_NOISE);
    expect(fixed.noiseVariance).toBeCloseTo(MIN_NOISE, 12);
  });

  it('ignores a warm start of another dimension (the space changed) and fits from the default', () => {
    const data = mixedCase(3, 20);
    const cold = fitKernelParams(data, { minNoise: MIN_NOISE });
    const stale = fitKernelParams(data, {
      minNoise: MIN_NOISE,
      warmStart: Float64Array.of(3, 3, 0, -5),
    });
    expect(Array.from(stale)).toEqual(Array.from(cold));
  });
});

describe('GpPosterior', () => {
  it('predicts the mean and latent variance scikit-learn predicts', () => {
    const { data, theta } = sklearnCase();
    const post = new GpPosterior(data, paramsFromTheta(theta, 2, MIN_NOISE));
    const mean = new Float64Array(1);
    const variance = new Float64Array(1);
    post.predict(Float64Array.from(g.testPoint), 1, mean, variance);
    expect(mean[0]).toBeCloseTo(g.predictMean, 10);
    expect(variance[0]).toBeCloseTo(g.predictLatentVariance, 10);
  });

  it('batched and single-point predictions agree, and gradients match central differences', () => {
    const data = mixedCase(5, 40);
    const post = new GpPosterior(
      data,
      paramsFromTheta(Float64Array.of(0.5, -0.3, 0.2, 0.1, -4), 3, MIN_NOISE),
    );
    const rng = createRng(1);
    const m = 300; // more than one prediction block
    const pts = new Float64Array(m * 3);
    for (let p = 0; p < m; p++) {
      pts[p * 3] = rng.random();
      pts[p * 3 + 1] = rng.random();
      pts[p * 3 + 2] = rng.int(0, 2);
    }
    const mean = new Float64Array(m);
    const variance = new Float64Array(m);
    post.predict(pts, m, mean, variance);
    const gm = new Float64Array(3);
    const gv = new Float64Array(3);
    for (const p of [0, 150, 299]) {
      const pt = pts.slice(p * 3, p * 3 + 3);
      const single = post.predictWithGradient(pt, gm, gv);
      expect(single.mean).toBeCloseTo(mean[p], 12);
      expect(single.variance).toBeCloseTo(variance[p], 12);
      expect(gm[2]).toBe(0);
      for (const k of [0, 1]) {
        const at = (delta: number) => {
          const q = Float64Array.from(pt);
          q[k] += delta;
          return post.predictWithGradient(q, new Float64Array(3), new Float64Array(3));
        };
        const h = 1e-6;
        expect(gm[k]).toBeCloseTo((at(h).mean - at(-h).mean) / (2 * h), 6);
        expect(gv[k]).toBeCloseTo((at(h).variance - at(-h).variance) / (2 * h), 6);
      }
    }
  });

  it('is nearly certain at a training point of a noise-free fit', () => {
    const data = mixedCase(6, 10);
    const post = new GpPosterior(
      data,
      paramsFromTheta(Float64Array.of(0, 0, 0, 0, -25), 3, MIN_NOISE),
    );
    const mean = new Float64Array(1);
    const variance = new Float64Array(1);
    post.predict(data.x.slice(0, 3), 1, mean, variance);
    expect(mean[0]).toBeCloseTo(data.y[0], 4);
    expect(variance[0]).toBeLessThan(1e-5);
  });
});
