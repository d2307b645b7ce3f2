import type { FrozenTrial, Pruner, StudyView } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { MedianPruner } from './median.js';
import { NopPruner } from './nop.js';
import { PatientPruner } from './patient.js';
import { trialWith, viewOf } from './test-utils.js';
import { ThresholdPruner } from './threshold.js';

const judge = (p: Pruner, values: number[], direction: 'minimize' | 'maximize' = 'minimize') => {
  const t = trialWith(0, values);
  return p.prune(viewOf([t], direction), t);
};

describe('PatientPruner', () => {
  it('prunes after `patience` steps without improvement on the best before them', () => {
    const p = new PatientPruner(null, { patience: 2 });
    // Needs more than patience + 1 = 3 steps.
    expect(judge(p, [1, 2, 3])).toBe(false);
    // before [1], after [2, 3, 4]: min after 2 > 1 -> prune.
    expect(judge(p, [1, 2, 3, 4])).toBe(true);
    // before [5], after [6, 4, 7]: 4 < 5 improved -> keep.
    expect(judge(p, [5, 6, 4, 7])).toBe(false);
    // Equal is not worse: 1 + 0 < 1 is false.
    expect(judge(p, [1, 1, 1, 1])).toBe(false);
  });

  it('counts only improvements larger than minDelta as progress', () => {
    // before [1], after min 1.5: 1 + 1 < 1.5 false -> keep; 1 + 0.4 < 1.5 -> prune.
    expect(judge(new PatientPruner(null, { patience: 1, minDelta: 1 }), [1, 1.5, 1.6])).toBe(false);
    expect(judge(new PatientPruner(null, { patience: 1, minDelta: 0.4 }), [1, 1.5, 1.6])).toBe(
      true,
    );
  });

  it('maximises', () => {
    const p = new PatientPruner(null, { patience: 1 });
    expect(judge(p, [5, 4, 3], 'maximize')).toBe(true);
    expect(judge(p, [5, 4, 6], 'maximize')).toBe(false);
  });

  it('ignores NaN in the windows and never prunes on an all-NaN window', () => {
    const p = new PatientPruner(null, { patience: 1 });
    expect(judge(p, [1, Number.NaN, 2, 3])).toBe(true); // before [1, NaN] -> 1
    expect(judge(p, [Number.NaN, 2, 3])).toBe(false);
  });

  it('asks the wrapped pruner only once patience ran out, and forwards its sampler view', () => {
    const calls: number[] = [];
    const narrowed = viewOf([]);
    const inner: Pruner = {
      prune(_s: StudyView, t: FrozenTrial) {
        calls.push(t.intermediateValues.size);
        return false;
      },
      samplerView: () => narrowed,
    };
    const p = new PatientPruner(inner, { patience: 1 });
    expect(judge(p, [1, 0.5, 0.4])).toBe(false);
    expect(calls).toEqual([]);
    expect(judge(p, [1, 2, 3])).toBe(false);
    expect(calls).toEqual([3]);
    expect(p.samplerView?.(viewOf([]), trialWith(0, []))).toBe(narrowed);
    expect(new PatientPruner(null, { patience: 1 }).samplerView).toBeUndefined();
  });

  it('passes the runtime context on to the wrapped pruner', () => {
    const seen: unknown[] = [];
    const inner: Pruner = {
      prune(_s, _t, context) {
        seen.push(context);
        return true;
      },
    };
    const p = new PatientPruner(inner, { patience: 1 });
    const t = trialWith(0, [1, 2, 3]);
    expect(p.prune(viewOf([t]), t, { storesSystemAttrs: true })).toBe(true);
    expect(seen).toEqual([{ storesSystemAttrs: true }]);
  });

  it('rejects a wrapped value that is not a pruner', () => {
    expect(() => new PatientPruner({} as never, { patience: 1 })).toThrow(
      /^wrapped = \{\}: must be a pruner/,
    );
  });

  it('rejects negative patience and minDelta', () => {
    expect(() => new PatientPruner(null, { patience: -1 })).toThrow(/^patience/);
    expect(() => new PatientPruner(null, { patience: 1, minDelta: -1 })).toThrow(/^minDelta/);
  });
});

describe('readsOtherTrials (whether the runtime re-reads the study after reports)', () => {
  it('is false for pruners that judge a trial by its own values only', () => {
    expect(new NopPruner().readsOtherTrials).toBe(false);
    expect(new ThresholdPruner({ upper: 1 }).readsOtherTrials).toBe(false);
    expect(new PatientPruner(null, { patience: 2 }).readsOtherTrials).toBe(false);
  });

  it('follows the wrapped pruner when PatientPruner wraps one', () => {
    // Median compares with other trials, so it needs a fresh view; Nop does not.
    expect(new PatientPruner(new MedianPruner(), { patience: 2 }).readsOtherTrials).toBe(true);
    expect(new PatientPruner(new NopPruner(), { patience: 2 }).readsOtherTrials).toBe(false);
    expect((new MedianPruner() as Pruner).readsOtherTrials).toBeUndefined();
  });
});
