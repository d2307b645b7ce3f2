import { isTrialPruned } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { iterativeObjective, runWithReports } from './iterative.js';

function fakeTrial(pruneAfter = Number.POSITIVE_INFINITY) {
  const reports: [number, number][] = [];
  return {
    number: 7,
    reports,
    report(value: number, step: number) {
      reports.push([step, value]);
    },
    shouldPrune() {
      return reports.length >= pruneAfter;
    },
  };
}

describe('runWithReports', () => {
  it('reports every step and resolves to the last value', async () => {
    const t = fakeTrial();
    expect(await runWithReports(t, 3, (s) => 10 - s)).toBe(8);
    expect(t.reports).toEqual([
      [0, 10],
      [1, 9],
      [2, 8],
    ]);
  });

  it('throws TrialPruned right after the report the pruner objects to', async () => {
    const t = fakeTrial(2);
    const err = await runWithReports(t, [5, 10, 20, 40], (s) => s).catch((e) => e);
    expect(isTrialPruned(err)).toBe(true);
    expect(t.reports).toEqual([
      [5, 5],
      [10, 10],
    ]);
  });
});

describe('runWithReports input', () => {
  it('rejects a step count that is not a positive integer, and no steps at all', async () => {
    for (const steps of [0, -1, 2.5, Number.NaN]) {
      await expect(runWithReports(fakeTrial(), steps, (s) => s)).rejects.toThrow(
        new RegExp(`^steps = ${steps}: must be an integer >= 1`),
      );
    }
    const t = fakeTrial();
    await expect(runWithReports(t, [], (s) => s)).rejects.toThrow(
      /^steps = \[\]: must hold at least one step/,
    );
    expect(t.reports).toEqual([]);
  });
});

describe('iterativeObjective', () => {
  it('builds the state once, steps it, and returns finalValue', async () => {
    const objective = iterativeObjective({
      steps: 4,
      setup: () => ({ trees: 0 }),
      step: (m: { trees: number }) => {
        m.trees += 1;
        return 1 / m.trees;
      },
      finalValue: (m: { trees: number }, last) => m.trees + last,
    });
    const t = fakeTrial();
    expect(await objective(t)).toBe(4.25);
    expect(t.reports.map((r) => r[0])).toEqual([0, 1, 2, 3]);
  });

  it('runs every trial through step numbers given as a generator (read once)', async () => {
    function* trees() {
      yield 10;
      yield 20;
      yield 40;
    }
    const objective = iterativeObjective({ steps: trees(), setup: () => null, step: (_m, s) => s });
    for (let i = 0; i < 2; i++) {
      const t = fakeTrial();
      expect(await objective(t)).toBe(40);
      expect(t.reports.map((r) => r[0])).toEqual([10, 20, 40]);
    }
  });

  it('rejects no steps when it is built, before any setup runs', () => {
    const setup = () => null;
    const step = () => 0;
    expect(() => iterativeObjective({ steps: 0, setup, step })).toThrow(/^steps = 0: must be/);
    expect(() => iterativeObjective({ steps: [], setup, step })).toThrow(
      /^steps = \[\]: must hold at least one step/,
    );
  });

  it('rejects a step trial.report would refuse, or a repeated one, when it is built', () => {
    let setups = 0;
    const setup = () => {
      setups += 1;
    };
    const step = () => 0;
    for (const [steps, rule] of [
      [[0, 1.5, 2], /^steps = \[0,1.5,2\]: every step must be a non-negative integer; got 1.5$/],
      [[-1, 0], /got -1$/],
      [[0, Number.NaN], /got NaN$/],
      [[0, '1' as unknown as number], /got 1$/],
      [[0, 1, 1], /^steps = \[0,1,1\]: every step must be distinct; 1 repeats$/],
    ] as const) {
      expect(() => iterativeObjective({ steps, setup, step })).toThrow(rule);
    }
    expect(setups).toBe(0);
    expect(() => iterativeObjective({ steps: [0, 10, 20], setup, step })).not.toThrow();
  });
});
