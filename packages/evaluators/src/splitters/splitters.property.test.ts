import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupKFold } from './group-k-fold.js';
import { kFold } from './k-fold.js';
import { leaveOneOut } from './leave-one-out.js';
import { repeatedKFold, repeatedStratifiedKFold } from './repeated.js';
import { shuffleSplit } from './shuffle-split.js';
import { stratifiedGroupKFold } from './stratified-group-k-fold.js';
import { stratifiedKFold } from './stratified-k-fold.js';
import { stratifiedShuffleSplit } from './stratified-shuffle-split.js';
import { timeSeriesSplit } from './time-series-split.js';
import type { Fold } from './types.js';

const X = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i]);
const ascending = (a: number[]): boolean => a.every((v, i) => i === 0 || a[i - 1] < v);

/** Train and test disjoint, sorted, in range; optionally covering every sample. */
function checkFold(f: Fold, n: number, covers: boolean): void {
  expect(ascending(f.train)).toBe(true);
  expect(ascending(f.test)).toBe(true);
  const test = new Set(f.test);
  expect(f.train.some((i) => test.has(i))).toBe(false);
  for (const i of [...f.train, ...f.test]) expect(i >= 0 && i < n).toBe(true);
  if (covers) expect(f.train.length + f.test.length).toBe(n);
}

/** The test sets of k-fold splitters partition 0..n-1. */
function checkPartition(folds: Fold[], n: number): void {
  const seen = new Array<number>(n).fill(0);
  for (const f of folds) {
    checkFold(f, n, true);
    for (const i of f.test) seen[i]++;
  }
  expect(seen.every((c) => c === 1)).toBe(true);
}

/** Labels with every class holding at least `min` members, in shuffled order. */
const labels = (min: number) =>
  fc
    .tuple(fc.array(fc.integer({ min, max: 12 }), { minLength: 1, maxLength: 5 }), fc.integer())
    .map(([counts, s]) => {
      const y = counts.flatMap((c, k) => new Array<number>(c).fill(k));
      let state = s >>> 0;
      for (let i = y.length - 1; i > 0; i--) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const j = state % (i + 1);
        [y[i], y[j]] = [y[j], y[i]];
      }
      return y;
    });

describe('splitter invariants (fast-check)', () => {
  it('kFold, shuffled or not: test sets partition the samples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 2, max: 10 }),
        fc.option(fc.nat()),
        (n, k, seed) => {
          fc.pre(k <= n);
          const s =
            seed === null ? kFold({ nSplits: k }) : kFold({ nSplits: k, shuffle: true, seed });
          const folds = [...s.split(X(n))];
          expect(folds).toHaveLength(k);
          checkPartition(folds, n);
          const sizes = folds.map((f) => f.test.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('stratifiedKFold: partition, and each class split across folds within one sample', () => {
    fc.assert(
      fc.property(labels(5), fc.integer({ min: 2, max: 5 }), fc.boolean(), (y, k, shuffle) => {
        const s = stratifiedKFold({ nSplits: k, shuffle, seed: shuffle ? 3 : undefined });
        const folds = [...s.split(X(y.length), y)];
        checkPartition(folds, y.length);
        for (const c of new Set(y)) {
          const perFold = folds.map((f) => f.test.filter((i) => y[i] === c).length);
          expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('groupKFold and stratifiedGroupKFold: partition, and no group on both sides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 60 }),
        fc.integer({ min: 2, max: 4 }),
        (groups, wanted) => {
          const k = Math.min(wanted, new Set(groups).size);
          fc.pre(k >= 2);
          const y = groups.map((g, i) => (g + i) % 2);
          const splitters = [
            groupKFold({ nSplits: k }),
            stratifiedGroupKFold({ nSplits: k, onTooFewMembers: 'warn' }),
          ];
          for (const s of splitters) {
            let folds: Fold[];
            try {
              folds = [...s.split(X(groups.length), y, groups)];
            } catch {
              continue; // too few members in every class: a documented refusal
            }
            checkPartition(folds, groups.length);
            for (const f of folds) {
              const testGroups = new Set(f.test.map((i) => groups[i]));
              expect(f.train.some((i) => testGroups.has(groups[i]))).toBe(false);
            }
          }
        },
      ),
    );
  });

  it('timeSeriesSplit: every training index precedes every test index by more than gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 20 })),
        (n, k, gap, maxTrainSize) => {
          fc.pre(n - gap - Math.floor(n / (k + 1)) * k > 0); // otherwise refused (tested elsewhere)
          const s = timeSeriesSplit({ nSplits: k, gap, maxTrainSize: maxTrainSize ?? undefined });
          const folds = [...s.split(X(n))];
          expect(folds).toHaveLength(k);
          for (const f of folds) {
            checkFold(f, n, false);
            expect(f.train[f.train.length - 1] + gap).toBeLessThan(f.test[0]);
            if (maxTrainSize !== null) expect(f.train.length).toBeLessThanOrEqual(maxTrainSize);
          }
        },
      ),
    );
  });

  it('shuffle splitters: disjoint sorted parts, sizes as asked, same seed same folds', () => {
    fc.assert(
      fc.property(labels(4), fc.nat(), (y, seed) => {
        fc.pre(y.length >= 10 && new Set(y).size * 2 <= Math.ceil(0.3 * y.length));
        for (const make of [shuffleSplit, stratifiedShuffleSplit]) {
          const a = [...make({ nSplits: 3, testSize: 0.3, seed }).split(X(y.length), y)];
          const b = [...make({ nSplits: 3, testSize: 0.3, seed }).split(X(y.length), y)];
          expect(a).toEqual(b);
          for (const f of a) {
            checkFold(f, y.length, true);
            expect(f.test).toHaveLength(Math.ceil(0.3 * y.length));
          }
        }
      }),
    );
  });

  it('stratifiedShuffleSplit keeps each class within one sample of its share', () => {
    fc.assert(
      fc.property(labels(4), fc.nat(), (y, seed) => {
        fc.pre(new Set(y).size <= Math.ceil(0.25 * y.length));
        const nTest = Math.ceil(0.25 * y.length);
        for (const f of stratifiedShuffleSplit({ nSplits: 2, testSize: 0.25, seed }).split(
          X(y.length),
          y,
        )) {
          for (const c of new Set(y)) {
            const share = (y.filter((v) => v === c).length / y.length) * nTest;
            const got = f.test.filter((i) => y[i] === c).length;
            expect(Math.abs(got - share)).toBeLessThan(1 + 1e-9);
          }
        }
      }),
    );
  });

  it('repeated splitters: nRepeats partitions, reproducible with a seed', () => {
    const y = Array.from({ length: 30 }, (_, i) => i % 3);
    for (const make of [repeatedKFold, repeatedStratifiedKFold]) {
      const s = make({ nSplits: 3, nRepeats: 4, seed: 11 });
      const folds = [...s.split(X(30), y)];
      expect(folds).toHaveLength(s.getNSplits());
      for (let r = 0; r < 4; r++) checkPartition(folds.slice(3 * r, 3 * r + 3), 30);
      expect(folds).toEqual([...make({ nSplits: 3, nRepeats: 4, seed: 11 }).split(X(30), y)]);
      expect(folds.slice(0, 3)).not.toEqual(folds.slice(3, 6));
    }
  });

  it('leaveOneOut partitions', () => {
    checkPartition([...leaveOneOut().split(X(7))], 7);
  });
});
