import { checkInt } from '../check.js';
import { EvaluatorError } from '../errors.js';
import type { Sized } from './types.js';

/** nSplits for k-fold splitters: an integer >= 2 (scikit-learn's rule). */
export function checkNSplits(nSplits: unknown, param = 'nSplits'): number {
  if (typeof nSplits !== 'number' || !Number.isInteger(nSplits) || nSplits < 2) {
    throw new EvaluatorError(
      param,
      nSplits,
      'k-fold cross-validation needs at least one train/test split: an integer >= 2',
    );
  }
  return nSplits;
}

/** scikit-learn refuses a seed when nothing is shuffled: it would silently have no effect. */
export function checkSeedNeedsShuffle(shuffle: boolean, seed: number | undefined): void {
  if (!shuffle && seed !== undefined) {
    throw new EvaluatorError(
      'seed',
      seed,
      'has no effect when shuffle is false; leave seed unset or set shuffle: true',
    );
  }
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new EvaluatorError('seed', seed, 'must be a finite number');
  }
}

/** A finite seed or undefined. */
export function checkSeed(seed: unknown): number | undefined {
  if (seed === undefined) return undefined;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new EvaluatorError('seed', seed, 'must be a finite number');
  }
  return seed;
}

/** The number of samples, which must be at least nSplits. */
export function samplesForSplits(X: Sized | undefined, nSplits: number): number {
  if (X === undefined || typeof X.length !== 'number') {
    throw new EvaluatorError('X', X, 'split needs X (or anything with a length)');
  }
  const n = checkInt(X.length, 'X.length', 0);
  if (nSplits > n) {
    throw new EvaluatorError(
      'nSplits',
      nSplits,
      `cannot be greater than the number of samples (${n})`,
    );
  }
  return n;
}
