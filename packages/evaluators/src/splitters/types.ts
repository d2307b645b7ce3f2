import type { Label } from '../check.js';

/** One train/test split: positions into X, each list ascending. */
export interface Fold {
  train: number[];
  test: number[];
}

/** Anything with a length: X is only counted by the splitters. */
export interface Sized {
  readonly length: number;
}

/** A cross-validation strategy, as scikit-learn's splitter classes. */
export interface Splitter {
  /** The folds, lazily; `y` is needed by stratified splitters and `groups` by group splitters. */
  split(X: Sized, y?: readonly Label[], groups?: readonly Label[]): Iterable<Fold>;
  /** How many folds `split` yields (leaveOneOut and predefinedSplit may need X). */
  getNSplits(X?: Sized, y?: readonly Label[], groups?: readonly Label[]): number;
}
