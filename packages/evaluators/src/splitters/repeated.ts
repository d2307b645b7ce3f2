import { checkInt, type Label } from '../check.js';
import { childSeed, createSplitRng } from '../rng.js';
import { kFold } from './k-fold.js';
import { checkNSplits, checkSeed } from './options.js';
import { stratifiedKFold, type TooFewMembersPolicy } from './stratified-k-fold.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface RepeatedKFoldOptions {
  /** Folds per repetition, >= 2. Default 5. */
  nSplits?: number;
  /** Repetitions, each with a new shuffle. Default 10. */
  nRepeats?: number;
  /** Seed for the shuffles. */
  seed?: number;
}

export interface RepeatedStratifiedKFoldOptions extends RepeatedKFoldOptions {
  /** As for stratifiedKFold. */
  onTooFewMembers?: TooFewMembersPolicy;
}

function repeated(options: RepeatedKFoldOptions, make: (seed: number) => Splitter): Splitter {
  const nSplits = checkNSplits(options.nSplits ?? 5);
  const nRepeats = checkInt(options.nRepeats ?? 10, 'nRepeats', 1);
  const seed = checkSeed(options.seed);
  return {
    getNSplits: () => nSplits * nRepeats,
    *split(X: Sized, y?: readonly Label[], groups?: readonly Label[]): Generator<Fold> {
      const rng = createSplitRng(seed);
      for (let r = 0; r < nRepeats; r++) yield* make(childSeed(rng)).split(X, y, groups);
    },
  };
}

/** kFold with shuffling, repeated nRepeats times with different shuffles (RepeatedKFold). */
export function repeatedKFold(options: RepeatedKFoldOptions = {}): Splitter {
  const nSplits = options.nSplits ?? 5;
  return repeated(options, (seed) => kFold({ nSplits, shuffle: true, seed }));
}

/** stratifiedKFold with shuffling, repeated nRepeats times (RepeatedStratifiedKFold). */
export function repeatedStratifiedKFold(options: RepeatedStratifiedKFoldOptions = {}): Splitter {
  const nSplits = options.nSplits ?? 5;
  const onTooFewMembers = options.onTooFewMembers;
  return repeated(options, (seed) =>
    stratifiedKFold({ nSplits, shuffle: true, seed, onTooFewMembers }),
  );
}
