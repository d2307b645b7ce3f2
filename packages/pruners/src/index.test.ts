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
});
