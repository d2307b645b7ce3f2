import { categorical, createRng, float } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogEiAcquisition, optimizeAcquisition } from './acquisition.js';
import { predictAlongCategory } from './category-scan.js';
import { encodeSpace } from './encoding.js';
import { type GpData, GpPosterior, paramsFromTheta } from './gp.js';

/**
 * n trials on (unit axis, large categorical, unit axis, categorical of 3), the large
 * categorical drawn from its first `held` choices so that the others are held by no trial.
 * A fifth of the trials copy an earlier trial's unit coordinates, so that points coincide
 * but for their choices.
 */
function posterior(seed: number, n: number, held: number, noise: number, minNoise = 1e-6) {
  const rng = createRng(seed);
  const d = 4;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const copy = i > 0 && rng.random() < 0.2 ? rng.int(0, i - 1) : -1;
    x[i * d] = copy >= 0 ? x[copy * d] : rng.random();
    x[i * d + 1] = rng.int(0, held - 1);
    x[i * d + 2] = copy >= 0 ? x[copy * d + 2] : rng.random();
    x[i * d + 3] = rng.int(0, 2);
    y[i] = Math.sin(5 * x[i * d]) + 0.1 * ((x[i * d + 1] * 7) % 5) - x[i * d + 2] + rng.normal();
  }
  const data: GpData = { x, y, n, d, isCategorical: Uint8Array.of(0, 1, 0, 1) };
  const theta = Float64Array.of(
    rng.uniform(-1, 3),
    rng.uniform(-2, 2),
    rng.uniform(-1, 3),
    rng.uniform(-2, 2),
    rng.uniform(-1, 1),
    Math.log(noise),
  );
  return { post: new GpPosterior(data, paramsFromTheta(theta, d, minNoise)), rng };
}

describe('predictAlongCategory', () => {
  it('gives what predict gives at the point with each choice in turn', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 70 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(1e-6, 1e-3, 0.1),
        (seed, n, choices, heldShare, noise) => {
          const held = Math.max(1, Math.ceil(heldShare * choices));
          const { post, rng } = posterior(seed, n, held, noise);
          const point = Float64Array.of(rng.random(), 0, rng.random(), rng.int(0, 2));
          // Half the time at a trial's own coordinates, where the variance is smallest.
          if (rng.random() < 0.5) point.set(post.data.x.subarray(0, 4));
          const mean = new Float64Array(choices);
          const variance = new Float64Array(choices);
          predictAlongCategory(post, point, 1, choices, mean, variance);
          const points = new Float64Array(choices * 4);
          for (let c = 0; c < choices; c++) {
            points.set(point, c * 4);
            points[c * 4 + 1] = c;
          }
          const m = new Float64Array(choices);
          const v = new Float64Array(choices);
          post.predict(points, choices, m, v);
          const s = post.params.signalVariance;
          for (let c = 0; c < choices; c++) {
            expect(Math.abs(mean[c] - m[c]), `mean of choice ${c}`).toBeLessThan(
              1e-8 * Math.max(1, Math.abs(m[c])),
            );
            expect(Math.abs(variance[c] - v[c]), `variance of choice ${c}`).toBeLessThan(1e-9 * s);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives every choice no trial holds the same moments, and the prior far from the data', () => {
    const { post } = posterior(3, 30, 10, 1e-3);
    const mean = new Float64Array(50);
    const variance = new Float64Array(50);
    predictAlongCategory(post, Float64Array.of(0.5, 0, 0.5, 1), 1, 50, mean, variance);
    for (let c = 11; c < 50; c++) {
      expect(mean[c]).toBe(mean[10]);
      expect(variance[c]).toBe(variance[10]);
    }
    // Far away on the unit axes (beyond every length scale) the kernel vector vanishes.
    predictAlongCategory(post, Float64Array.of(1e6, 0, -1e6, 1), 1, 50, mean, variance);
    for (let c = 0; c < 50; c++) {
      expect(mean[c]).toBe(0);
      expect(variance[c]).toBe(post.params.signalVariance);
    }
  });

  it('floors the variance at 1e-12 s where predict does (at a trial, without noise)', () => {
    const { post } = posterior(5, 12, 4, 1e-14, 1e-14);
    const point = post.data.x.slice(0, 4);
    const mean = new Float64Array(6);
    const variance = new Float64Array(6);
    predictAlongCategory(post, point, 1, 6, mean, variance);
    const m = new Float64Array(1);
    const v = new Float64Array(1);
    post.predict(point, 1, m, v);
    const floor = 1e-12 * post.params.signalVariance;
    expect(v[0]).toBe(floor);
    expect(variance[point[1]]).toBe(floor);
  });
});

describe('optimizeAcquisition with a large categorical axis', () => {
  it('returns a choice that no other choice beats at the returned point (exact scores)', () => {
    const enc = encodeSpace({
      a: float(0, 1),
      b: categorical(Array.from({ length: 90 }, (_, i) => `c${i}`)),
      c: float(0, 1),
      e: categorical(['p', 'q', 'r']),
    });
    expect(enc.names).toEqual(['a', 'b', 'c', 'e']);
    for (const seed of [1, 2, 3, 4, 5]) {
      const { post } = posterior(seed, 80, 40, 1e-4);
      let best = Number.NEGATIVE_INFINITY;
      for (const y of post.data.y) best = Math.max(best, y);
      const acq = new LogEiAcquisition(post, best);
      const r = optimizeAcquisition(acq, enc.axes, createRng(seed), {
        nCandidates: 256,
        nLocalSearch: 4,
      });
      expect(r.value).toBeCloseTo(acq.value(r.point), 10);
      const points = new Float64Array(90 * 4);
      for (let c = 0; c < 90; c++) {
        points.set(r.point, c * 4);
        points[c * 4 + 1] = c;
      }
      const exact = new Float64Array(90);
      acq.values(points, 90, exact);
      expect(Math.max(...exact)).toBeLessThanOrEqual(
        r.value + 1e-9 * Math.max(1, Math.abs(r.value)),
      );
    }
  });
});
