import { float } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { createStudy } from './create-study.js';
import { InvalidArgumentError } from './errors.js';
import { IndependentDelegate } from './independent-delegate.js';
import type { FrozenTrial, JsonValue, Sampler, StudyView, TrialState } from './types.js';
import { makeFrozenTrial, makeStudyView } from './view.js';

const view: StudyView = makeStudyView({ trials: [] });
const trialA: FrozenTrial = makeFrozenTrial({ number: 0, trialId: 7 });
const trialB: FrozenTrial = makeFrozenTrial({ number: 1, trialId: 8 });
const x = float(0, 1);

/** A delegate that logs every hook and hands over one attribute set per trial, once. */
function recordingSampler(attrs: Record<number, Record<string, JsonValue>>): {
  sampler: Sampler;
  calls: string[];
} {
  const calls: string[] = [];
  const given = new Set<number>();
  const sampler: Sampler = {
    name: 'recording',
    sampleIndependent: (_s, t, name) => {
      calls.push(`sample ${name} ${t.number}`);
      return 0.25;
    },
    beforeTrial: (_s, t) => void calls.push(`before ${t.number}`),
    afterTrial: (_s, t, state: TrialState, values?: number[]) =>
      void calls.push(`after ${t.number} ${state} ${JSON.stringify(values)}`),
    takeSystemAttrs: (t) => {
      if (given.has(t.trialId)) return undefined;
      given.add(t.trialId);
      return attrs[t.trialId];
    },
  };
  return { sampler, calls };
}

describe('IndependentDelegate', () => {
  it('forwards sampling and every hook, with their arguments, to the delegate', () => {
    const { sampler, calls } = recordingSampler({});
    const d = new IndependentDelegate(sampler);
    d.beforeTrial(view, trialA);
    expect(d.sample(view, trialA, 'x', x, () => 0.9)).toBe(0.25);
    d.afterTrial(view, trialA, 'COMPLETE', [1.5]);
    expect(calls).toEqual(['before 0', 'sample x 0', 'after 0 COMPLETE [1.5]']);
    expect(d.sampler).toBe(sampler);
  });

  it('runs the fallback only when there is no delegate, and its hooks do nothing', () => {
    const d = new IndependentDelegate(undefined);
    let fallbacks = 0;
    expect(
      d.sample(view, trialA, 'x', x, () => {
        fallbacks++;
        return 0.9;
      }),
    ).toBe(0.9);
    expect(fallbacks).toBe(1);
    d.beforeTrial(view, trialA);
    d.afterTrial(view, trialA, 'FAIL');
    expect(d.takeSystemAttrs(trialA)).toBeUndefined();

    const { sampler } = recordingSampler({});
    const withDelegate = new IndependentDelegate(sampler);
    withDelegate.sample(view, trialA, 'x', x, () => {
      fallbacks++;
      return 0.9;
    });
    expect(fallbacks).toBe(1);
  });

  it("merges the held attributes with the delegate's, the held winning on a shared key", () => {
    const { sampler } = recordingSampler({ 7: { shared: 'theirs', only: 1 } });
    const d = new IndependentDelegate(sampler);
    d.hold(trialA, { shared: 'mine', own: true });
    expect(d.takeSystemAttrs(trialA)).toEqual({ shared: 'mine', own: true, only: 1 });
  });

  it('hands each set over once, per trial, and the last hold for a trial wins', () => {
    const { sampler } = recordingSampler({ 8: { theirs: 2 } });
    const d = new IndependentDelegate(sampler);
    d.hold(trialA, { first: 1 });
    d.hold(trialA, { second: 2 });
    d.hold(trialB, { mine: 3 });
    expect(d.takeSystemAttrs(trialA)).toEqual({ second: 2 });
    expect(d.takeSystemAttrs(trialA)).toBeUndefined();
    expect(d.takeSystemAttrs(trialB)).toEqual({ mine: 3, theirs: 2 });
    expect(d.takeSystemAttrs(trialB)).toBeUndefined();
  });

  it("returns the delegate's attributes alone when nothing is held", () => {
    const { sampler } = recordingSampler({ 7: { theirs: 1 } });
    expect(new IndependentDelegate(sampler).takeSystemAttrs(trialA)).toEqual({ theirs: 1 });
  });

  it('refuses, when built, a delegate that is not a sampler', () => {
    for (const bad of [null, {}, 42, { sampleIndependent: 'x' }]) {
      expect(() => new IndependentDelegate(bad as unknown as Sampler)).toThrow(
        /independentSampler = .*must be a Sampler/,
      );
      expect(() => new IndependentDelegate(bad as unknown as Sampler)).toThrow(
        InvalidArgumentError,
      );
    }
  });

  it('drops what is held for a trial once the trial is over', () => {
    const d = new IndependentDelegate(undefined);
    d.hold(trialA, { mine: 1 });
    d.hold(trialB, { mine: 2 });
    d.afterTrial(view, trialA, 'PRUNED');
    expect(d.takeSystemAttrs(trialA)).toBeUndefined();
    expect(d.takeSystemAttrs(trialB)).toEqual({ mine: 2 });
  });

  it("gets both samplers' attributes stored on the trial by the runtime", async () => {
    // A sampler built on the delegate, around one that hands over an id per trial (as the
    // grid sampler does); trial ids of a new in-memory study start at 0.
    const { sampler: stub } = recordingSampler({ 0: { 'stub:id': 0 }, 1: { 'stub:id': 10 } });
    const delegate = new IndependentDelegate(stub);
    const outer: Sampler = {
      name: 'outer',
      sampleIndependent: (s, t, name, dist) => delegate.sample(s, t, name, dist, () => 0),
      beforeTrial: (s, t) => {
        delegate.hold(t, { 'outer:n': t.number + 100 });
        delegate.beforeTrial(s, t);
      },
      afterTrial: (s, t, state, values) => delegate.afterTrial(s, t, state, values),
      takeSystemAttrs: (t) => delegate.takeSystemAttrs(t),
    };
    const study = await createStudy({ sampler: outer });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 2 });
    expect(study.trials.map((t) => t.systemAttrs['stub:id'])).toEqual([0, 10]);
    expect(study.trials.map((t) => t.systemAttrs['outer:n'])).toEqual([100, 101]);
    expect(study.trials.map((t) => t.params.x)).toEqual([0.25, 0.25]);
  });
});
