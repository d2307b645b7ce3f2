import { categorical, createRng, float, int } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import {
  type CategoryScreen,
  LogEiAcquisition,
  optimizeAcquisition,
  screenChoices,
} from './acquisition.js';
import { encodeSpace } from './encoding.js';
import { type GpData, GpPosterior, paramsFromTheta } from './gp.js';
import { normalCdf, normalPdf } from './special.js';

/** n points on (continuous, discrete int(0, 4), categorical of 3) with a smooth response. */
function mixedPosterior(n: number): GpPosterior {
  const rng = createRng(11);
  const d = 3;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * d] = rng.random();
    x[i * d + 1] = (rng.int(0, 4) + 0.5) / 5;
    x[i * d + 2] = rng.int(0, 2);
    y[i] = Math.cos(5 * x[i * d]) - (x[i * d + 1] - 0.5) ** 2 + 0.3 * x[i * d + 2];
  }
  const data: GpData = { x, y, n, d, isCategorical: Uint8Array.of(0, 0, 1) };
  return new GpPosterior(data, paramsFromTheta(Float64Array.of(1.5, 1, 0.5, 0, -9), d, 1e-6));
}

describe('LogEiAcquisition', () => {
  const post = mixedPosterior(20);

  it('equals log of σ·(zΦ(z) + φ(z)) computed directly from the posterior moments', () => {
    const acq = new LogEiAcquisition(post, 0.8);
    const pt = Float64Array.of(0.37, 0.5, 1);
    const mean = new Float64Array(1);
    const variance = new Float64Array(1);
    post.predict(pt, 1, mean, variance);
    const sigma = Math.sqrt(variance[0]);
    const z = (mean[0] - 0.8) / sigma;
    expect(acq.value(pt)).toBeCloseTo(Math.log(sigma * (z * normalCdf(z) + normalPdf(z))), 10);
    const batch = new Float64Array(1);
    acq.values(pt, 1, batch);
    expect(batch[0]).toBe(acq.value(pt));
  });

  // best = 0.8 puts z near 0; best = 12 puts z far in the lower tail (log-EI's asymptotic branches).
  it.each([0.8, 12])(
    'has a gradient in the numeric coordinates that matches central differences (best %d)',
    (best) => {
      const acq = new LogEiAcquisition(post, best);
      const grad = new Float64Array(3);
      for (const pt of [Float64Array.of(0.21, 0.3, 0), Float64Array.of(0.77, 0.9, 2)]) {
        const value = acq.valueAndGradient(pt, grad);
        expect(value).toBeCloseTo(acq.value(pt), 10);
        expect(grad[2]).toBe(0);
        for (const k of [0, 1]) {
          const h = 1e-6;
          const up = Float64Array.from(pt);
          const down = Float64Array.from(pt);
          up[k] += h;
          down[k] -= h;
          const fd = (acq.value(up) - acq.value(down)) / (2 * h);
          expect(Math.abs(grad[k] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
        }
      }
    },
  );
});

describe('optimizeAcquisition', () => {
  const post = mixedPosterior(20);
  const enc = encodeSpace({ a: float(0, 1), b: int(0, 4), c: categorical(['p', 'q', 'r']) });

  it('returns a point on the grid of discrete and categorical axes, scored there', () => {
    const acq = new LogEiAcquisition(post, 0.5);
    const r = optimizeAcquisition(acq, enc.axes, createRng(1), {
      nCandidates: 128,
      nLocalSearch: 3,
    });
    // int(0, 4) widened to [-0.5, 4.5]: value v at (v + 0.5) / 5.
    expect([0.1, 0.3, 0.5, 0.7, 0.9].some((g) => Math.abs(r.point[1] - g) < 1e-12)).toBe(true);
    expect([0, 1, 2]).toContain(r.point[2]);
    expect(r.value).toBeCloseTo(acq.value(r.point), 12);
  });

  it('rounds a large int axis (relaxed during the local search) and scores the rounded point', () => {
    const acq = new LogEiAcquisition(post, 0.5);
    const wide = encodeSpace({ a: float(0, 1), b: int(0, 100), c: categorical(['p', 'q', 'r']) });
    expect(wide.axes[1].grid).toBeNull();
    const r = optimizeAcquisition(acq, wide.axes, createRng(1), {
      nCandidates: 128,
      nLocalSearch: 3,
    });
    // int(0, 100) widened to [-0.5, 100.5]: value v at (v + 0.5) / 101.
    const v = r.point[1] * 101 - 0.5;
    expect(Math.abs(v - Math.round(v))).toBeLessThan(1e-9);
    expect(r.value).toBeCloseTo(acq.value(r.point), 12);
  });

  it('finds the maximum a dense search over the mixed space finds', () => {
    const acq = new LogEiAcquisition(post, 0.5);
    const r = optimizeAcquisition(acq, enc.axes, createRng(2), {
      nCandidates: 256,
      nLocalSearch: 5,
    });
    let dense = Number.NEGATIVE_INFINITY;
    const pt = new Float64Array(3);
    for (let i = 0; i <= 2000; i++) {
      for (const b of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        for (const c of [0, 1, 2]) {
          pt.set([i / 2000, b, c]);
          dense = Math.max(dense, acq.value(pt));
        }
      }
    }
    expect(r.value).toBeGreaterThanOrEqual(dense - 1e-6);
  });
});

describe('screenChoices', () => {
  /** A stand-in whose screened values are given; the categorical axis is axis 1. */
  function pick(values: readonly number[], current: number): number[] {
    const screen: CategoryScreen = {
      valuesAlongCategory: (_point, axis, choices, out) => {
        expect(axis).toBe(1);
        expect(choices).toBe(values.length);
        out.set(values);
      },
    };
    return [...screenChoices(screen, Float64Array.of(0.5, current), 1, values.length)];
  }

  it('keeps the four best other than the current choice, in index order', () => {
    // Current choice 1 (9) left out; then 8, 7, 6, 5 at 3, 4, 5, 0.
    expect(pick([5, 9, 1, 8, 7, 6, 2], 1)).toEqual([0, 3, 4, 5]);
  });

  it('counts equal values once, by their lowest index', () => {
    // The 3s tie exactly (as choices no trial holds do): 3 at 0, then 2, 0.5 and 0.
    expect(pick([3, 3, 3, 3, 3, 1, 2, 0.5, 0], 5)).toEqual([0, 6, 7, 8]);
  });

  it('also keeps values within 1e-9 (relative) of the fourth best, tied but for rounding', () => {
    expect(pick([10, 9, 8, 7, 7 - 7e-12, 7 - 7e-3, 0], 6)).toEqual([0, 1, 2, 3, 4]);
  });

  it('never keeps NaN or -Infinity, and may keep none', () => {
    expect(pick([Number.NaN, Number.NEGATIVE_INFINITY, 1, 0], 3)).toEqual([2]);
    expect(pick([Number.NaN, 4], 1)).toEqual([]);
  });
});
