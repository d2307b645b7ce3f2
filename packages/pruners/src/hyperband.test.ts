import { InvalidArgumentError } from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { HyperbandPruner } from './hyperband.js';
import { completeWith, trialWith, viewOf } from './test-utils.js';

function initialised(options = { minResource: 1, maxResource: 27, reductionFactor: 3 }) {
  const hb = new HyperbandPruner(options);
  const t = trialWith(0, []);
  hb.prune(viewOf([t], 'minimize', 'hb'), t);
  return hb;
}

/** The first trial number >= from that falls in bracket b of study 'hb'. */
function firstInBracket(hb: HyperbandPruner) {
  return (b: number, from = 0): number => {
    for (let i = from; ; i++) if (hb.bracketOf('hb', i) === b) return i;
  };
}

describe('crc32', () => {
  it('is zlib CRC-32 (the standard check values)', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });
});

describe('HyperbandPruner', () => {
  it('has floor(log_eta(max/min)) + 1 brackets with budgets ceil(n * eta^s / (s + 1))', () => {
    // 27 / 1 with eta 3: 4 brackets; s = 3, 2, 1, 0 -> 27, 12, 6, 4.
    expect(initialised().budgets).toEqual([27, 12, 6, 4]);
    expect(initialised({ minResource: 1, maxResource: 100, reductionFactor: 3 }).nBrackets).toBe(5);
    expect(initialised({ minResource: 4, maxResource: 4, reductionFactor: 3 }).budgets).toEqual([
      1,
    ]);
  });

  it('assigns brackets deterministically, roughly in proportion to the budgets', () => {
    const hb = initialised();
    const counts = [0, 0, 0, 0];
    const n = 49_000;
    for (let i = 0; i < n; i++) counts[hb.bracketOf('hb', i)] += 1;
    [27, 12, 6, 4].forEach((b, i) => {
      expect(Math.abs(counts[i] / n - b / 49)).toBeLessThan(0.02);
    });
    const again = initialised();
    for (let i = 0; i < 200; i++) expect(again.bracketOf('hb', i)).toBe(hb.bracketOf('hb', i));
    // Another study name shuffles the assignment.
    const differs = Array.from(
      { length: 200 },
      (_, i) => hb.bracketOf('other', i) !== hb.bracketOf('hb', i),
    );
    expect(differs.some(Boolean)).toBe(true);
  });

  it('puts every trial in an existing bracket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 2, max: 5 }),
        fc.string(),
        fc.nat(),
        (minResource, extra, eta, name, number) => {
          const hb = new HyperbandPruner({
            minResource,
            maxResource: minResource + extra,
            reductionFactor: eta,
          });
          const t = trialWith(0, []);
          hb.prune(viewOf([t], 'minimize', name), t);
          const b = hb.bracketOf(name, number);
          return Number.isInteger(b) && b >= 0 && b < (hb.nBrackets as number);
        },
      ),
    );
  });

  it('judges each trial only against the trials of its own bracket', () => {
    const hb = initialised();
    const inBracket = firstInBracket(hb);
    // Bracket 0 runs SHA with rungs at 1, 3, 9. A better finished trial in bracket 0 prunes a
    // bad newcomer of bracket 0 at step 1; the same good trial in bracket 1 would not count.
    const a = inBracket(0);
    const b = inBracket(0, a + 1);
    const other = inBracket(1);
    const good = completeWith(a, [0, 0.1]);
    const bad = trialWith(b, [0, 5]);
    expect(hb.prune(viewOf([good, bad], 'minimize', 'hb'), bad)).toBe(true);
    const goodElsewhere = completeWith(other, [0, 0.1]);
    expect(hb.prune(viewOf([goodElsewhere, bad], 'minimize', 'hb'), bad)).toBe(false);
  });

  it('starts judging bracket b at minResource * eta^b', () => {
    const hb = initialised();
    const inBracket = firstInBracket(hb);
    // Bracket 2: first rung at step 9. Worse than a finished peer at step 8: not judged yet.
    const a = inBracket(2);
    const b = inBracket(2, a + 1);
    const peer = completeWith(
      a,
      Array.from({ length: 27 }, () => 0),
    );
    const at8 = trialWith(
      b,
      Array.from({ length: 9 }, () => 1),
    );
    const at9 = trialWith(
      b,
      Array.from({ length: 10 }, () => 1),
    );
    expect(hb.prune(viewOf([peer, at8], 'minimize', 'hb'), at8)).toBe(false);
    expect(hb.prune(viewOf([peer, at9], 'minimize', 'hb'), at9)).toBe(true);
  });

  it("passes the runtime context to the bracket's successive halving", () => {
    // Bracket 0 of (1, 27, 3): rungs at steps 1, 3, 9, 27. A trial checked first at step 10,
    // under a runtime that stores rung attrs, is at rung 0 and alone passes rungs 0..2.
    const hb = initialised();
    const t = trialWith(
      firstInBracket(hb)(0),
      Array.from({ length: 11 }, (_, s) => 10 - s),
    );
    expect(hb.prune(viewOf([t], 'minimize', 'hb'), t, { storesSystemAttrs: true })).toBe(false);
    expect(Object.keys(hb.takeSystemAttrs(t) ?? {})).toEqual([
      'completed_rung_0',
      'completed_rung_1',
      'completed_rung_2',
    ]);
  });

  it("with maxResource 'auto', a view taken before the brackets exist narrows once they do", () => {
    const hb = new HyperbandPruner({ minResource: 1, reductionFactor: 3 });
    const list = Array.from({ length: 12 }, (_, i) => trialWith(i, [1, 2]));
    const study = viewOf(list, 'minimize', 'hb-auto');
    const view = hb.samplerView(study, list[11]);
    // No trial completed: no brackets, so the sampler sees every trial (Optuna: bracket 0).
    expect(view.trials).toHaveLength(12);
    // Trial 0 completes after 27 steps; the next prune call makes the brackets (max 28).
    list[0] = completeWith(
      0,
      Array.from({ length: 27 }, () => 1),
    );
    hb.prune(study, list[1]);
    expect(hb.nBrackets).toBe(4);
    const own = hb.bracketOf('hb-auto', 11);
    const expected = list.filter((t) => hb.bracketOf('hb-auto', t.number) === own);
    expect(expected.length).toBeLessThan(12);
    expect(view.trials).toEqual(expected);
    expect(view.getTrials({ states: ['COMPLETE'] })).toEqual(
      expected.filter((t) => t.state === 'COMPLETE'),
    );
  });

  it('shows the sampler only the trials of the same bracket', () => {
    const hb = initialised();
    const trials = Array.from({ length: 60 }, (_, i) => completeWith(i, [i]));
    const study = viewOf(trials, 'minimize', 'hb');
    const current = trialWith(60, []);
    const view = hb.samplerView(study, current);
    const bracket = hb.bracketOf('hb', 60);
    expect(view.trials.length).toBeGreaterThan(0);
    expect(view.trials.every((t) => hb.bracketOf('hb', t.number) === bracket)).toBe(true);
    expect(view.trials.length).toBe(
      trials.filter((t) => hb.bracketOf('hb', t.number) === bracket).length,
    );
    expect(view.getTrials({ states: ['COMPLETE'] })).toEqual(view.trials);
  });

  it("with maxResource 'auto' waits for a COMPLETE trial (last step + 1) and shows the whole study until then", () => {
    const hb = new HyperbandPruner();
    const t = trialWith(0, [5, 5]);
    const study = viewOf([t]);
    expect(hb.prune(study, t)).toBe(false);
    expect(hb.samplerView(study, t).trials).toEqual(study.trials);
    expect(hb.maxResource).toBe('auto');
    const done = completeWith(
      0,
      Array.from({ length: 9 }, () => 1),
    );
    const u = trialWith(1, [1]);
    hb.prune(viewOf([done, u]), u);
    // last step 8 -> maxResource 9 -> floor(log3(9)) + 1 = 3 brackets.
    expect(hb.maxResource).toBe(9);
    expect(hb.nBrackets).toBe(3);
  });

  it("with maxResource 'auto', trials finished before the brackets existed never compete (as in Optuna)", () => {
    // Optuna builds the brackets at the first prune call after a trial completed, so trial 0
    // (complete before that) stored no rung values; later trials of its bracket are judged
    // without it.
    const hb = new HyperbandPruner({ minResource: 1, reductionFactor: 2 });
    // Last step 8: maxResource 9, 4 brackets; bracket b's rung 0 (step 2^b <= 8) is reached.
    const first = completeWith(
      0,
      Array.from({ length: 9 }, () => 0),
    );
    const probe = trialWith(1, []);
    hb.prune(viewOf([first, probe], 'minimize', 'hb'), probe);
    const bracket = hb.bracketOf('hb', 0);
    const rung0 = 2 ** bracket; // minResource * eta^(minEarlyStoppingRate = bracket)
    const n = firstInBracket(hb)(bracket, 1);
    // Worse than trial 0 at rung 0, but alone there: promoted, and rung 1 is not reached.
    const t = trialWith(
      n,
      Array.from({ length: rung0 + 1 }, () => 5),
    );
    expect(hb.prune(viewOf([first, t], 'minimize', 'hb'), t)).toBe(false);
    // A trial of the same bracket that completed later did record rungs, and does compete.
    const later = completeWith(
      n,
      Array.from({ length: rung0 + 1 }, () => 0),
    );
    const m = firstInBracket(hb)(bracket, n + 1);
    const u = trialWith(
      m,
      Array.from({ length: rung0 + 1 }, () => 5),
    );
    expect(hb.prune(viewOf([first, later, u], 'minimize', 'hb'), u)).toBe(true);
  });

  it('rejects invalid options', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ minResource: 0 }, 'minResource'],
      [{ reductionFactor: 1 }, 'reductionFactor'],
      [{ maxResource: 0 }, 'maxResource'],
      [{ maxResource: 'big' }, 'maxResource'],
      [{ minResource: 5, maxResource: 4 }, 'maxResource'],
      [{ bootstrapCount: 1 }, 'bootstrapCount'],
    ];
    for (const [options, param] of cases) {
      expect(() => new HyperbandPruner(options)).toThrow(InvalidArgumentError);
      expect(() => new HyperbandPruner(options)).toThrow(new RegExp(`^${param}`));
    }
  });
});

describe('HyperbandPruner with a given maxResource, before its first prune call', () => {
  it('knows its brackets, budgets and every trial bracket already', () => {
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
    // floor(log3(81)) + 1 = 5 brackets; budgets ceil(5 * 3^s / (s + 1)) for s = 4..0.
    expect(pruner.nBrackets).toBe(5);
    expect(pruner.budgets).toEqual([81, 34, 15, 8, 5]);
    // Python: zlib.crc32(f'exp_{n}'.encode()) % 143, walked down the budgets (Optuna's rule).
    const brackets = Array.from({ length: 10 }, (_, n) => pruner.bracketOf('exp', n));
    expect(brackets).toEqual([0, 1, 0, 0, 0, 2, 0, 0, 0, 0]);
  });

  it("still waits for an estimate with maxResource 'auto'", () => {
    const pruner = new HyperbandPruner();
    expect(pruner.nBrackets).toBeUndefined();
    expect(pruner.budgets).toBeUndefined();
    expect(pruner.bracketOf('exp', 1)).toBe(0);
  });
});
