import { createRng } from '@tunekit/core';
import { categorical, type Distribution, float, int } from '@tunekit/search-space';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/optuna-3.1-parzen.json' with { type: 'json' };
import { defaultWeights } from './gamma-weights.js';
import {
  kernelDim,
  neighbourBandwidths,
  ParzenEstimator,
  type ParzenOptions,
  toKernelSpace,
} from './parzen-estimator.js';
import { sortedOrder } from './sorted-order.js';
import { ndtr } from './special.js';

// Fixtures: Optuna 3.1.0's _ParzenEstimator on the same observations, produced by
// /usr/bin/python3 (Debian python3-optuna 3.1.0) with fixtures/make-optuna-parzen.py (continuous densities: SciPy truncnorm, see there).

const optunaUni: ParzenOptions = {
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  multivariate: false,
  weights: defaultWeights,
  sigma0Magnitude: 0.2,
  bandwidth: 'range',
  scottFactor: 1,
};
const optunaMulti: ParzenOptions = { ...optunaUni, multivariate: true };

type Case = {
  mus: Record<string, number[] | null>;
  sigmas: Record<string, number[] | null>;
  weights: number[];
  samples: Record<string, unknown[]>;
  logPdf: number[];
};

function build(
  space: Record<string, Distribution>,
  obs: Record<string, unknown[]>,
  options: ParzenOptions,
) {
  const names = Object.keys(space);
  const dims = names.map((n) => kernelDim(space[n]));
  const values = names.map((n, d) =>
    Float64Array.from(obs[n], (v) =>
      space[n].type === 'categorical' ? (v as number) : toKernelSpace(dims[d], v),
    ),
  );
  return { names, dims, pe: new ParzenEstimator(dims, values, options) };
}

function checkAgainst(
  c: Case,
  space: Record<string, Distribution>,
  obs: Record<string, unknown[]>,
  options: ParzenOptions,
) {
  const { names, dims, pe } = build(space, obs, options);
  names.forEach((n, d) => {
    const k = pe.kernels(d);
    if ('mu' in k) {
      expect(Array.from(k.mu)).toEqual(c.mus[n]!.map((v) => expect.closeTo(v, 12)));
      expect(Array.from(k.sigma)).toEqual(c.sigmas[n]!.map((v) => expect.closeTo(v, 12)));
    }
  });
  expect(Array.from(pe.weights())).toEqual(c.weights.map((v) => expect.closeTo(v, 12)));
  const m = c.logPdf.length;
  const samples = names.map((n, d) =>
    Float64Array.from(c.samples[n], (v) =>
      space[n].type === 'categorical' ? (v as number) : toKernelSpace(dims[d], v),
    ),
  );
  expect(Array.from(pe.logPdf(samples, m))).toEqual(c.logPdf.map((v) => expect.closeTo(v, 9)));
}

describe('ParzenEstimator against Optuna 3.1', () => {
  it('univariate float: neighbour bandwidths, prior, truncated-normal density', () => {
    checkAgainst(
      fixture['float-univariate'],
      { x: float(0, 1) },
      { x: [0.2, 0.5, 0.9] },
      optunaUni,
    );
  });
  it('univariate float with 30 observations (magic clip active)', () => {
    const obs = fixture['float-univariate-many'].mus.x!.slice(0, 30);
    checkAgainst(fixture['float-univariate-many'], { x: float(-5, 10) }, { x: obs }, optunaUni);
  });
  it('int: kernels on the widened axis, mass of each unit cell', () => {
    checkAgainst(fixture['int-univariate'], { n: int(1, 8) }, { n: [2, 2, 5] }, optunaUni);
  });
  it('stepped float: mass of each step cell', () => {
    checkAgainst(
      fixture['step-univariate'],
      { s: float(0, 1, { step: 0.25 }) },
      { s: [0.25, 0.75] },
      optunaUni,
    );
  });
  it('log float: kernels in log space', () => {
    checkAgainst(
      fixture['log-float-univariate'],
      { lr: float(1e-4, 1, { log: true }) },
      { lr: [1e-3, 1e-2, 0.5] },
      optunaUni,
    );
  });
  it('categorical: observed choice plus prior weight', () => {
    checkAgainst(
      fixture.categorical,
      { c: categorical(['a', 'b', 'c']) },
      { c: [0, 2] },
      optunaUni,
    );
  });
  it("multivariate with Optuna's range bandwidth rule", () => {
    checkAgainst(
      fixture['multivariate-range'],
      { x: float(0, 1), lr: float(1e-3, 1, { log: true }), c: categorical(['a', 'b']) },
      { x: [0.1, 0.4, 0.8], lr: [1e-2, 0.1, 0.5], c: [0, 1, 1] },
      optunaMulti,
    );
  });
});

describe('kernels', () => {
  it('neighbour bandwidths by hand: larger gap to a neighbour, inner gap at the ends', () => {
    // Sorted 0.1, 0.3, 0.7 on [0, 1]: ends use their inner neighbour only (considerEndpoints false).
    const out = new Float64Array(3);
    neighbourBandwidths(Float64Array.of(0.7, 0.1, 0.3), 0, 1, false, out);
    expect(Array.from(out)).toEqual([
      expect.closeTo(0.4, 12),
      expect.closeTo(0.2, 12),
      expect.closeTo(0.4, 12),
    ]);
    neighbourBandwidths(Float64Array.of(0.7, 0.1, 0.3), 0, 1, true, out);
    expect(Array.from(out)).toEqual([
      expect.closeTo(0.4, 12),
      expect.closeTo(0.2, 12),
      expect.closeTo(0.4, 12),
    ]);
    neighbourBandwidths(Float64Array.of(0.95, 0.1), 0, 1, true, out.subarray(0, 2));
    // With endpoints, 0.1 sees max(0.1 - 0, 0.95 - 0.1) and 0.95 sees max(0.85, 0.05).
    expect(Array.from(out.subarray(0, 2))).toEqual([
      expect.closeTo(0.85, 12),
      expect.closeTo(0.85, 12),
    ]);
  });

  it('sortedOrder sorts by value, ties by index', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), (xs) => {
        const v = Float64Array.from(xs);
        const expected = xs
          .map((x, i) => [x, i])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map((p) => p[1]);
        expect(Array.from(sortedOrder(v))).toEqual(expected);
      }),
    );
  });

  it("Scott's rule: factor · sd · n^(-1/(d+4)), clipped by the magic clip", () => {
    // obs 0.1..0.5 on [0, 1], d = 1: sd = sqrt(0.025), shrink = 5^(-1/5).
    const obs = Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5);
    const raw = Math.sqrt(0.025) * 5 ** (-1 / 5);
    const noClip = new ParzenEstimator([kernelDim(float(0, 1))], [obs], {
      ...optunaMulti,
      bandwidth: 'scott',
      considerMagicClip: false,
    });
    const k = noClip.kernels(0) as { sigma: Float64Array };
    expect(k.sigma[0]).toBeCloseTo(raw, 12);
    expect(k.sigma[5]).toBe(1); // the prior keeps the full range
    // Magic clip floor: range / min(100, 1 + 6 components) = 1/7 > raw.
    const clipped = new ParzenEstimator([kernelDim(float(0, 1))], [obs], {
      ...optunaMulti,
      bandwidth: 'scott',
    });
    expect((clipped.kernels(0) as { sigma: Float64Array }).sigma[0]).toBeCloseTo(1 / 7, 12);
  });

  it('categorical rows by hand: prior weight / (n + 1) everywhere, +1 on the observed choice', () => {
    const pe = new ParzenEstimator(
      [kernelDim(categorical(['a', 'b', 'c']))],
      [Float64Array.of(0, 2)],
      optunaUni,
    );
    const { probs } = pe.kernels(0) as { probs: Float64Array };
    // Row 0: [1/3 + 1, 1/3, 1/3] / 2; row 1 mirrored; prior row uniform.
    const expected = [2 / 3, 1 / 6, 1 / 6, 1 / 6, 1 / 6, 2 / 3, 1 / 3, 1 / 3, 1 / 3];
    expect(Array.from(probs)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
  });

  it('priorWeight: the prior component and the uniform part of categorical rows scale with it', () => {
    // n = 3 observations, uniform weights (below 25): component weights [1, 1, 1, 2] / 5.
    const num = new ParzenEstimator([kernelDim(float(0, 1))], [Float64Array.of(0.2, 0.5, 0.9)], {
      ...optunaUni,
      priorWeight: 2,
    });
    expect(Array.from(num.weights())).toEqual(
      [0.2, 0.2, 0.2, 0.4].map((v) => expect.closeTo(v, 12)),
    );
    // Categorical, n = 2 of 3 choices, priorWeight 2: 2 / (n + 1) = 2/3 on every choice, +1 on
    // the observed one, row sum 3: [5/9, 2/9, 2/9]; the prior row stays uniform.
    const cat = new ParzenEstimator(
      [kernelDim(categorical(['a', 'b', 'c']))],
      [Float64Array.of(0, 2)],
      { ...optunaUni, priorWeight: 2 },
    );
    const { probs } = cat.kernels(0) as { probs: Float64Array };
    const expected = [5 / 9, 2 / 9, 2 / 9, 2 / 9, 2 / 9, 5 / 9, 1 / 3, 1 / 3, 1 / 3];
    expect(Array.from(probs)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
  });

  it('log int: the mass of [log(v - ½), log(v + ½)] under a kernel on the widened log axis', () => {
    // int(1, 8, log), one observation 2, no prior: axis [log 0.5, log 8.5], mu = log 2,
    // sigma = max(log 2 - log 0.5, log 8.5 - log 2) = 1.44692 (above the magic clip's
    // range / 2 = 1.41661). Masses from SciPy's norm.cdf (/usr/bin/python3):
    // log P(v) = log[(Φ((log(v+½) - mu)/σ) - Φ((log(v-½) - mu)/σ)) / Z].
    const dim = kernelDim(int(1, 8, { log: true }));
    const pe = new ParzenEstimator([dim], [Float64Array.of(Math.log(2))], {
      ...optunaUni,
      considerPrior: false,
    });
    expect((pe.kernels(0) as { sigma: Float64Array }).sigma[0]).toBeCloseTo(1.4469189829363254, 12);
    const v = Float64Array.of(1, 2, 8).map(Math.log);
    expect(Array.from(pe.logPdf([v], 3))).toEqual(
      [-0.9805625351435379, -1.5685377537044183, -3.4272295218845246].map((x) =>
        expect.closeTo(x, 10),
      ),
    );
  });

  it('without observations only the prior remains', () => {
    const pe = new ParzenEstimator([kernelDim(float(2, 4))], [new Float64Array(0)], {
      ...optunaUni,
      considerPrior: false,
    });
    expect(pe.nComponents).toBe(1);
    expect(pe.kernels(0)).toEqual({ mu: Float64Array.of(3), sigma: Float64Array.of(2) });
  });
});

describe('truncation: the mixture is a probability distribution on [low, high]', () => {
  const obsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: 1,
    maxLength: 12,
  });

  it('continuous: density integrates to 1 over the bounds', () => {
    fc.assert(
      fc.property(obsArb, fc.boolean(), (xs, mv) => {
        const dim = kernelDim(float(-2, 3));
        const pe = new ParzenEstimator([dim], [Float64Array.from(xs, (x) => -2 + 5 * x)], {
          ...optunaUni,
          multivariate: mv,
          bandwidth: 'scott',
        });
        const n = 4000;
        const grid = Float64Array.from({ length: n + 1 }, (_, i) => -2 + (5 * i) / n);
        const dens = pe.logPdf([grid], n + 1).map(Math.exp);
        let integral = 0;
        for (let i = 0; i < n; i++) integral += ((dens[i] + dens[i + 1]) / 2) * (5 / n);
        expect(integral).toBeCloseTo(1, 3);
      }),
      { numRuns: 30 },
    );
  });

  it('int and stepped float: cell masses sum to 1', () => {
    fc.assert(
      fc.property(obsArb, fc.boolean(), (xs, mv) => {
        for (const d of [int(1, 8), float(0, 1, { step: 0.125 }), int(1, 100, { log: true })]) {
          const dim = kernelDim(d);
          const values: number[] = [];
          for (let v = d.low; v <= d.high + 1e-9; v += d.step ?? 1) values.push(v);
          const obs = Float64Array.from(xs, (x) =>
            toKernelSpace(dim, values[Math.floor(x * (values.length - 1))]),
          );
          const pe = new ParzenEstimator([dim], [obs], { ...optunaUni, multivariate: mv });
          const mass = pe.logPdf(
            [Float64Array.from(values, (v) => toKernelSpace(dim, v))],
            values.length,
          );
          expect(mass.reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('samples stay inside the bounds and on the grid', () => {
    const rng = createRng(3);
    const space = [
      float(1e-5, 1, { log: true }),
      int(16, 1024, { log: true }),
      float(0, 0.8, { step: 0.1 }),
      int(1, 8),
    ];
    const dims = space.map(kernelDim);
    const obs = dims.map((dim, i) =>
      Float64Array.from([0.3, 0.6, 0.9], (u) =>
        toKernelSpace(dim, [1e-3, 256, 0.3, 4][i] * (0.5 + u)),
      ),
    );
    const pe = new ParzenEstimator(dims, obs, { ...optunaMulti, bandwidth: 'scott' });
    const s = pe.sample(rng, 500);
    for (let j = 0; j < 500; j++) {
      const lr = Math.exp(s[0][j]);
      expect(lr).toBeGreaterThanOrEqual(1e-5);
      expect(lr).toBeLessThanOrEqual(1);
      const units = Math.round(Math.exp(s[1][j]));
      expect(units).toBeGreaterThanOrEqual(16);
      expect(units).toBeLessThanOrEqual(1024);
      expect(Math.exp(s[1][j])).toBeCloseTo(units, 9);
      expect(Math.round(s[2][j] * 10) / 10).toBeCloseTo(s[2][j], 12);
      expect(Number.isInteger(s[3][j])).toBe(true);
    }
  });
});

describe('many kernels on one axis (block-pruned evaluation)', () => {
  it('equals the plain mixture sum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 130, max: 600 }),
        (seed, n) => {
          const rng = createRng(seed);
          // Clustered observations, as a late study has: narrow kernels in the cluster, wide outside.
          const obs = Float64Array.from({ length: n }, (_, i) =>
            i % 3 === 0 ? rng.uniform(-5, 10) : 2 + 0.3 * rng.normal(),
          );
          for (let i = 0; i < n; i++) obs[i] = Math.min(10, Math.max(-5, obs[i]));
          const pe = new ParzenEstimator([kernelDim(float(-5, 10))], [obs], optunaUni);
          const { mu, sigma } = pe.kernels(0) as { mu: Float64Array; sigma: Float64Array };
          const w = pe.weights();
          const xs = Float64Array.from({ length: 40 }, () => rng.uniform(-5, 10));
          const got = pe.logPdf([xs], 40);
          xs.forEach((x, j) => {
            // Direct sum of weighted truncated-normal densities.
            let p = 0;
            for (let c = 0; c < mu.length; c++) {
              const z = (x - mu[c]) / sigma[c];
              const mass = ndtr((10 - mu[c]) / sigma[c]) - ndtr((-5 - mu[c]) / sigma[c]);
              p += (w[c] * Math.exp(-0.5 * z * z)) / (sigma[c] * Math.sqrt(2 * Math.PI) * mass);
            }
            expect(got[j]).toBeCloseTo(Math.log(p), 10);
          });
        },
      ),
      { numRuns: 20 },
    );
  });
});
