import {
  type FrozenTrial,
  float,
  InvalidArgumentError,
  makeFrozenTrial,
  makeStudyView,
} from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { maxTrialsCallback } from './max-trials.js';
import { regretBound } from './regret-bound.js';
import { stagnationCallback, trialsSinceImprovement } from './stagnation.js';
import {
  crossValidationError,
  reportCrossValidationScores,
  statisticalError,
  type TerminatorCallbackOptions,
  terminatorCallback,
} from './terminator.js';
import { completeWith, trialWith } from './test-utils.js';

function stoppable(
  trials: Parameters<typeof makeStudyView>[0]['trials'],
  direction: 'minimize' | 'maximize' = 'minimize',
) {
  let stops = 0;
  const view = makeStudyView({ trials, directions: [direction], onStop: () => stops++ });
  return { view, stops: () => stops };
}

const done = (values: number[]) => values.map((v, i) => completeWith(i, [v]));

describe('maxTrialsCallback', () => {
  it('stops once n trials in the given states exist (COMPLETE by default)', async () => {
    const trials = [...done([1, 2]), trialWith(2, [1], { state: 'PRUNED' }), trialWith(3, [])];
    const a = stoppable(trials);
    await maxTrialsCallback(3)(a.view, trials[3]);
    expect(a.stops()).toBe(0);
    await maxTrialsCallback(3, { states: ['COMPLETE', 'PRUNED'] })(a.view, trials[3]);
    expect(a.stops()).toBe(1);
    await maxTrialsCallback(2)(a.view, trials[3]);
    expect(a.stops()).toBe(2);
  });

  it('reads the trials through an async getTrials when the study has one (shared storage)', async () => {
    let stopped = false;
    const study = {
      direction: 'minimize' as const,
      trials: [], // stale cache: the storage knows better
      getTrials: async () => done([1, 2, 3]),
      stop: () => {
        stopped = true;
      },
    };
    await maxTrialsCallback(3)(study, done([1])[0]);
    expect(stopped).toBe(true);
  });

  it('rejects a negative n', () => {
    expect(() => maxTrialsCallback(-1)).toThrow(/^n =/);
  });

  it('rejects a state that does not exist', () => {
    expect(() => maxTrialsCallback(3, { states: ['DONE' as 'COMPLETE'] })).toThrow(
      /^states = \["DONE"\]: .*got DONE/,
    );
  });

  it('takes any iterable of states (a Set, from JavaScript)', async () => {
    const a = stoppable(done([1, 2, 3]));
    const states = new Set(['COMPLETE']) as unknown as ['COMPLETE'];
    await maxTrialsCallback(3, { states })(a.view, a.view.trials[2]);
    expect(a.stops()).toBe(1);
  });

  it('rejects states given as a string, naming the array it wants (not a letter)', () => {
    const states = 'COMPLETE' as unknown as ['COMPLETE'];
    expect(() => maxTrialsCallback(5, { states })).toThrow(
      /^states = "COMPLETE": must be an array of trial states$/,
    );
    const boxed = new String('COMPLETE') as unknown as ['COMPLETE'];
    expect(() => maxTrialsCallback(5, { states: boxed })).toThrow(
      /must be an array of trial states$/,
    );
  });
});

describe('stagnationCallback', () => {
  it('counts COMPLETE trials since the last improvement larger than minDelta', () => {
    expect(trialsSinceImprovement(done([5, 4, 4, 4.5]), 'minimize', 0)).toBe(2);
    expect(trialsSinceImprovement(done([5, 4, 3.9, 3.8]), 'minimize', 0.5)).toBe(2);
    // Small gains add up against the last counted best (4): 3.4 is 0.6 better.
    expect(trialsSinceImprovement(done([5, 4, 3.9, 3.4]), 'minimize', 0.5)).toBe(0);
    expect(trialsSinceImprovement(done([1, 2, 3]), 'maximize', 0)).toBe(0);
    expect(trialsSinceImprovement(done([3, 2, 1]), 'maximize', 0)).toBe(2);
  });

  it('takes the first value as the reference, even an infinite one', () => {
    // Three trials after the first, none better: 3, as for any constant finite value.
    const inf = Number.POSITIVE_INFINITY;
    expect(trialsSinceImprovement(done([inf, inf, inf, inf]), 'minimize', 0)).toBe(3);
    expect(trialsSinceImprovement(done([7, 7, 7, 7]), 'minimize', 0)).toBe(3);
    expect(trialsSinceImprovement(done([-inf, -inf, -inf]), 'maximize', 0)).toBe(2);
    expect(trialsSinceImprovement(done([inf, inf, 5]), 'minimize', 0)).toBe(0);
  });

  it('stops after `patience` trials without improvement', async () => {
    const a = stoppable(done([5, 4, 4, 4.5]));
    await stagnationCallback({ patience: 3 })(a.view, a.view.trials[3]);
    expect(a.stops()).toBe(0);
    await stagnationCallback({ patience: 2 })(a.view, a.view.trials[3]);
    expect(a.stops()).toBe(1);
    expect(() => stagnationCallback({ patience: 0 })).toThrow(/^patience/);
  });
});

describe('terminator', () => {
  it("crossValidationError is Optuna's scaled standard deviation of the fold scores", () => {
    // scores 1, 2, 3: variance (ddof 0) 2/3, scale 1/3 + 1/2 = 5/6 -> sqrt(5/9).
    expect(crossValidationError([1, 2, 3])).toBeCloseTo(Math.sqrt(5 / 9), 12);
  });

  it('crossValidationError rejects fewer than 2 scores or a non-finite one, as reporting does', () => {
    expect(() => crossValidationError([5])).toThrow(/^scores = \[5\]: must hold at least 2/);
    expect(() => crossValidationError([])).toThrow(InvalidArgumentError);
    expect(() => crossValidationError([1, Number.NaN])).toThrow(/every score must be a finite/);
  });

  it("reads the best trial's cvScores, else its cvStd", () => {
    const a = completeWith(0, [1], { userAttrs: { cvScores: [1, 2, 3] } });
    const b = completeWith(1, [2], { userAttrs: { cvStd: 0.25 } });
    expect(statisticalError([a, b], 'minimize')).toBeCloseTo(Math.sqrt(5 / 9), 12);
    expect(statisticalError([a, b], 'maximize')).toBe(0.25);
    expect(statisticalError([completeWith(0, [1])], 'minimize')).toBeUndefined();
  });

  // A 1-D quadratic sampled on a regular grid: 30 COMPLETE trials.
  const dist = float(-1, 1);
  const quadratic = Array.from({ length: 30 }, (_, i) => {
    const x = -1 + (2 * i) / 29;
    return makeFrozenTrial({
      number: i,
      params: { x },
      distributions: { x: dist },
      values: [x * x],
    });
  });

  it('regretBound is non-negative, reproducible for a seed, and undefined without shared params', () => {
    const r1 = regretBound(quadratic, 'minimize', { seed: 1, nSamples: 256 });
    const r2 = regretBound(quadratic, 'minimize', { seed: 1, nSamples: 256 });
    expect(r1).toBeGreaterThanOrEqual(0);
    expect(r1).toBe(r2);
    expect(regretBound(done([1, 2]), 'minimize')).toBeUndefined();
    expect(regretBound([], 'minimize')).toBeUndefined();
    // Constant values leave nothing to gain: the bound collapses with the 1e-10 std floor.
    const flat = quadratic.map((t) => makeFrozenTrial({ ...t, values: [1] }));
    expect(regretBound(flat, 'minimize', { nSamples: 64 }) as number).toBeLessThan(1e-8);
  });

  it('reportCrossValidationScores stores the fold scores the terminator reads', () => {
    const attrs: Record<string, unknown> = {};
    const trial = {
      setUserAttr(k: string, v: unknown) {
        attrs[k] = v;
      },
    };
    reportCrossValidationScores(trial, [1, 2, 3]);
    reportCrossValidationScores(trial, [4, 6], { scoresAttr: 'folds' });
    expect(attrs).toEqual({ cvScores: [1, 2, 3], folds: [4, 6] });
    const best = completeWith(0, [1], { userAttrs: { cvScores: attrs.cvScores as number[] } });
    // scores 1, 2, 3 as above: sqrt(5/9).
    expect(statisticalError([best], 'minimize')).toBeCloseTo(Math.sqrt(5 / 9), 12);
    expect(() => reportCrossValidationScores(trial, [1])).toThrow(/^scores = \[1\]: .*at least 2/);
    expect(() => reportCrossValidationScores(trial, [1, Number.NaN])).toThrow(
      /^scores = \[1,NaN\]: every score must be a finite number/,
    );
  });

  it('rejects regret-bound options that would make the bound NaN or infinite', () => {
    const bad: [Record<string, number>, RegExp][] = [
      [{ topTrialsRatio: Number.NaN }, /^topTrialsRatio = NaN: must be a finite number >= 0/],
      [{ topTrialsRatio: -0.5 }, /^topTrialsRatio = -0.5/],
      [{ delta: 0 }, /^delta = 0: must be a number in \(0, 1\)/],
      [{ delta: -0.1 }, /^delta = -0.1/],
      [{ delta: Number.NaN }, /^delta = NaN/],
      [{ delta: 1 }, /^delta = 1/],
      [{ nSamples: -1 }, /^nSamples = -1: must be an integer >= 0/],
      [{ nSamples: 2.5 }, /^nSamples = 2.5/],
      [{ seed: Number.NaN }, /^seed = NaN: must be a finite number/],
    ];
    for (const [options, message] of bad) {
      expect(() => terminatorCallback(options)).toThrow(InvalidArgumentError);
      expect(() => terminatorCallback(options)).toThrow(message);
      expect(() => regretBound(quadratic, 'minimize', options)).toThrow(message);
    }
    // As in Optuna: a ratio of 0 uses the top minNTrials (20 of the 30), one above 1 all 30,
    // and no random points leaves the maximum over the top trials.
    const opts = { nSamples: 64, seed: 3 };
    expect(regretBound(quadratic, 'minimize', { ...opts, topTrialsRatio: 0 })).toBe(
      regretBound(quadratic, 'minimize', { ...opts, topTrialsRatio: 20 / 30 }),
    );
    expect(regretBound(quadratic, 'minimize', { ...opts, topTrialsRatio: 1.5 })).toBe(
      regretBound(quadratic, 'minimize', { ...opts, topTrialsRatio: 1 }),
    );
    expect(regretBound(quadratic, 'minimize', { nSamples: 0 })).toBeGreaterThanOrEqual(0);
  });

  it('regretBound rejects a direction it does not know, and trials that are not an array', () => {
    // Any other direction used to give the maximize bound; null trials a bare TypeError.
    for (const [direction, shown] of [
      ['minimise', '"minimise"'],
      ['MINIMIZE', '"MINIMIZE"'],
      [undefined, 'undefined'],
    ]) {
      for (const trials of [quadratic, []]) {
        const run = () => regretBound(trials, direction as 'minimize', { nSamples: 16 });
        expect(run).toThrow(InvalidArgumentError);
        expect(run).toThrow(`direction = ${shown}: must be 'minimize' or 'maximize'`);
      }
    }
    const run = () => regretBound(null as unknown as FrozenTrial[], 'minimize');
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(/^trials = null: must be an array of trials$/);
  });

  it('rejects an onEvaluate or attr name it could not use when built, not after minNTrials', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ onEvaluate: 5 }, /^onEvaluate = 5: must be a function$/],
      [{ onEvaluate: 'log' }, /^onEvaluate = "log": must be a function$/],
      [{ scoresAttr: 5 }, /^scoresAttr = 5: must be a non-empty string \(a user attr name\)$/],
      [{ scoresAttr: '' }, /^scoresAttr = "": must be a non-empty string/],
      [{ stdAttr: ['cvStd'] }, /^stdAttr = \["cvStd"\]: must be a non-empty string/],
      [{ stdAttr: '' }, /^stdAttr = "": must be a non-empty string/],
    ];
    for (const [options, message] of bad) {
      const build = () => terminatorCallback(options as TerminatorCallbackOptions);
      expect(build).toThrow(InvalidArgumentError);
      expect(build).toThrow(message);
    }
    // The writer of the fold scores takes the same names as their reader.
    const trial = { setUserAttr() {} };
    expect(() =>
      reportCrossValidationScores(trial, [1, 2], { scoresAttr: 5 as unknown as string }),
    ).toThrow(/^scoresAttr = 5: must be a non-empty string/);
    // null stands for the default, as it did.
    const none = { onEvaluate: null, scoresAttr: null, stdAttr: null };
    expect(typeof terminatorCallback(none as unknown as TerminatorCallbackOptions)).toBe(
      'function',
    );
  });

  it('stops exactly when the regret bound is below the error', async () => {
    // The callback seeds the bound with seed + number of COMPLETE trials (30 here).
    const bound = regretBound(quadratic, 'minimize', { nSamples: 128, seed: 30 }) as number;
    expect(bound).toBeGreaterThan(0);
    const above = stoppable(quadratic);
    await terminatorCallback({ errorEstimate: bound * 1.001, nSamples: 128 })(
      above.view,
      quadratic[29],
    );
    expect(above.stops()).toBe(1);
    const below = stoppable(quadratic);
    await terminatorCallback({ errorEstimate: bound * 0.999, nSamples: 128 })(
      below.view,
      quadratic[29],
    );
    expect(below.stops()).toBe(0);
  });

  it('stops when the regret bound falls below the error, not before minNTrials', async () => {
    const big = stoppable(quadratic);
    await terminatorCallback({ errorEstimate: 1e6, nSamples: 128 })(big.view, quadratic[29]);
    expect(big.stops()).toBe(1);
    const zero = stoppable(quadratic);
    await terminatorCallback({ errorEstimate: 0, nSamples: 128 })(zero.view, quadratic[29]);
    expect(zero.stops()).toBe(0);
    const early = stoppable(quadratic.slice(0, 19));
    await terminatorCallback({ errorEstimate: 1e6, nSamples: 128 })(early.view, quadratic[18]);
    expect(early.stops()).toBe(0);
    // Without an error estimate or cv attrs there is nothing to compare with.
    const none = stoppable(quadratic);
    await terminatorCallback({ nSamples: 128 })(none.view, quadratic[29]);
    expect(none.stops()).toBe(0);
  });
});
