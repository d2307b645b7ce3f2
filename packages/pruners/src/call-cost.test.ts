/**
 * The caches and shortcuts that keep a pruner call cheap must never change a decision:
 * against a view whose trials array is updated in place (as the runtime's is), trials that
 * finish or get replaced after a cache was built, several views or studies through one
 * pruner, and hand-built views. The references below are the implementations the shortcuts
 * replaced, or a fresh pruner (which has no cache yet) asked the same question.
 */
import {
  type FrozenTrial,
  makeStudyView,
  type StudyDirection,
  type StudyView,
} from '@tunekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BestTrialTracker } from './best-trial.js';
import { viewWithTrials } from './bracket-view.js';
import { crc32 } from './crc32.js';
import { HyperbandPruner } from './hyperband.js';
import { MedianPruner } from './median.js';
import { PercentilePruner } from './percentile.js';
import { nanPercentile, selectInPlace } from './percentile-math.js';
import { trialsSinceImprovement } from './stagnation.js';
import { CompletedValuesCache } from './step-values.js';
import { bestCompleteTrial } from './steps.js';
import { isPromotable, SuccessiveHalvingPruner } from './successive-halving.js';
import { completeWith, trialWith, viewOf } from './test-utils.js';
import { WilcoxonPruner } from './wilcoxon.js';

/** The sort-based nanPercentile that quickselect replaced. */
function sortedPercentile(values: readonly number[], q: number): number {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const rank = (q / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  const t = rank - lo;
  const diff = xs[hi] - xs[lo];
  return t >= 0.5 ? xs[hi] - diff * (1 - t) : xs[lo] + diff * t;
}

/** A view over `arr` as the runtime makes one: the same array, updated in place. */
function liveView(arr: FrozenTrial[], direction: StudyDirection = 'minimize', name = 'study') {
  return makeStudyView({ trials: arr, directions: [direction], studyName: name });
}

function done(number: number, value: number, steps: readonly number[] = [value, value]) {
  return completeWith(number, steps, { value });
}

describe('nanPercentile by selection', () => {
  const value = fc.oneof(
    fc.constantFrom(0, -0, 1, -1, 2, Number.NaN, Number.POSITIVE_INFINITY, -Infinity),
    fc.double(),
  );
  it('is bit for bit the sort-based result, -0 against 0 included', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 40 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, q) => {
          expect(Object.is(nanPercentile(xs, q), sortedPercentile(xs, q))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes the sign of a zero from the stable sort', () => {
    // Sorted stably the zeros keep their order; at q = 75 the result is the last two's lerp.
    expect(Object.is(nanPercentile([0, -0, -0], 75), -0)).toBe(true);
    expect(Object.is(nanPercentile([-0, -0, 0], 75), 0)).toBe(true);
    expect(Object.is(nanPercentile([-0, 0, -0], 75), sortedPercentile([-0, 0, -0], 75))).toBe(true);
    expect(
      Object.is(nanPercentile([-0, -1, 0, -0], 90), sortedPercentile([-0, -1, 0, -0], 90)),
    ).toBe(true);
  });

  it('selects correctly from inputs that defeat a median-of-ends pivot', () => {
    const n = 3000;
    const shifted = [0.5, ...Array.from({ length: n }, (_, i) => n - i + 0.5)];
    const organ = Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
    for (const xs of [shifted, organ, shifted.slice().reverse(), Array(n).fill(7)])
      for (const q of [0, 1, 25, 50, 99.9, 100])
        expect(Object.is(nanPercentile(xs, q), sortedPercentile(xs, q))).toBe(true);
  });

  it('gives the sorted order statistic also when it falls back to sorting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.nat({ max: 3 }),
        (xs, pick, partitions) => {
          const k = pick % xs.length;
          const sorted = [...xs].sort((a, b) => a - b);
          const work = [...xs];
          // -0 and 0 are the same order statistic here: compare with ==.
          expect(selectInPlace(work, k, 0, partitions) === sorted[k]).toBe(true);
          for (let i = 0; i < work.length; i++) {
            if (i < k) expect(work[i] <= work[k]).toBe(true);
            if (i > k) expect(work[i] >= work[k]).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('isPromotable decides as with a full sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom<StudyDirection>('minimize', 'maximize'),
        fc.nat(),
        (competing, eta, direction, pick) => {
          const value = competing[pick % competing.length];
          let idx = Math.floor(competing.length / eta) - 1;
          if (idx === -1) idx = 0;
          const s = [...competing].sort((a, b) => a - b);
          const expected =
            direction === 'maximize' ? value >= s[s.length - 1 - idx] : value <= s[idx];
          expect(isPromotable(value, [...competing], eta, direction)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('stagnation without the sort', () => {
  it('counts trials in number order also when given them out of order', () => {
    const trials = [5, 4, 4.5, 3, 3.2, 3.1].map((v, i) => done(i, v));
    const shuffled = [trials[3], trials[0], trials[5], trials[1], trials[4], trials[2]];
    expect(trialsSinceImprovement(trials, 'minimize', 0)).toBe(2);
    expect(trialsSinceImprovement(shuffled, 'minimize', 0)).toBe(2);
    // Out of order, trial 3 (value 3) before trial 0 (5) would make it 5 since 3.
    expect(trialsSinceImprovement([...trials].reverse(), 'minimize', 0)).toBe(2);
  });
});

describe('BestTrialTracker (WilcoxonPruner best trial)', () => {
  it('sees a trial that completes after the cache was built, in the same array', () => {
    const arr = [done(0, 5), trialWith(1, [1, 1]), done(2, 4)];
    const view = liveView(arr);
    const tracker = new BestTrialTracker();
    expect(tracker.best(view)?.number).toBe(2);
    arr[1] = done(1, 1);
    expect(tracker.best(view)?.number).toBe(1);
  });

  it('sees a better trial added after the cache was built', () => {
    const arr = [done(0, 5), done(1, 4)];
    const view = liveView(arr);
    const tracker = new BestTrialTracker();
    expect(tracker.best(view)?.number).toBe(1);
    arr.push(trialWith(2, [0]), done(3, 3.5));
    expect(tracker.best(view)?.number).toBe(3);
    arr[2] = done(2, 3.5);
    // Equal to trial 3 but earlier: the first of equals is the best.
    expect(tracker.best(view)?.number).toBe(2);
  });

  it('reads everything again when the best trial itself is replaced', () => {
    const arr = [done(0, 5), done(1, 1), done(2, 3)];
    const view = liveView(arr);
    const tracker = new BestTrialTracker();
    expect(tracker.best(view)?.number).toBe(1);
    arr[1] = done(1, 9);
    expect(tracker.best(view)?.number).toBe(2);
  });

  it('compares replaced trials with a best that still holds when several change at once', () => {
    // The second call finds trials 1 and 2 replaced; 2 was the best. Trial 0 is now best.
    const arr = [done(0, 1.5), done(1, 3), done(2, 1)];
    const view = liveView(arr);
    const tracker = new BestTrialTracker();
    expect(tracker.best(view)?.number).toBe(2);
    arr[1] = done(1, 2.5);
    arr[2] = done(2, 5);
    expect(tracker.best(view)?.number).toBe(0);
  });

  it('keeps views, directions and studies apart, and follows hand-built views', () => {
    const tracker = new BestTrialTracker();
    const a = [done(0, 1), done(1, 2)];
    const b = [done(0, 7), done(1, 3)];
    expect(tracker.best(liveView(a))?.value).toBe(1);
    expect(tracker.best(liveView(b))?.value).toBe(3);
    expect(tracker.best(liveView(a, 'maximize'))?.value).toBe(2);
    // A view that computes its trials on each read: a new array each time.
    let current = a;
    const computed = viewWithTrials(liveView(a), () => current.slice());
    expect(tracker.best(computed)?.value).toBe(1);
    current = b;
    expect(tracker.best(computed)?.value).toBe(3);
  });

  type Op =
    | { kind: 'add'; value: number; complete: boolean }
    | { kind: 'replace'; at: number; value: number; state: 'COMPLETE' | 'RUNNING' | 'PRUNED' }
    | { kind: 'newView' }
    | { kind: 'replaceMany'; at: number[]; value: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('replaceMany' as const),
      at: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
      value: fc.integer({ min: 0, max: 6 }),
    }),
    fc.record({
      kind: fc.constant('add' as const),
      value: fc.integer({ min: 0, max: 6 }),
      complete: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 6 }),
      state: fc.constantFrom('COMPLETE' as const, 'RUNNING' as const, 'PRUNED' as const),
    }),
    fc.constant({ kind: 'newView' as const }),
  );

  it('always agrees with a full scan while the array changes in place', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.constantFrom<StudyDirection>('minimize', 'maximize'),
        (ops, direction) => {
          const tracker = new BestTrialTracker();
          const arr: FrozenTrial[] = [];
          let view = liveView(arr, direction);
          const make = (n: number, v: number, state: string) =>
            state === 'COMPLETE' ? done(n, v) : trialWith(n, [v], { state: state as 'RUNNING' });
          for (const o of ops) {
            if (o.kind === 'add')
              arr.push(make(arr.length, o.value, o.complete ? 'COMPLETE' : 'RUNNING'));
            else if (o.kind === 'replace' && arr.length > 0) {
              const at = o.at % arr.length;
              arr[at] = make(at, o.value, o.state);
            } else if (o.kind === 'replaceMany' && arr.length > 0) {
              for (const [k, a] of o.at.entries())
                arr[a % arr.length] = make(a % arr.length, (o.value + k) % 7, 'COMPLETE');
            } else if (o.kind === 'newView') view = liveView(arr, direction);
            expect(tracker.best(view)).toBe(bestCompleteTrial(arr, direction));
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('WilcoxonPruner decides as a fresh pruner on a view updated in place', () => {
    const shared = new WilcoxonPruner({ pThreshold: 0.2 });
    const curve = (level: number) =>
      Array.from({ length: 8 }, (_, s) => level + ((s * 7) % 5) / 10);
    const arr: FrozenTrial[] = [completeWith(0, curve(3)), trialWith(1, curve(0.1))];
    const view = liveView(arr);
    const running = trialWith(2, curve(1));
    arr.push(running);
    const decide = () => {
      const a = shared.prune(view, running);
      expect(a).toBe(new WilcoxonPruner({ pThreshold: 0.2 }).prune(view, running));
      return a;
    };
    expect(decide()).toBe(false); // better than the only COMPLETE trial
    arr[1] = completeWith(1, curve(0.1)); // a better trial completes after the cache was built
    expect(decide()).toBe(true);
  });
});

/** What CompletedValuesCache replaced: every COMPLETE trial read. */
function completedAt(trials: readonly FrozenTrial[], step: number) {
  const complete = trials.filter((t) => t.state === 'COMPLETE');
  const values: number[] = [];
  for (const t of complete) {
    const v = t.intermediateValues.get(step);
    if (v !== undefined) values.push(v);
  }
  return { completed: complete.length, values };
}

describe('CompletedValuesCache (Median and Percentile pruners)', () => {
  /** Reads twice, so that the second read (and later ones) go through the cache. */
  const read = (c: CompletedValuesCache, trials: readonly FrozenTrial[], step: number) => {
    c.read(trials, step);
    return c.read(trials, step);
  };

  it('sees a trial that completes, one that is added and a replaced copy after it was built', () => {
    const c = new CompletedValuesCache();
    const arr = [done(0, 3, [3, 3, 3]), trialWith(1, [1, 1])];
    expect(read(c, arr, 1)).toEqual({ completed: 1, values: [3] });
    arr[1] = done(1, 1, [1, 1, 1]);
    expect(c.read(arr, 1)).toEqual({ completed: 2, values: [3, 1] });
    arr.push(done(2, 0, [0, 0, 0]));
    expect(c.read(arr, 1)).toEqual({ completed: 3, values: [3, 1, 0] });
    // A newer copy of a COMPLETE trial (as a refresh from storage brings): its values count.
    arr[0] = done(0, 3, [3, 2.5, 3]);
    expect(c.read(arr, 1)).toEqual({ completed: 3, values: [2.5, 1, 0] });
    // Another step, read for the first time after those changes, and the first one again.
    expect(c.read(arr, 2)).toEqual({ completed: 3, values: [3, 1, 0] });
    arr[2] = trialWith(2, [0, 0, 0], { state: 'PRUNED' });
    expect(c.read(arr, 1)).toEqual({ completed: 2, values: [2.5, 1] });
    expect(c.read(arr, 2)).toEqual({ completed: 2, values: [3, 1] });
  });

  it('keeps arrays apart, starts afresh on a shorter one and follows arrays made per read', () => {
    const c = new CompletedValuesCache();
    const a = [done(0, 1, [1, 1]), done(1, 2, [2, 2])];
    const b = [done(0, 7, [7, 7])];
    expect(read(c, a, 0)).toEqual({ completed: 2, values: [1, 2] });
    expect(read(c, b, 0)).toEqual({ completed: 1, values: [7] });
    expect(c.read(a, 0)).toEqual({ completed: 2, values: [1, 2] });
    a.pop();
    expect(c.read(a, 0)).toEqual({ completed: 1, values: [1] });
    a.push(done(1, 5, [5, 5]));
    expect(c.read(a, 0)).toEqual({ completed: 2, values: [1, 5] });
    expect(c.read(a.slice(), 0)).toEqual({ completed: 2, values: [1, 5] });
  });

  it('keeps to its size bound while a cached step grows with the study', () => {
    const c = new CompletedValuesCache(10);
    const arr = [done(0, 1, [1]), done(1, 2, [2]), done(2, 3, [3]), done(3, 4, [4])];
    expect(read(c, arr, 0)).toEqual(completedAt(arr, 0));
    expect(c.cachedValues(arr)).toBe(4);
    for (let n = 4; n < 14; n++) arr.push(done(n, n, [n]));
    expect(c.read(arr, 0)).toEqual(completedAt(arr, 0));
    expect(c.cachedValues(arr)).toBeLessThanOrEqual(10);
    expect(c.read(arr, 0)).toEqual(completedAt(arr, 0));
  });

  it('reads afresh past its size bound', () => {
    const c = new CompletedValuesCache(3);
    const arr = [done(0, 1, [1, 1]), done(1, 2, [2, 2]), trialWith(2, [0])];
    expect(read(c, arr, 0)).toEqual(completedAt(arr, 0));
    expect(read(c, arr, 1)).toEqual(completedAt(arr, 1));
    arr[2] = done(2, 0, [0, 0]);
    expect(c.read(arr, 1)).toEqual(completedAt(arr, 1));
    expect(c.read(arr, 0)).toEqual(completedAt(arr, 0));
  });

  type Op =
    | { kind: 'add'; state: 'COMPLETE' | 'RUNNING'; values: (number | null)[] }
    | {
        kind: 'replace';
        at: number;
        state: 'COMPLETE' | 'RUNNING' | 'FAIL';
        values: (number | null)[];
      }
    | { kind: 'pop' }
    | { kind: 'read'; step: number; copy: boolean };
  const curve = fc.array(
    fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN)),
    {
      maxLength: 4,
    },
  );
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      state: fc.constantFrom('COMPLETE' as const, 'RUNNING' as const),
      values: curve,
    }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      state: fc.constantFrom('COMPLETE' as const, 'RUNNING' as const, 'FAIL' as const),
      values: curve,
    }),
    fc.constant({ kind: 'pop' as const }),
    fc.record({ kind: fc.constant('read' as const), step: fc.nat({ max: 4 }), copy: fc.boolean() }),
  );
  const trialOf = (n: number, state: string, values: readonly (number | null)[]) => {
    const iv: Record<number, number> = {};
    values.forEach((v, s) => {
      if (v !== null) iv[s] = v;
    });
    return trialWith(n, iv, {
      state: state as 'RUNNING',
      values: state === 'COMPLETE' ? [1] : undefined,
    });
  };

  it('always agrees with reading every trial while the array changes in place', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (ops, maxSlots) => {
          for (const c of [new CompletedValuesCache(), new CompletedValuesCache(maxSlots)]) {
            const arr: FrozenTrial[] = [];
            for (const o of ops) {
              if (o.kind === 'add') arr.push(trialOf(arr.length, o.state, o.values));
              else if (o.kind === 'replace' && arr.length > 0) {
                const at = o.at % arr.length;
                arr[at] = trialOf(at, o.state, o.values);
              } else if (o.kind === 'pop') arr.pop();
              else if (o.kind === 'read')
                expect(c.read(o.copy ? arr.slice() : arr, o.step)).toEqual(
                  completedAt(arr, o.step),
                );
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('MedianPruner and PercentilePruner decide as fresh pruners on a view updated in place', () => {
    const make = [
      () => new MedianPruner({ nStartupTrials: 2 }),
      () => new PercentilePruner({ percentile: 25, nStartupTrials: 1, nMinTrials: 2 }),
    ];
    for (const direction of ['minimize', 'maximize'] as const) {
      for (const factory of make) {
        const shared = factory();
        const arr: FrozenTrial[] = [];
        const views = [liveView(arr, direction), liveView(arr, direction)];
        let prunes = 0;
        let decisions = 0;
        for (let n = 0; n < 40; n++) {
          const iv: number[] = [];
          let state: 'COMPLETE' | 'PRUNED' = 'COMPLETE';
          for (let step = 0; step < 8; step++) {
            iv.push(((n * 7 + step * 3) % 11) + ((n * step) % 5) / 4);
            const live = trialWith(n, iv);
            arr[n] = live;
            const view = n % 5 === 2 ? viewOf(arr.slice(), direction) : views[step % 2];
            const d = shared.prune(view, live);
            expect(d).toBe(factory().prune(view, live));
            decisions++;
            if (d) {
              prunes++;
              state = 'PRUNED';
              break;
            }
          }
          arr[n] = trialWith(n, iv, {
            state,
            values: state === 'COMPLETE' ? [iv[iv.length - 1]] : undefined,
          });
        }
        expect(prunes).toBeGreaterThan(3);
        expect(decisions).toBeGreaterThan(50);
      }
    }
  });
});

describe('SuccessiveHalvingPruner at steps with no rung', () => {
  it('decides without reading the other trials', () => {
    let reads = 0;
    const trials = [done(0, 1, [1, 1, 1, 1, 1, 1]), done(1, 2, [2, 2, 2, 2, 2, 2])];
    const base = viewOf(trials);
    const counting: StudyView = viewWithTrials(base, () => {
      reads += 1;
      return base.trials;
    });
    const sh = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 4 });
    // Rungs at steps 1, 4, 16: steps 2 and 3 reach none.
    expect(sh.prune(counting, trialWith(2, [0, 0, 0]), { storesSystemAttrs: false })).toBe(false);
    expect(sh.prune(counting, trialWith(2, [0, 0, 0, 0]))).toBe(false);
    expect(reads).toBe(0);
    // Step 4 is a rung: the others are read, and a trial worse than both is pruned.
    expect(sh.prune(counting, trialWith(2, [0, 9, 9, 9, 9]))).toBe(true);
    expect(reads).toBeGreaterThan(0);
  });
});

describe('HyperbandPruner caches', () => {
  /** The bracket Optuna gives trial `n` of study `name` (no cache). */
  function bracketRef(hb: HyperbandPruner, name: string, n: number): number {
    const budgets = hb.budgets as readonly number[];
    let r = crc32(`${name}_${n}`) % budgets.reduce((a, b) => a + b, 0);
    for (let b = 0; ; b++) {
      r -= budgets[b];
      if (r < 0) return b;
    }
  }

  it('keeps the brackets of two studies apart', () => {
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
    hb.prune(viewOf([], 'minimize', 'a'), trialWith(0, [1]));
    let differ = 0;
    for (let n = 0; n < 200; n++) {
      for (const name of ['a', 'b', 'a_1'])
        expect(hb.bracketOf(name, n)).toBe(bracketRef(hb, name, n));
      if (hb.bracketOf('a', n) !== hb.bracketOf('b', n)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });

  it('keeps brackets right for a pruner that serves more studies than it keeps', () => {
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
    hb.prune(viewOf([], 'minimize', 's0'), trialWith(0, [1]));
    for (let round = 0; round < 3; round++)
      for (let k = 0; k < 40; k++)
        for (let n = 0; n < 5; n++)
          expect(hb.bracketOf(`s${k}`, n)).toBe(bracketRef(hb, `s${k}`, n));
  });

  it('sees a trial put in front of the ones its bracket view has checked', () => {
    // Brackets (maxResource 9, eta 3, study 'study'): trials 0, 1, 4, 5 in bracket 0; 2 in 1; 3 in 2.
    const options = { minResource: 1, maxResource: 9, reductionFactor: 3 };
    const cached = new HyperbandPruner(options);
    const v = (n: number, x: number) => completeWith(n, [x, x]);
    const current = trialWith(5, [5, 5]);
    const arr: FrozenTrial[] = [v(2, 3), v(3, 3)];
    const view = viewOf(arr, 'minimize', 'study');
    expect(cached.prune(view, current)).toBe(false);
    arr.unshift(v(0, 1));
    const fresh = new HyperbandPruner(options);
    fresh.prune(viewOf([], 'minimize', 'study'), current);
    expect(cached.prune(view, current)).toBe(fresh.prune(view, current));
    expect(cached.samplerView(view, current).trials.map((t) => t.number)).toEqual([0]);
  });

  it('keeps the bracket views of two views apart', () => {
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 });
    hb.prune(viewOf([], 'minimize', 'hb'), trialWith(0, [1]));
    const inBracket0: number[] = [];
    for (let i = 0; inBracket0.length < 3; i++) if (hb.bracketOf('hb', i) === 0) inBracket0.push(i);
    const [a, b, m] = inBracket0;
    // The same study name and trial numbers, other values: a hand-built view per scenario.
    const good = [completeWith(a, [0, 0, 0]), completeWith(b, [0, 0, 0])];
    const bad = [completeWith(a, [9, 9, 9]), completeWith(b, [9, 9, 9])];
    const running = trialWith(m, [1, 1]);
    const vGood = viewOf([...good, running], 'minimize', 'hb');
    const vBad = viewOf([...bad, running], 'minimize', 'hb');
    for (let i = 0; i < 3; i++) {
      expect(hb.prune(vGood, running)).toBe(true);
      expect(hb.prune(vBad, running)).toBe(false);
    }
    // The same view object, its array updated in place: a trial finishing later is seen.
    const arr = [completeWith(a, [9, 9, 9]), trialWith(b, [0]), running];
    const live = liveView(arr, 'minimize', 'hb');
    expect(hb.prune(live, running)).toBe(false);
    arr[1] = completeWith(b, [0, 0, 0]);
    expect(hb.prune(live, running)).toBe(true);
  });

  /** A study played on one array updated in place (the runtime's way) and on copies. */
  function play(hb: HyperbandPruner, oracle: (view: StudyView, t: FrozenTrial) => boolean) {
    const arr: FrozenTrial[] = [];
    const shared = liveView(arr, 'minimize', 'hb');
    const views = [shared, liveView(arr, 'minimize', 'hb')];
    let decisions = 0;
    let prunes = 0;
    for (let n = 0; n < 60; n++) {
      const iv: number[] = [];
      // Curves whose order changes between steps, so that late rungs see other rankings.
      const level = ((n * 37) % 11) + ((n * 13) % 7) / 10;
      let state: 'COMPLETE' | 'PRUNED' = 'COMPLETE';
      for (let step = 0; step < 27; step++) {
        iv.push(level + ((step * (n % 5)) % 9) / (step + 1));
        const live = trialWith(n, iv);
        arr[n] = live;
        // Alternate between views of the same array, and now and then a hand-built copy.
        const view = n % 7 === 3 ? viewOf(arr.slice(), 'minimize', 'hb') : views[step % 2];
        const d = hb.prune(view, live);
        expect(d).toBe(oracle(view, live));
        decisions++;
        if (d) {
          state = 'PRUNED';
          prunes++;
          break;
        }
      }
      const t = trialWith(n, iv, {
        state,
        values: state === 'COMPLETE' ? [iv[iv.length - 1]] : undefined,
      });
      arr[n] = t;
    }
    expect(decisions).toBeGreaterThan(300);
    expect(prunes).toBeGreaterThan(5);
  }

  it('decides as a fresh pruner (no cached brackets or views) throughout a study', () => {
    const options = { minResource: 1, maxResource: 27, reductionFactor: 3 };
    play(new HyperbandPruner(options), (view, t) => new HyperbandPruner(options).prune(view, t));
  });

  it("with 'auto' maxResource, decides as a fresh pruner whose brackets date from the same call", () => {
    const hb = new HyperbandPruner({ minResource: 1 });
    let initView: StudyView | undefined;
    let initTrial: FrozenTrial | undefined;
    play(hb, (view, t) => {
      const fresh = new HyperbandPruner({ minResource: 1 });
      if (initView === undefined) {
        if (hb.nBrackets === undefined) return fresh.prune(view, t);
        initView = viewOf(view.trials.slice(), 'minimize', 'hb');
        initTrial = t;
      }
      fresh.prune(initView, initTrial as FrozenTrial);
      return fresh.prune(view, t);
    });
  });

  it("with 'auto' maxResource, takes the trials that finished before the brackets from the view at hand", () => {
    // The brackets are made from a view where trial k is the first to complete, so it holds
    // no rungs. Another view (a later read that brings a trial another worker completed
    // earlier, say) has trial n completed before it: there trial n is the pre-estimate one
    // and trial k competes, as the code always decided. A set of such trials fixed when the
    // brackets were made would keep trial k out and let the running trial through.
    const at = (ms: number) => ({ datetimeComplete: new Date(ms) });
    const hb = new HyperbandPruner({ minResource: 1 });
    const inBracket0: number[] = [];
    const probe = new HyperbandPruner({ minResource: 1 });
    const first = completeWith(0, [0, 0, 0, 0, 0, 0, 0, 0, 0], at(100));
    probe.prune(viewOf([first], 'minimize', 'hb'), first);
    for (let i = 0; inBracket0.length < 3; i++)
      if (probe.bracketOf('hb', i) === 0) inBracket0.push(i);
    const [k, n, m] = inBracket0;
    const tk = completeWith(k, [0, 0, 0, 0, 0, 0, 0, 0, 0], at(100));
    hb.prune(viewOf([tk], 'minimize', 'hb'), tk);
    expect(hb.maxResource).toBe(9);
    const early = completeWith(n, [5, 5, 5, 5, 5, 5, 5, 5, 5], at(50));
    const running = trialWith(m, [1, 1]);
    const later = viewOf([tk, early, running], 'minimize', 'hb');
    // At step 1 (bracket 0's first rung) trial m meets trial k's 0: with fewer than 3
    // competitors only the best goes on.
    expect(hb.prune(later, running)).toBe(true);
    // Seen before trial n was known, trial k is the pre-estimate one: m is alone, promoted.
    expect(hb.prune(viewOf([tk, running], 'minimize', 'hb'), running)).toBe(false);
  });
});
