import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import {
  completedRungKey,
  decodeRungValue,
  encodeRungValue,
  estimateMinResource,
  isPromotable,
  SuccessiveHalvingPruner,
} from './successive-halving.js';
import { completeWith, trialWith, viewOf } from './test-utils.js';

describe('SuccessiveHalvingPruner', () => {
  it('places rung r at minResource * reductionFactor^(minEarlyStoppingRate + r)', () => {
    const p = new SuccessiveHalvingPruner({
      minResource: 2,
      reductionFactor: 3,
      minEarlyStoppingRate: 1,
    });
    expect([0, 1, 2].map((r) => p.rungStep(r, 2))).toEqual([6, 18, 54]);
  });

  it('promotes the top floor(n / eta) of the values at a rung, its own value included', () => {
    // eta 2, rung 0 at step 1; three finished trials had 1, 2, 3 at step 1.
    const done = [1, 2, 3].map((v, i) => completeWith(i, [9, v, v]));
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // 4 competitors -> the best 2 go on: [1, 2, 2.5, 3] keeps values <= 2.
    const worse = trialWith(3, [9, 2.5]);
    const equal = trialWith(3, [9, 2]);
    expect(p.prune(viewOf([...done, worse]), worse)).toBe(true);
    expect(p.prune(viewOf([...done, equal]), equal)).toBe(false);
    // Before the first rung nothing is judged.
    const early = trialWith(3, [1000]);
    expect(p.prune(viewOf([...done, early]), early)).toBe(false);
  });

  it('with fewer than reductionFactor competitors only the best one goes on; a lone trial always', () => {
    const p = () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 4 });
    const done = [completeWith(0, [0, 1]), completeWith(1, [0, 2])];
    const mid = trialWith(2, [0, 1.5]);
    const best = trialWith(2, [0, 0.5]);
    expect(p().prune(viewOf([...done, mid]), mid)).toBe(true);
    expect(p().prune(viewOf([...done, best]), best)).toBe(false);
    const alone = trialWith(0, [0, 1e9]);
    expect(p().prune(viewOf([alone]), alone)).toBe(false);
  });

  it('judges a trial at the rung it reaches against that rung only', () => {
    // eta 2: rungs at steps 1, 2, 4. Finished trials: A reached rung 1 with 5, B only rung 0.
    const a = completeWith(0, [0, 1, 5, 5, 5]);
    const b = trialWith(1, [0, 3], { state: 'PRUNED' });
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // At step 2 the trial (rung 0 passed at step 1 with 2) competes at rung 1 with A's 5 only.
    const t = trialWith(2, [0, 2, 4]);
    expect(p.prune(viewOf([a, b, t]), t)).toBe(false);
    const t2 = trialWith(2, [0, 2, 6]);
    expect(p.prune(viewOf([a, b, t2]), t2)).toBe(true);
  });

  it('counts a rung reached at a sparse report with the value of that report', () => {
    // Reports at 0 and 3 only: with eta 2 the rungs at steps 1 and 2 were both reached at step 3.
    const a = completeWith(0, { 0: 0, 3: 1 });
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const t = trialWith(1, { 0: 0, 1: 0.5, 2: 2 });
    // Rung 1 (step 2): competitors A (1 at step 3) and t (2): t is not the best -> prune.
    expect(p.prune(viewOf([a, t]), t)).toBe(true);
  });

  it('maximises', () => {
    const done = [1, 2, 3].map((v, i) => completeWith(i, [0, v]));
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // [1, 2, 2.5, 3]: the best two when maximising are 3 and 2.5.
    const good = trialWith(3, [0, 2.5]);
    const bad = trialWith(3, [0, 1.5]);
    expect(p.prune(viewOf([...done, good], 'maximize'), good)).toBe(false);
    expect(p.prune(viewOf([...done, bad], 'maximize'), bad)).toBe(true);
  });

  it('prunes a NaN at a rung, not before it', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 2 });
    const before = trialWith(0, [Number.NaN, Number.NaN]);
    const at = trialWith(0, [0, 0, Number.NaN]);
    expect(p.prune(viewOf([before]), before)).toBe(false);
    expect(p.prune(viewOf([at]), at)).toBe(true);
  });

  it('prunes while no more than bootstrapCount trials reached the rung', () => {
    const p = new SuccessiveHalvingPruner({
      minResource: 1,
      reductionFactor: 2,
      bootstrapCount: 2,
    });
    const first = completeWith(0, [0, 5]);
    const t = trialWith(1, [0, 1]);
    // Two competitors (first and t) <= 2: pruned although t is the best.
    expect(p.prune(viewOf([first, t]), t)).toBe(true);
    const second = completeWith(1, [0, 6]);
    const u = trialWith(2, [0, 1]);
    expect(p.prune(viewOf([first, second, u]), u)).toBe(false);
  });

  it("estimates 'auto' from the longest COMPLETE trial: max(floor(lastStep / 100), 1)", () => {
    expect(estimateMinResource([])).toBeNull();
    expect(estimateMinResource([completeWith(0, { 250: 1 })])).toBe(2);
    expect(estimateMinResource([completeWith(0, { 50: 1 })])).toBe(1);
    const p = new SuccessiveHalvingPruner();
    const t = trialWith(0, [0, 1, 2]);
    expect(p.prune(viewOf([t]), t)).toBe(false);
    expect(p.minResource).toBeNull();
    const done = completeWith(0, { 0: 0, 399: 0 });
    const u = trialWith(1, [0, 1, 2]);
    p.prune(viewOf([done, u]), u);
    expect(p.minResource).toBe(3);
  });

  it('hands the rung values it decided to takeSystemAttrs, once', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const t = trialWith(0, [0, 1, 0.5]);
    p.prune(viewOf([t]), t);
    // Rung 0 (step 1) was passed at the earlier report; this call recorded rung 1 (step 2).
    expect(p.takeSystemAttrs(t)).toEqual({ [completedRungKey(1)]: 0.5 });
    expect(p.takeSystemAttrs(t)).toBeUndefined();
  });

  it('forgets untaken attrs of trials that are no longer running', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // Each call sees only its own (running) trial; from 64 pending entries on, the others go.
    for (let n = 0; n < 70; n++) {
      const t = trialWith(n, [0, 1]);
      p.prune(viewOf([t]), t);
    }
    expect(p.takeSystemAttrs(trialWith(0, []))).toBeUndefined();
    expect(p.takeSystemAttrs(trialWith(69, []))).toEqual({ [completedRungKey(0)]: 1 });
  });

  it('prefers stored completed_rung attrs over values re-derived from reports', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // Stored rung 0 value 0.1 (written by a runtime that stores attrs) beats t's 0.5.
    const other = completeWith(0, [0, 9], { systemAttrs: { [completedRungKey(0)]: 0.1 } });
    const t = trialWith(1, [0, 0.5]);
    expect(p.prune(viewOf([other, t]), t)).toBe(true);
  });

  it('with a runtime that stores rung attrs, rungs are recorded where shouldPrune is called, as in Optuna', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 4, reductionFactor: 2 });
    // Expected decisions checked with Optuna 3.1 (/usr/bin/python3): the same reports,
    // should_prune() at the same steps, in a study holding the same trials.
    // A storing runtime takes the attrs after each prune call; trial 0 checks at step 4 only.
    const first = trialWith(0, [5, 5, 5, 5, 0.1]);
    expect(p.prune(viewOf([first]), first)).toBe(false); // alone at rung 0: promoted
    const stored = p.takeSystemAttrs(first);
    expect(stored).toEqual({ [completedRungKey(0)]: 0.1 });
    const done = completeWith(0, [5, 5, 5, 5, 0.1, 0.1], { systemAttrs: stored });
    // Trial 1 reported through steps 4 and 8 (rungs 0 and 1) but checks first at step 10.
    // Optuna: no rung attr yet -> rung 0 (step 4 <= 10), recorded with the value at step 10
    // (0.5) against trial 0's 0.1; two competitors < eta -> only the best goes on: pruned.
    // Re-deriving from the reports would put it past rungs 0 and 1 and not judge it at all.
    const late = trialWith(1, [5, 5, 5, 5, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.5]);
    expect(p.prune(viewOf([done, late]), late)).toBe(true);
    expect(p.takeSystemAttrs(late)).toEqual({ [completedRungKey(0)]: 0.5 });
    // A finished trial that reported past rung 0 without ever being checked holds no rung
    // (Optuna records rungs only in prune), so trial 3 is alone at rung 0 and goes on.
    const unchecked = completeWith(2, [5, 5, 5, 5, 0.01, 0.01]);
    const lone = trialWith(3, [5, 5, 5, 5, 0.5]);
    expect(p.prune(viewOf([unchecked, lone]), lone)).toBe(false);
  });

  it('with context.storesSystemAttrs, stored attrs are the whole record from the first call on', () => {
    // Rungs at steps 1, 2, 4, 8, 16; the trial reported steps 0..10 and is checked at 10 only.
    const t = trialWith(
      0,
      Array.from({ length: 11 }, (_, s) => 1 + 1 / (s + 1)),
    );
    const storing = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // No rung stored: rung 0, and alone it passes rungs 0..3 with its value at step 10.
    expect(storing.prune(viewOf([t]), t, { storesSystemAttrs: true })).toBe(false);
    expect(storing.takeSystemAttrs(t)).toEqual(
      Object.fromEntries([0, 1, 2, 3].map((r) => [completedRungKey(r), 1 + 1 / 11])),
    );
    // A caller that says nothing may never store: the reports place the trial past rungs
    // 0..3 (as if checked at every report), so this check decides no rung.
    const deriving = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    expect(deriving.prune(viewOf([t]), t)).toBe(false);
    expect(deriving.takeSystemAttrs(t)).toBeUndefined();
  });

  it('gives the same answer when asked twice at the same step', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const done = [completeWith(0, [0, 1])];
    const t = trialWith(1, [0, 0.5]);
    expect(p.prune(viewOf([...done, t]), t)).toBe(false);
    expect(p.prune(viewOf([...done, t]), t)).toBe(false);
  });

  it('isPromotable is Optuna’s rule', () => {
    expect(isPromotable(2, [1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 'minimize')).toBe(true); // top 3 of 9
    expect(isPromotable(4, [1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 'minimize')).toBe(false);
    expect(isPromotable(7, [1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 'maximize')).toBe(true);
    expect(isPromotable(6, [1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 'maximize')).toBe(false);
  });

  it('rejects invalid options', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ minResource: 0 }, 'minResource'],
      [{ minResource: 1.5 }, 'minResource'],
      [{ reductionFactor: 1 }, 'reductionFactor'],
      [{ minEarlyStoppingRate: -1 }, 'minEarlyStoppingRate'],
      [{ bootstrapCount: -1 }, 'bootstrapCount'],
      [{ bootstrapCount: 1 }, 'bootstrapCount'], // with minResource 'auto'
    ];
    for (const [options, param] of cases) {
      expect(() => new SuccessiveHalvingPruner(options)).toThrow(InvalidArgumentError);
      expect(() => new SuccessiveHalvingPruner(options)).toThrow(new RegExp(`^${param}`));
    }
    expect(() => new SuccessiveHalvingPruner({ minResource: 1, bootstrapCount: 1 })).not.toThrow();
  });
});

describe('rung values as stored', () => {
  it('round-trip through JSON, infinities as strings, -0 as 0 (what JSON storages give back)', () => {
    for (const v of [1.5, -2, 1e-300, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const stored = encodeRungValue(v);
      const read = decodeRungValue(JSON.parse(JSON.stringify(stored)));
      // The writing process (which keeps `stored`) and any reader of the storage agree.
      expect(Object.is(decodeRungValue(stored), read)).toBe(true);
      expect(read).toBe(v === 0 ? 0 : v);
    }
  });
});
