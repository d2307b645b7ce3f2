import { InvalidArgumentError } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from './fixtures/cmaes-reference-updates.json' with { type: 'json' };
import { applyMargin, leaveProbability, thresholdAxis } from './margin.js';
import { normalCdf, normalQuantile } from './normal.js';

describe('applyMargin', () => {
  it("leaves P(leave the mean's cell) >= alpha, whatever the mean and step size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 0.005, max: 0.3, noNaN: true }),
        (k, m, sd, a, alpha) => {
          const axis = thresholdAxis(Array.from({ length: k - 1 }, (_, i) => (i + 1) / k));
          const mean = [m];
          const A = [a];
          applyMargin(mean, A, sd, [1], [axis], alpha);
          expect(leaveProbability(axis, mean[0], sd * A[0])).toBeGreaterThanOrEqual(
            alpha * (1 - 1e-5),
          );
        },
      ),
    );
  });

  it('equals the cmaes library CMAwM correction (inner cell: mean and A; end cell: mean)', () => {
    // Fixture: cmaes 0.9.1 CMAwM with int axes 0..10 (thresholds k + 0.5) and a continuous axis,
    // one generation; "before" is the same update without the margin (scripts/generate-fixtures.py).
    const m = reference.margin;
    const axis = thresholdAxis(m.thresholds);
    const mean = [...m.before.mean];
    const A = [1, 1, 1];
    applyMargin(mean, A, m.before.sigma, m.before.covDiagonal, [axis, axis, null], m.alpha);
    mean.forEach((v, i) => {
      expect(v).toBeCloseTo(m.after.mean[i], 10);
    });
    A.forEach((v, i) => {
      expect(v).toBeCloseTo(m.after.A[i], 9);
    });
  });

  it('changes nothing where both tails already exceed alpha / 2', () => {
    // Cell [0.4, 0.6) of a 5-value axis, mean at its middle, sd 0.1: each tail is 1 - Phi(1) = 0.159.
    const axis = thresholdAxis([0.2, 0.4, 0.6, 0.8]);
    const mean = [0.5];
    const A = [1];
    applyMargin(mean, A, 0.1, [1], [axis], 0.1);
    expect(mean[0]).toBeCloseTo(0.5, 6);
    expect(A[0]).toBeCloseTo(1, 6);
  });

  it('end cell: moves the mean so that P(cross) = alpha exactly', () => {
    // Mean 0.05 in the first cell [., 0.5) with sd 0.01: crossing 0.5 is impossible before; after,
    // the mean sits z(1 - alpha) sd below 0.5.
    const axis = thresholdAxis([0.5]);
    const mean = [0.05];
    applyMargin(mean, [1], 0.01, [1], [axis], 0.02);
    expect(mean[0]).toBeCloseTo(0.5 - 0.01 * 2.053748910631823, 8);
  });
});

describe('thresholdAxis', () => {
  it('rejects thresholds that are not a non-empty, finite, strictly increasing array', () => {
    const bad: [unknown, RegExp][] = [
      [[], /^thresholds = \[\]: must be a non-empty array \(an axis of k >= 2 values has k - 1/],
      [null, /^thresholds = null: must be a non-empty array/],
      [[0.5, Number.NaN], /^thresholds\[1\] = NaN: must be a finite number/],
      [[Number.NEGATIVE_INFINITY], /^thresholds\[0\] = -Infinity: must be a finite number/],
      [
        [0.2, 0.6, 0.4],
        /^thresholds\[2\] = 0.4: must be greater than thresholds\[1\] \(0.6\): the boundaries are sorted and distinct/,
      ],
      [[0.5, 0.5], /^thresholds\[1\] = 0.5: must be greater than thresholds\[0\]/],
    ];
    for (const [thresholds, message] of bad) {
      expect(() => thresholdAxis(thresholds as number[])).toThrow(InvalidArgumentError);
      expect(() => thresholdAxis(thresholds as number[])).toThrow(message);
    }
  });

  it('takes one threshold (two values) and thresholds outside [0, 1]; keeps its own copy', () => {
    expect(thresholdAxis([0.5]).cell(0.7)).toEqual({ lower: 0.5, upper: Number.POSITIVE_INFINITY });
    // The reference fixture's int axis 0..10 has thresholds k + 0.5.
    expect(thresholdAxis([0.5, 1.5, 2.5]).cell(2)).toEqual({ lower: 1.5, upper: 2.5 });
    const given = [0.2, 0.4];
    const axis = thresholdAxis(given);
    given.reverse();
    expect(axis.cell(0.3)).toEqual({ lower: 0.2, upper: 0.4 });
  });
});

describe('leaveProbability', () => {
  const axis = thresholdAxis([0.5]);

  it('rejects a standard deviation that is not finite and > 0, a mean that is not finite, a non-axis', () => {
    const bad: [unknown, unknown, unknown, RegExp][] = [
      // s = -1 gave 1.5, a probability above 1.
      [axis, 0.5, -1, /^s = -1: must be a positive finite number/],
      [axis, 0.5, 0, /^s = 0: must be a positive finite number/],
      [axis, 0.5, Number.NaN, /^s = NaN/],
      [axis, 0.5, Number.POSITIVE_INFINITY, /^s = Infinity/],
      [axis, Number.NaN, 0.1, /^m = NaN: must be a finite number \(the mean\)/],
      [axis, Number.NEGATIVE_INFINITY, 0.1, /^m = -Infinity/],
      [null, 0.5, 0.1, /^axis = null: must be a DiscreteAxis/],
    ];
    for (const [a, m, s, message] of bad) {
      const call = () => leaveProbability(a as never, m as number, s as number);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });

  it('is a probability for valid input (by hand: the mean on the threshold leaves with 1/2)', () => {
    expect(leaveProbability(axis, 0.5, 0.1)).toBeCloseTo(0.5, 12);
    expect(leaveProbability(axis, 0.3, 0.1)).toBeCloseTo(1 - normalCdf(2), 12);
  });
});

describe('normal helpers', () => {
  it('Phi and its inverse agree with tabulated values', () => {
    // Standard normal values (0.5 erfc(-x / sqrt 2) with Python's math.erfc, agreeing with the
    // printed tables): Phi(1) = 0.8413447460685429, Phi(-2) = 0.022750131948179195, Phi(-5) = 2.8665157e-7,
    // z(0.975) = 1.959963984540054, z(0.001) = -3.090232306167813.
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalCdf(-5)).toBeCloseTo(2.866515718791939e-7, 20);
  });
});
