import { describe, expect, it, vi } from 'vitest';
import fx from '../../fixtures/splitters.json' with { type: 'json' };
import { EvaluatorError } from '../errors.js';
import { groupKFold } from './group-k-fold.js';
import { kFold } from './k-fold.js';
import { leaveOneOut } from './leave-one-out.js';
import { predefinedSplit } from './predefined-split.js';
import { shuffleSplitSizes } from './shuffle-split.js';
import { stratifiedGroupKFold } from './stratified-group-k-fold.js';
import { stratifiedKFold } from './stratified-k-fold.js';
import { timeSeriesSplit } from './time-series-split.js';
import { trainTestSplit } from './train-test-split.js';
import type { Fold } from './types.js';

// Expected folds come from scikit-learn 1.2.1: fixtures/splitters.json, produced by
// scripts/splitter-fixtures.py (see its docstring for the command).

const X = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i]);
const list = (it: Iterable<Fold>): Fold[] => [...it];

describe('kFold', () => {
  it.each(fx.kFold)('n=$n nSplits=$nSplits equals scikit-learn', ({ n, nSplits, folds }) => {
    expect(list(kFold({ nSplits }).split(X(n)))).toEqual(folds);
  });
  it('defaults to 5 folds', () => {
    expect(kFold().getNSplits()).toBe(5);
    expect(list(kFold().split(X(10))).map((f) => f.test)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
  });
  it('refuses more folds than samples, fewer than 2 folds and a seed without shuffle', () => {
    expect(() => list(kFold({ nSplits: 6 }).split(X(5)))).toThrow(
      /nSplits = 6.*number of samples \(5\)/,
    );
    expect(() => kFold({ nSplits: 1 })).toThrow(EvaluatorError);
    expect(() => kFold({ seed: 1 })).toThrow(/seed = 1: has no effect when shuffle is false/);
  });
  it('with shuffle and a seed gives the same folds every time, and differs from unshuffled', () => {
    const a = list(kFold({ nSplits: 3, shuffle: true, seed: 7 }).split(X(30)));
    const b = list(kFold({ nSplits: 3, shuffle: true, seed: 7 }).split(X(30)));
    const c = list(kFold({ nSplits: 3, shuffle: true, seed: 8 }).split(X(30)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(list(kFold({ nSplits: 3 }).split(X(30))));
    expect(a.map((f) => f.test.length)).toEqual([10, 10, 10]);
  });
});

describe('stratifiedKFold', () => {
  it.each(fx.stratifiedKFold)(
    'y=$y nSplits=$nSplits equals scikit-learn',
    ({ y, nSplits, folds }) => {
      expect(
        list(stratifiedKFold({ nSplits }).split(X(y.length), y as (number | string)[])),
      ).toEqual(folds);
    },
  );
  it('refuses a class with fewer members than folds, naming the class', () => {
    const { y } = fx.stratifiedKFoldWarn;
    expect(() => list(stratifiedKFold({ nSplits: 3 }).split(X(y.length), y))).toThrow(
      /class 1 with 2 members.*at least nSplits = 3/,
    );
  });
  it("with onTooFewMembers: 'warn' warns and splits like scikit-learn", () => {
    const { y, nSplits, folds } = fx.stratifiedKFoldWarn;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(
      list(stratifiedKFold({ nSplits, onTooFewMembers: 'warn' }).split(X(y.length), y)),
    ).toEqual(folds);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    // Every class too small: an error even in warn mode, as scikit-learn.
    expect(() =>
      list(stratifiedKFold({ nSplits: 3, onTooFewMembers: 'warn' }).split(X(4), [0, 0, 1, 1])),
    ).toThrow(EvaluatorError);
  });
  it('refuses a continuous or missing target', () => {
    expect(() => list(stratifiedKFold({ nSplits: 2 }).split(X(4), [0.5, 1.5, 0.5, 1.5]))).toThrow(
      /continuous/,
    );
    expect(() => list(stratifiedKFold({ nSplits: 2 }).split(X(4)))).toThrow(/need the target y/);
    expect(() => list(stratifiedKFold({ nSplits: 2 }).split(X(4), [0, 1, 0]))).toThrow(/y = /);
  });
  it('shuffled folds are reproducible and still stratified', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const a = list(stratifiedKFold({ nSplits: 5, shuffle: true, seed: 3 }).split(X(40), y));
    expect(a).toEqual(
      list(stratifiedKFold({ nSplits: 5, shuffle: true, seed: 3 }).split(X(40), y)),
    );
    for (const f of a) expect(f.test.filter((i) => y[i] === 1)).toHaveLength(2);
  });
});

describe('groupKFold', () => {
  it.each(fx.groupKFold)(
    'groups=$groups nSplits=$nSplits equals scikit-learn',
    ({ groups, nSplits, folds }) => {
      expect(
        list(
          groupKFold({ nSplits }).split(X(groups.length), undefined, groups as (number | string)[]),
        ),
      ).toEqual(folds);
    },
  );
  it('needs groups, and no more folds than groups', () => {
    expect(() => list(groupKFold({ nSplits: 2 }).split(X(4)))).toThrow(/groups/);
    expect(() => list(groupKFold({ nSplits: 3 }).split(X(4), undefined, [1, 1, 2, 2]))).toThrow(
      /number of groups \(2\)/,
    );
  });
});

describe('stratifiedGroupKFold', () => {
  it.each(fx.stratifiedGroupKFold)(
    'case $# equals scikit-learn',
    ({ y, groups, nSplits, folds }) => {
      expect(
        list(
          stratifiedGroupKFold({ nSplits, onTooFewMembers: 'warn' }).split(X(y.length), y, groups),
        ),
      ).toEqual(folds);
    },
  );
  it('never splits a group', () => {
    const y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
    const g = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    for (const f of stratifiedGroupKFold({ nSplits: 3 }).split(X(12), y, g)) {
      const testGroups = new Set(f.test.map((i) => g[i]));
      expect(f.train.some((i) => testGroups.has(g[i]))).toBe(false);
    }
  });
});

describe('timeSeriesSplit', () => {
  it.each(fx.timeSeriesSplit)('n=$n $options equals scikit-learn', ({ n, options, folds }) => {
    expect(list(timeSeriesSplit(options).split(X(n)))).toEqual(folds);
  });
  it('refuses too many splits for the samples', () => {
    expect(() => list(timeSeriesSplit({ nSplits: 5 }).split(X(5)))).toThrow(
      /cannot exceed the number of samples/,
    );
    expect(() => list(timeSeriesSplit({ nSplits: 3, testSize: 3, gap: 2 }).split(X(10)))).toThrow(
      /too many splits/,
    );
  });
});

describe('leaveOneOut and predefinedSplit', () => {
  it('leaveOneOut equals scikit-learn', () => {
    const [{ n, folds }] = fx.leaveOneOut;
    expect(list(leaveOneOut().split(X(n)))).toEqual(folds);
    expect(leaveOneOut().getNSplits(X(n))).toBe(n);
    expect(() => leaveOneOut().getNSplits()).toThrow(EvaluatorError);
    expect(() => list(leaveOneOut().split(X(1)))).toThrow(/at least 2 samples/);
  });
  it('predefinedSplit equals scikit-learn (-1 always trains)', () => {
    const [{ testFold, folds }] = fx.predefinedSplit;
    const s = predefinedSplit({ testFold });
    expect(list(s.split(X(testFold.length)))).toEqual(folds);
    expect(s.getNSplits()).toBe(3);
    expect(() => predefinedSplit({ testFold: [-1, -1] })).toThrow(/other than -1/);
  });
});

describe('shuffle split sizes and trainTestSplit', () => {
  it.each(fx.shuffleSizes)('n=$n testSize=$testSize trainSize=$trainSize', (c) => {
    expect(shuffleSplitSizes(c.n, c.testSize ?? undefined, c.trainSize ?? undefined, 0.1)).toEqual({
      nTrain: c.nTrain,
      nTest: c.nTest,
    });
  });
  it.each(fx.trainTestSplitNoShuffle)('without shuffle: n=$n testSize=$testSize', (c) => {
    const Xs = Array.from({ length: c.n }, (_, i) => i);
    const r = trainTestSplit(Xs, Xs, { testSize: c.testSize ?? undefined, shuffle: false });
    expect(r.XTrain).toEqual(c.train);
    expect(r.XTest).toEqual(c.test);
  });
  it('stratified trainTestSplit keeps class shares and is reproducible', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const Xs = X(100);
    const a = trainTestSplit(Xs, y, { testSize: 0.2, stratify: true, seed: 4 });
    expect(a.yTest.filter((v) => v === 1)).toHaveLength(6);
    expect(a.yTrain.filter((v) => v === 1)).toHaveLength(24);
    expect(trainTestSplit(Xs, y, { testSize: 0.2, stratify: true, seed: 4 })).toEqual(a);
    expect(() => trainTestSplit(Xs, y, { stratify: true, shuffle: false })).toThrow(
      /shuffle: true/,
    );
  });
  it('rejects impossible sizes', () => {
    expect(() => shuffleSplitSizes(10, 10, undefined, 0.1)).toThrow(/testSize = 10/);
    expect(() => shuffleSplitSizes(10, 1.5, undefined, 0.1)).toThrow(/fraction in \(0, 1\)/);
    expect(() => shuffleSplitSizes(10, 0.6, 0.6, 0.1)).toThrow(/must not exceed 1/);
    expect(() => shuffleSplitSizes(3, 0.1, 0.1, 0.1)).toThrow(/empty training set/);
  });
});
