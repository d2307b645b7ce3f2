import { float, type JsonValue, makeFrozenTrial } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { encodeSpace } from './encoding.js';
import { defaultTheta, GpPosterior, paramsFromTheta } from './gp.js';
import {
  believedScores,
  buildTrainingData,
  FIT_ATTR,
  failedPoints,
  fitAttr,
  newestFit,
  PROPOSAL_ATTR,
  proposalAttr,
  prunedScores,
  prunedValue,
  standardizeScores,
  trialPoints,
} from './training-data.js';

// sqrt(3/2): the standardised extremes of three equally spaced values (population sd).
const R = Math.sqrt(1.5);

describe('standardizeScores', () => {
  it('centres and scales by the population sd: [1, 2, 3] -> [-√1.5, 0, √1.5]', () => {
    const y = standardizeScores([1, 2, 3]);
    expect(y[0]).toBeCloseTo(-R, 14);
    expect(y[1]).toBe(0);
    expect(y[2]).toBeCloseTo(R, 14);
  });

  it('maps equal scores to 0 (no division by a zero spread)', () => {
    expect(Array.from(standardizeScores([4, 4, 4]))).toEqual([0, 0, 0]);
    expect(Array.from(standardizeScores([-7]))).toEqual([0]);
  });

  it('clips ±Infinity to the finite range and treats NaN as the lowest score', () => {
    // As [1, 1, 3, 3, 1]: mean 1.8, sd √0.96.
    const y = standardizeScores([Number.NaN, 1, 3, Number.POSITIVE_INFINITY, -Infinity]);
    const lo = -0.8 / Math.sqrt(0.96);
    const hi = 1.2 / Math.sqrt(0.96);
    [lo, lo, hi, hi, lo].forEach((v, i) => {
      expect(y[i]).toBeCloseTo(v, 14);
    });
  });

  it('standardises scores too large to square (±1e300) instead of flattening them to 0', () => {
    const y = standardizeScores([1e300, -1e300, 0]);
    expect(y[0]).toBeCloseTo(R, 14);
    expect(y[1]).toBeCloseTo(-R, 14);
    expect(y[2]).toBeCloseTo(0, 14);
  });
});

describe('buildTrainingData', () => {
  const x = float(0, 10);
  const enc = encodeSpace({ x });
  const complete = [2, 5, 8].map((v, number) =>
    makeFrozenTrial({ number, params: { x: v }, distributions: { x }, values: [v] }),
  );
  const running = trialPoints(
    enc,
    { x },
    0,
    [1, 9].map((v, i) =>
      makeFrozenTrial({ number: 3 + i, params: { x: v }, distributions: { x } }),
    ),
  );

  it('scores a minimisation negated, with the incumbent among complete trials only', () => {
    const data = buildTrainingData(enc, complete, running, false, 'worst');
    // Values 2, 5, 8 minimised: scores -2, -5, -8 -> √1.5, 0, -√1.5.
    expect(data.bestIndex).toBe(0);
    expect(data.best).toBeCloseTo(R, 14);
    // 'worst' lies sit below every observation, yet the incumbent is still the best observation.
    expect(data.all.y[3]).toBeCloseTo(-R, 14);
    expect(data.all.y[4]).toBeCloseTo(-R, 14);
    expect(Array.from(data.all.x)).toEqual([0.2, 0.5, 0.8, 0.1, 0.9]);
  });

  it("gives running trials the best score under 'best' and leaves them out under 'none'", () => {
    const best = buildTrainingData(enc, complete, running, true, 'best');
    // Maximised: 8 is the best, at row 2.
    expect(best.bestIndex).toBe(2);
    expect(Array.from(best.all.y.subarray(3))).toEqual([best.best, best.best]);
    const none = buildTrainingData(enc, complete, running, true, 'none');
    expect(none.all.n).toBe(3);
  });

  it('keeps the observations apart from the lies (the kernel is fitted to these)', () => {
    const data = buildTrainingData(enc, complete, running, false, 'best');
    expect(data.all.n).toBe(5);
    expect(data.observed.n).toBe(3);
    expect(Array.from(data.observed.x)).toEqual([0.2, 0.5, 0.8]);
    expect(Array.from(data.observed.y)).toEqual(Array.from(data.all.y.subarray(0, 3)));
  });
});

describe('trialPoints', () => {
  const x = float(0, 10);
  const y = float(0, 1);
  const space = { x, y };
  const enc = encodeSpace(space);
  const id = 42;
  const run = (number: number, params = {}, systemAttrs = {}) =>
    makeFrozenTrial({
      number,
      params,
      distributions: Object.fromEntries(Object.keys(params).map((n) => [n, space[n as 'x']])),
      systemAttrs,
    });

  it('takes a running trial at its parameters once all are set, else at its stored proposal', () => {
    const rows = trialPoints(enc, space, id, [
      run(0, { x: 5, y: 0.25 }),
      // Asked, not yet suggested: where the GP sent it.
      run(1, {}, { [PROPOSAL_ATTR]: proposalAttr(id, [0.7, 0.1]) }),
      // In part suggested: x = 1 is known (0.1 on the unit axis), y is still the proposal's.
      run(2, { x: 1 }, { [PROPOSAL_ATTR]: proposalAttr(id, [0.3, 0.9]) }),
    ]);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [0.5, 0.25],
      [0.7, 0.1],
      [0.1, 0.9],
    ]);
  });

  it('puts in the values an enqueued trial fixed, where they are in the distribution', () => {
    const proposal = { [PROPOSAL_ATTR]: proposalAttr(id, [0.7, 0.1]) };
    const rows = trialPoints(enc, space, id, [
      run(0, {}, { ...proposal, fixed_params: { y: 0.5 } }),
      run(1, {}, { ...proposal, fixed_params: { x: 9, z: 3 } }),
      // Out of range: the trial takes it (with a warning) but it has no place on the axis.
      run(2, {}, { ...proposal, fixed_params: { y: 5 } }),
    ]);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [0.7, 0.5],
      [0.9, 0.1],
      [0.7, 0.1],
    ]);
  });

  it('leaves out a trial with neither, or whose proposal was made in another space', () => {
    const rows = trialPoints(enc, space, id, [
      run(0),
      run(1, {}, { [PROPOSAL_ATTR]: proposalAttr(id + 1, [0.7, 0.1]) }),
      run(2, {}, { [PROPOSAL_ATTR]: proposalAttr(id, [0.7]) }),
      run(3, {}, { [PROPOSAL_ATTR]: { space: id, x: ['a', 'b'] } }),
      run(4, {}, { [PROPOSAL_ATTR]: [0.7, 0.1] }),
    ]);
    expect(rows).toEqual([]);
  });
});

describe('pruned trials', () => {
  it("maps a pruned value by the complete trials' standardisation, clipped to their range", () => {
    // Complete scores 1, 2, 3 standardise to -R, 0, R (mean 2, sd sqrt(2/3)); 2.5 lies half
    // way between the mean and the best, so it maps to R / 2.
    const y = prunedScores([2.5, 10, -4, Number.NaN, Number.POSITIVE_INFINITY], [1, 2, 3], -R, R);
    expect(y[0]).toBeCloseTo(R / 2, 12);
    expect(Array.from(y.slice(1))).toEqual([R, -R, -R, R]);
    // A range wider than the largest double (3e308): -1e308 lies a sixth of the way up, so
    // -R + (2R) / 6; mapped halved, not all to the worst.
    const wide = prunedScores([-1e308, 0, 1e308], [-1.5e308, 0, 1.5e308], -R, R);
    expect(wide[0]).toBeCloseTo((-2 * R) / 3, 12);
    expect(wide[1]).toBe(0);
    expect(wide[2]).toBeCloseTo((2 * R) / 3, 12);
    // All complete values equal (one complete trial, say): no range to place a pruned value
    // in, so it counts one unit below them, whatever its value.
    expect(Array.from(prunedScores([5, -5, Number.NaN], [2, 2], 0, 0))).toEqual([-1, -1, -1]);
    // One ulp apart: the sd floor (1e-10) holds, the scores are about ±1.1e-6, and a pruned
    // value is still put one unit below the worst rather than level with the best.
    const near = [0.5, 0.5 + Number.EPSILON / 2];
    const ny = standardizeScores(near);
    const [lo, hi] = [Math.min(ny[0], ny[1]), Math.max(ny[0], ny[1])];
    expect(hi - lo).toBeLessThan(1e-5);
    expect(Array.from(prunedScores([0.5 + Number.EPSILON / 2], near, lo, hi))).toEqual([lo - 1]);
  });

  it('values a pruned trial at its told value, else at its last step, else NaN', () => {
    const steps = new Map([
      [7, 1],
      [2, 5],
    ]);
    expect(
      prunedValue(
        makeFrozenTrial({ number: 0, state: 'PRUNED', values: [3], intermediateValues: steps }),
      ),
    ).toBe(3);
    expect(
      prunedValue(makeFrozenTrial({ number: 0, state: 'PRUNED', intermediateValues: steps })),
    ).toBe(1);
    expect(prunedValue(makeFrozenTrial({ number: 0, state: 'PRUNED' }))).toBeNaN();
  });
});

describe('newestFit', () => {
  const withFit = (number: number, fit: JsonValue) =>
    makeFrozenTrial({ number, systemAttrs: { [FIT_ATTR]: fit } });

  it("takes the newest earlier trial's θ in the same space, skipping others and bad ones", () => {
    const trials = [
      withFit(0, fitAttr(7, [1, 2, 3])),
      withFit(1, fitAttr(7, [4, 5, 6])),
      withFit(2, fitAttr(8, [7, 8, 9])), // another space
      withFit(3, { space: 7, theta: [1, Number.NaN, 3] } as unknown as JsonValue),
      withFit(4, fitAttr(7, [1, 2])), // another size
      makeFrozenTrial({ number: 5 }),
      withFit(6, fitAttr(7, [9, 9, 9])), // not before trial 6
    ];
    expect(Array.from(newestFit(trials, 6, 7, 3) ?? [])).toEqual([4, 5, 6]);
    expect(Array.from(newestFit(trials, 1, 7, 3) ?? [])).toEqual([1, 2, 3]);
    expect(newestFit(trials, 0, 7, 3)).toBeUndefined();
    expect(newestFit(trials, 7, 9, 3)).toBeUndefined();
  });
});

describe('failed points (believedScores, failedPoints)', () => {
  const space = { a: float(0, 1), b: float(0, 1) };
  const enc = encodeSpace(space);
  const complete = [0.1, 0.4, 0.7, 0.9, 0.25].map((a, i) =>
    makeFrozenTrial({
      number: i,
      params: { a, b: 1 - a * a },
      distributions: space,
      values: [Math.sin(6 * a) + a],
    }),
  );
  const params = paramsFromTheta(defaultTheta(2), 2, 1e-6);

  it('leave the posterior mean unchanged everywhere and shrink the variance at the point', () => {
    const base = buildTrainingData(enc, complete, [], false, 'none');
    const failed = [Float64Array.of(0.55, 0.3)];
    // No cap (an incumbent above everything): the pure believer.
    const scores = believedScores(
      new GpPosterior(base.known, params),
      failed,
      Number.POSITIVE_INFINITY,
    );
    const withFailed = buildTrainingData(enc, complete, [], false, 'none', [], {
      rows: failed,
      scores,
    });
    expect(withFailed.all.n).toBe(6);
    const probe = Float64Array.of(0.55, 0.3, 0.3, 0.6, 0.8, 0.1, 0.05, 0.95);
    const m = probe.length / 2;
    const predict = (data: typeof base.all) => {
      const mean = new Float64Array(m);
      const variance = new Float64Array(m);
      new GpPosterior(data, params).predict(probe, m, mean, variance);
      return { mean, variance };
    };
    const before = predict(base.all);
    const after = predict(withFailed.all);
    // Conditioning on y* = mu(x*) adds k(x, x*) (y* - mu(x*)) / (v* + noise) = 0 to the mean,
    // and leaves at x* the variance v* - v*^2 / (v* + noise) = v* noise / (v* + noise).
    for (let i = 0; i < m; i++) expect(after.mean[i]).toBeCloseTo(before.mean[i], 8);
    const v = before.variance[0];
    const noise = params.noiseVariance;
    expect(after.variance[0]).toBeCloseTo((v * noise) / (v + noise), 8);
    expect(after.variance[0]).toBeLessThan(v / 2);
  });

  it('cap a failed point at the incumbent, so that its expected improvement vanishes', () => {
    const base = buildTrainingData(enc, complete, [], false, 'none');
    const posterior = new GpPosterior(base.known, params);
    const points = [Float64Array.of(0.55, 0.3), Float64Array.of(0.05, 0.95)];
    const mean = new Float64Array(2);
    posterior.predict(Float64Array.of(0.55, 0.3, 0.05, 0.95), 2, mean, new Float64Array(2));
    const cap = (mean[0] + mean[1]) / 2; // between the two means
    const scores = believedScores(posterior, points, cap);
    expect(Array.from(scores)).toEqual([Math.min(mean[0], cap), Math.min(mean[1], cap)]);
    expect(Math.max(...scores)).toBe(cap);
    expect(Math.min(...scores)).toBe(Math.min(mean[0], mean[1]));
  });

  it('take only failed trials that set every parameter of the space, never a stored proposal', () => {
    const full = makeFrozenTrial({
      number: 5,
      state: 'FAIL',
      params: { a: 0.5, b: 0.5 },
      distributions: space,
    });
    const partial = makeFrozenTrial({
      number: 6,
      state: 'FAIL',
      params: { a: 0.5 },
      distributions: { a: space.a },
      systemAttrs: { [PROPOSAL_ATTR]: proposalAttr(1, [0.2, 0.2]) },
    });
    const none = makeFrozenTrial({
      number: 7,
      state: 'FAIL',
      systemAttrs: { [PROPOSAL_ATTR]: proposalAttr(1, [0.3, 0.3]) },
    });
    const rows = failedPoints(enc, space, [full, partial, none]);
    expect(rows.map((r) => Array.from(r))).toEqual([[0.5, 0.5]]);
  });
});
