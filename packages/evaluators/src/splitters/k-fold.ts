import { createSplitRng } from '../rng.js';
import { foldFromTest } from './complement.js';
import { checkNSplits, checkSeedNeedsShuffle, samplesForSplits } from './options.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface KFoldOptions {
  /** Number of folds, >= 2. Default 5. */
  nSplits?: number;
  /** Shuffle the samples before cutting them into folds. Default false. */
  shuffle?: boolean;
  /** Seed for the shuffle (only with shuffle: true). */
  seed?: number;
}

/**
 * Consecutive folds, the first `n % nSplits` one sample larger (scikit-learn's KFold).
 * With `shuffle`, the samples are permuted first by this package's seeded generator.
 */
export function kFold(options: KFoldOptions = {}): Splitter {
  const nSplits = checkNSplits(options.nSplits ?? 5);
  const shuffle = options.shuffle ?? false;
  checkSeedNeedsShuffle(shuffle, options.seed);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized): Generator<Fold> {
      const n = samplesForSplits(X, nSplits);
      const order = shuffle
        ? createSplitRng(options.seed).permutation(n)
        : Array.from({ length: n }, (_, i) => i);
      yield* consecutiveFolds(order, nSplits);
    },
  };
}

/** Cuts `order` into nSplits blocks of sizes n // k (+1 for the first n % k) and yields each as test. */
export function* consecutiveFolds(order: number[], nSplits: number): Generator<Fold> {
  const n = order.length;
  const base = Math.floor(n / nSplits);
  const extra = n % nSplits;
  let start = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < extra ? 1 : 0);
    yield foldFromTest(n, order.slice(start, start + size));
    start += size;
  }
}
