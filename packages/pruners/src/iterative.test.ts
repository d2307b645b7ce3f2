import { InvalidArgumentError, isTrialPruned } from '@tunekit/core';
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

  it('checks step numbers by the rule and messages of iterativeObjective, before any step runs', async () => {
    const setup = () => null;
    const step = () => 0;
    for (const [steps, rule] of [
      // A repeated step used to run twice, its second report dropped.
      [[2, 2], /^steps = \[2,2\]: every step must be distinct; 2 repeats$/],
      // Left to trial.report, after the step had run.
      [[-1, 0], /^steps = \[-1,0\]: every step must be a non-negative integer; got -1$/],
      [[0, 1.5], /got 1.5$/],
      // A bare TypeError before.
      [null, /^steps = null: must be an integer >= 1 or step numbers$/],
      ['01', /^steps = "01": must be an integer >= 1 or step numbers$/],
    ] as const) {
      const given = steps as unknown as Iterable<number>;
      let calls = 0;
      const t = fakeTrial();
      const run = runWithReports(t, given, () => calls++);
      await expect(run).rejects.toThrow(InvalidArgumentError);
      await expect(run).rejects.toThrow(rule);
      expect(() => iterativeObjective({ steps: given, setup, step })).toThrow(rule);
      expect(calls).toBe(0);
      expect(t.reports).toEqual([]);
    }
  });
});

describe('runWithReports over a generator', () => {
  it('runs an endless one until the trial is pruned', async () => {
    function* epochs() {
      for (let e = 0; ; e++) yield e;
    }
    const t = fakeTrial(4);
    const err = await runWithReports(t, epochs(), (s) => s).catch((e) => e);
    expect(isTrialPruned(err)).toBe(true);
    expect(t.reports.map(([step]) => step)).toEqual([0, 1, 2, 3]);
  });

  it('checks each step before it runs: a repeat fails before its step function', async () => {
    function* steps() {
      yield 2;
      yield 2;
    }
    const t = fakeTrial();
    const ran: number[] = [];
    const err = await runWithReports(t, steps(), (s) => {
      ran.push(s);
      return s;
    }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(String(err.message)).toMatch(/every step must be distinct; 2 repeats/);
    expect(ran).toEqual([2]);
    function* none() {}
    await expect(runWithReports(t, none(), (s) => s)).rejects.toThrow(
      /must hold at least one step/,
    );
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

describe('iterativeObjective over an endless generator', () => {
  it('is an InvalidArgumentError past 10,000,000 steps, not an out-of-memory abort', () => {
    function* endless(): Generator<number> {
      for (let i = 0; ; i++) yield i;
    }
    const build = () => iterativeObjective({ steps: endless(), setup: () => 0, step: () => 0 });
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(/^steps = "\[object Generator\]": holds more than 10000000 steps/);
  });
});
