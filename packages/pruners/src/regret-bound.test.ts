import {
  categorical,
  createRng,
  type Distribution,
  type FrozenTrial,
  float,
  fromUnit,
  int,
  makeFrozenTrial,
  type ParamValue,
  type StudyDirection,
  toUnit,
} from '@tunekit/core';
import { describe, expect, it } from 'vitest';
// Produced by scripts/regret-bound-fixtures.py (numpy and scipy; see its docstring).
import fixtures from './fixtures/regret-bound.json' with { type: 'json' };
import { fitGaussianProcess } from './gaussian-process.js';
import { regretBound, type TrainingSet, trainingSet } from './regret-bound.js';
import { fixtureTrials } from './test-utils.js';

describe("regretBound against Optuna 4's method (numpy reference)", () => {
  // Without random points the bound depends on the fit alone. Both fits stop at gradient
  // tolerance 1e-2, so the bounds agree to a few per mille, not to rounding.
  for (const c of fixtures.cases.filter((f) => !f.fitFailed)) {
    it(c.name, () => {
      const bound = regretBound(fixtureTrials(c), c.direction as 'minimize' | 'maximize', {
        nSamples: 0,
      }) as number;
      // Absolute slack for the cases whose top values tie, where the bound is ~1e-13.
      expect(Math.abs(bound - c.bound)).toBeLessThan(0.01 * c.bound + 1e-9);
    });
  }
});

describe('regretBound with random points', () => {
  // The definition, evaluated the slow way: the posterior at every top trial and at every
  // random point (the same draws: seeded stream, snapped to the grid), then
  // max UCB - max LCB scaled back. regretBound skips points whose UCB cannot be the maximum.
  function bruteForce(trials: FrozenTrial[], direction: StudyDirection, seed: number): number {
    const set = trainingSet(trials, direction, 0.5, 20) as TrainingSet;
    const gp = fitGaussianProcess(set.x, set.y, set.categorical);
    const d = set.names.length;
    const sqrtBeta = Math.sqrt((2 * Math.log((d * set.x.length ** 2 * Math.PI ** 2) / 0.6)) / 5);
    const rng = createRng(seed);
    const random = Array.from({ length: 2048 }, () =>
      set.names.map((name) => toUnit(set.space[name], fromUnit(set.space[name], rng.random()))),
    );
    const ucb = (p: readonly number[], sign: number) => {
      const { mean, variance } = gp.predict(p);
      return mean + sign * sqrtBeta * Math.sqrt(variance);
    };
    const maxUcb = Math.max(...[...set.x, ...random].map((p) => ucb(p, 1)));
    const maxLcb = Math.max(...set.x.map((p) => ucb(p, -1)));
    return (maxUcb - maxLcb) * set.std;
  }

  for (const c of fixtures.cases.filter((f) => !f.fitFailed)) {
    it(c.name, () => {
      const direction = c.direction as StudyDirection;
      const trials = fixtureTrials(c);
      const bound = regretBound(trials, direction, { seed: 7 }) as number;
      const expected = bruteForce(trials, direction, 7);
      expect(Math.abs(bound - expected)).toBeLessThan(1e-9 * Math.abs(expected) + 1e-12);
    });
  }
});

describe('regretBound details', () => {
  const study = (distribution: Distribution, xs: ParamValue[], values: number[]) =>
    xs.map((x, number) =>
      makeFrozenTrial({
        number,
        state: 'COMPLETE',
        values: [values[number]],
        params: { x },
        distributions: { x: distribution },
      }),
    );

  it('draws its random points on the grid of categorical and discrete axes', () => {
    // 20 trials (all of them top trials) cover every choice, so on-grid random points only
    // repeat points already evaluated and cannot raise the maximum UCB beyond rounding.
    // Off-grid points would sit where the GP knows nothing.
    const choices = ['a', 'b', 'c'];
    const values = Array.from({ length: 20 }, (_, i) => (i % 3) + 0.1 * Math.sin(i));
    for (const [distribution, xs] of [
      [categorical(choices), values.map((_, i) => choices[i % 3])],
      [int(0, 4, { step: 2 }), values.map((_, i) => 2 * (i % 3))],
    ] as const) {
      const trials = study(distribution, [...xs], values);
      const withPoints = regretBound(trials, 'minimize', { nSamples: 2048, seed: 4 }) as number;
      expect(withPoints).toBeGreaterThan(0);
      // Equal up to rounding: a repeated point's posterior comes from a forward solve, a
      // training point's from the inverse's diagonal, so the two can differ in the last
      // digits (they do since the back substitution reads the factor by rows).
      expect(withPoints).toBeCloseTo(
        regretBound(trials, 'minimize', { nSamples: 0 }) as number,
        12,
      );
    }
  });

  it('keeps every trial tied at the top-n threshold and standardises their values', () => {
    // minimize 3, 1, 2, 2 with top-n max(floor(4 * 0.5), 2) = 2: in the maximisation form
    // -1, -2, -2, -3 the threshold is -2 and both tied trials stay. Mean -5/3, population
    // std sqrt(2) / 3, so y = (1/3, -1/3, -1/3) / (sqrt(2) / 3) = (sqrt(2), -1/sqrt(2) x 2).
    const trials = study(float(0, 1), [0.1, 0.2, 0.3, 0.4], [3, 1, 2, 2]);
    const set = trainingSet(trials, 'minimize', 0.5, 2);
    expect(set?.x).toEqual([[0.2], [0.3], [0.4]]);
    expect(set?.std).toBeCloseTo(Math.SQRT2 / 3, 14);
    const y = set?.y as number[];
    [Math.SQRT2, -Math.SQRT1_2, -Math.SQRT1_2].forEach((v, i) => {
      expect(y[i]).toBeCloseTo(v, 12);
    });
  });
});
