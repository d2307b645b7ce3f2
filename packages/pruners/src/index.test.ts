import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'HyperbandPruner',
      'MedianPruner',
      'NopPruner',
      'PatientPruner',
      'PercentilePruner',
      'SuccessiveHalvingPruner',
      'ThresholdPruner',
      'WilcoxonPruner',
      'completedRungKey',
      'crossValidationError',
      'decodeRungValue',
      'encodeRungValue',
      'iterativeObjective',
      'maxTrialsCallback',
      'regretBound',
      'reportCrossValidationScores',
      'runWithReports',
      'signedRankTest',
      'stagnationCallback',
      'terminatorCallback',
    ]);
  });

  it("names each built-in pruner by its class, as the contract's optional name", () => {
    const made: readonly [string, { readonly name?: string }][] = [
      ['HyperbandPruner', new api.HyperbandPruner()],
      ['MedianPruner', new api.MedianPruner()],
      ['NopPruner', new api.NopPruner()],
      ['PatientPruner', new api.PatientPruner(null, { patience: 1 })],
      ['PercentilePruner', new api.PercentilePruner({ percentile: 25 })],
      ['SuccessiveHalvingPruner', new api.SuccessiveHalvingPruner()],
      ['ThresholdPruner', new api.ThresholdPruner({ lower: 0 })],
      ['WilcoxonPruner', new api.WilcoxonPruner()],
    ];
    for (const [className, pruner] of made) expect(pruner.name).toBe(className);
  });
});
