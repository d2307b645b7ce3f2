import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { HyperbandPruner } from './hyperband.js';
import { iterativeObjective } from './iterative.js';
import { maxTrialsCallback } from './max-trials.js';
import { MedianPruner } from './median.js';
import { PatientPruner } from './patient.js';
import { PercentilePruner } from './percentile.js';
import { regretBound } from './regret-bound.js';
import { stagnationCallback } from './stagnation.js';
import { SuccessiveHalvingPruner } from './successive-halving.js';
import { terminatorCallback } from './terminator.js';
import { ThresholdPruner } from './threshold.js';
import { WilcoxonPruner } from './wilcoxon.js';

// From JavaScript (a spread, a parsed config) a misspelt option used to be ignored and its
// default used; Optuna raises TypeError for an unexpected keyword.
type Loose = Record<string, unknown>;
const loose = <T>(options: Loose): T => options as T;

describe('option names', () => {
  const cases: readonly [string, () => unknown, string][] = [
    ['MedianPruner', () => new MedianPruner(loose({ n_startup_trials: 0 })), 'n_startup_trials'],
    ['MedianPruner', () => new MedianPruner(loose({ nWarmUpSteps: 10 })), 'nWarmUpSteps'],
    // A percentile is PercentilePruner's option: the median's is 50.
    ['MedianPruner', () => new MedianPruner(loose({ percentile: 25 })), 'percentile'],
    [
      'PercentilePruner',
      () => new PercentilePruner(loose({ percentile: 25, n_min_trials: 2 })),
      'n_min_trials',
    ],
    [
      'SuccessiveHalvingPruner',
      () => new SuccessiveHalvingPruner(loose({ reduction_factor: 2 })),
      'reduction_factor',
    ],
    ['HyperbandPruner', () => new HyperbandPruner(loose({ minResouce: 3 })), 'minResouce'],
    ['ThresholdPruner', () => new ThresholdPruner(loose({ lower: 0, upp: 1 })), 'upp'],
    [
      'PatientPruner',
      () => new PatientPruner(null, loose({ patience: 1, min_delta: 0.1 })),
      'min_delta',
    ],
    ['WilcoxonPruner', () => new WilcoxonPruner(loose({ p_threshold: 0.5 })), 'p_threshold'],
    ['maxTrialsCallback', () => maxTrialsCallback(3, loose({ state: ['COMPLETE'] })), 'state'],
    [
      'stagnationCallback',
      () => stagnationCallback(loose({ patience: 3, mindelta: 0 })),
      'mindelta',
    ],
    ['terminatorCallback', () => terminatorCallback(loose({ min_n_trials: 5 })), 'min_n_trials'],
    ['regretBound', () => regretBound([], 'minimize', loose({ n_samples: 8 })), 'n_samples'],
    [
      'iterativeObjective',
      () => iterativeObjective({ steps: 3, setup: () => 0, step: () => 0, final: 1 } as never),
      'final',
    ],
  ];

  it.each(cases)('%s refuses an unknown option, naming it', (owner, make, name) => {
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(new RegExp(`^${name} = .*is not an option of ${owner}`));
  });

  it("hints the camelCase name for Optuna's spelling", () => {
    expect(() => new MedianPruner(loose({ n_startup_trials: 0 }))).toThrow(
      /did you mean nStartupTrials\?/,
    );
  });

  it('accepts every documented option of each (their defaults, written out)', () => {
    expect(
      () =>
        new PercentilePruner({
          percentile: 25,
          nStartupTrials: 5,
          nWarmupSteps: 0,
          intervalSteps: 1,
          nMinTrials: 1,
        }),
    ).not.toThrow();
    expect(
      () =>
        new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 0, intervalSteps: 1, nMinTrials: 1 }),
    ).not.toThrow();
    expect(
      () =>
        new SuccessiveHalvingPruner({
          minResource: 'auto',
          reductionFactor: 4,
          minEarlyStoppingRate: 0,
          bootstrapCount: 0,
        }),
    ).not.toThrow();
    expect(
      () =>
        new HyperbandPruner({
          minResource: 1,
          maxResource: 'auto',
          reductionFactor: 3,
          bootstrapCount: 0,
        }),
    ).not.toThrow();
    expect(
      () => new ThresholdPruner({ lower: 0, upper: 1, nWarmupSteps: 0, intervalSteps: 1 }),
    ).not.toThrow();
    expect(() => new PatientPruner(null, { patience: 1, minDelta: 0 })).not.toThrow();
    expect(() => new WilcoxonPruner({ pThreshold: 0.1, nStartupSteps: 2 })).not.toThrow();
    expect(() => maxTrialsCallback(3, { states: ['COMPLETE'] })).not.toThrow();
    expect(() => stagnationCallback({ patience: 3, minDelta: 0 })).not.toThrow();
    expect(() =>
      terminatorCallback({
        topTrialsRatio: 0.5,
        minNTrials: 20,
        nSamples: 2048,
        delta: 0.1,
        seed: 1,
        errorEstimate: 0.1,
        scoresAttr: 'cvScores',
        stdAttr: 'cvStd',
        onEvaluate: () => undefined,
        warmStart: false,
      }),
    ).not.toThrow();
    expect(() =>
      iterativeObjective({ steps: 3, setup: () => 0, step: () => 0, finalValue: (_s, v) => v }),
    ).not.toThrow();
  });
});
