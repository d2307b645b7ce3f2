import { describe, expect, it } from 'vitest';
import { HyperbandPruner } from './hyperband.js';
import { maxTrialsCallback } from './max-trials.js';
import { MedianPruner } from './median.js';
import { regretBound } from './regret-bound.js';
import { SuccessiveHalvingPruner } from './successive-halving.js';
import { terminatorCallback } from './terminator.js';
import { WilcoxonPruner } from './wilcoxon.js';

// JavaScript callers may pass null where TypeScript says `options?`.
const none = null as unknown as undefined;

describe('null options', () => {
  it('read as none for every pruner with optional options: the defaults', () => {
    expect(new MedianPruner(none).nStartupTrials).toBe(5);
    expect(new WilcoxonPruner(none).pThreshold).toBe(0.1);
    expect(new WilcoxonPruner(none).nStartupSteps).toBe(2);
    expect(new SuccessiveHalvingPruner(none).reductionFactor).toBe(4);
    expect(new HyperbandPruner(none).reductionFactor).toBe(3);
    expect(new HyperbandPruner(none).minResource).toBe(1);
  });

  it('read as none for the callbacks with optional options', () => {
    expect(typeof terminatorCallback(none)).toBe('function');
    expect(typeof maxTrialsCallback(3, none)).toBe('function');
    expect(regretBound([], 'minimize', none)).toBeUndefined();
  });
});
