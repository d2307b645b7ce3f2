import { checkLabels, checkSameLength, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { createSplitRng } from '../rng.js';
import { typeOfTarget } from '../target.js';
import { foldsFromAssignment } from './complement.js';
import { checkNSplits, checkSeedNeedsShuffle, samplesForSplits } from './options.js';
import type { Fold, Sized, Splitter } from './types.js';

/** What to do when a class has fewer members than folds. */
export type TooFewMembersPolicy = 'error' | 'warn';

export interface StratifiedKFoldOptions {
  /** Number of folds, >= 2. Default 5. */
  nSplits?: number;
  /** Shuffle each class's fold assignment. Default false. */
  shuffle?: boolean;
  /** Seed for the shuffle (only with shuffle: true). */
  seed?: number;
  /**
   * 'error' (default) refuses a class with fewer than nSplits members, naming it; 'warn'
   * behaves as scikit-learn (a warning, and an error only when every class is too small).
   */
  onTooFewMembers?: TooFewMembersPolicy;
}

/** Checks y for stratification and returns its classes numbered by first appearance. */
export function stratifiedTarget(
  X: Sized,
  y: readonly Label[] | undefined,
): { codes: Int32Array; counts: number[]; classes: Label[] } {
  if (y === undefined) throw new EvaluatorError('y', y, 'stratified splitters need the target y');
  checkLabels(y, 'y');
  checkSameLength(X, 'X', y, 'y');
  const kind = typeOfTarget(y);
  if (kind !== 'binary' && kind !== 'multiclass') {
    throw new EvaluatorError(
      'y',
      `[${kind} target]`,
      'stratified splitters need class labels (binary or multiclass), not a continuous target',
    );
  }
  const order = new Map<Label, number>();
  const codes = new Int32Array(y.length);
  const counts: number[] = [];
  const classes: Label[] = [];
  for (let i = 0; i < y.length; i++) {
    let c = order.get(y[i]);
    if (c === undefined) {
      c = order.size;
      order.set(y[i], c);
      counts.push(0);
      classes.push(y[i]);
    }
    codes[i] = c;
    counts[c]++;
  }
  return { codes, counts, classes };
}

/** Applies the too-few-members rule shared by the stratified splitters. */
export function checkClassSizes(
  classes: readonly Label[],
  counts: readonly number[],
  nSplits: number,
  policy: TooFewMembersPolicy,
): void {
  let smallest = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] < counts[smallest]) smallest = k;
  if (counts[smallest] >= nSplits) return;
  const label = JSON.stringify(classes[smallest]);
  if (policy === 'error' || counts.every((c) => c < nSplits)) {
    throw new EvaluatorError(
      'y',
      `[class ${label} with ${counts[smallest]} members]`,
      `every class needs at least nSplits = ${nSplits} members for stratified folds` +
        (policy === 'warn'
          ? ' (no class has enough)'
          : "; pass onTooFewMembers: 'warn' to allow it"),
    );
  }
  console.warn(
    `The least populated class in y (${label}) has only ${counts[smallest]} members, which is less than nSplits=${nSplits}.`,
  );
}

/** Checked options shared by the stratified k-fold splitters, with their defaults. */
export function stratifiedOptions(options: StratifiedKFoldOptions): {
  nSplits: number;
  shuffle: boolean;
  policy: TooFewMembersPolicy;
} {
  const nSplits = checkNSplits(options.nSplits ?? 5);
  const shuffle = options.shuffle ?? false;
  checkSeedNeedsShuffle(shuffle, options.seed);
  const policy = options.onTooFewMembers ?? 'error';
  if (policy !== 'error' && policy !== 'warn') {
    throw new EvaluatorError('onTooFewMembers', policy, "must be 'error' or 'warn'");
  }
  return { nSplits, shuffle, policy };
}

/**
 * Folds that keep each class's share (scikit-learn's StratifiedKFold): the sorted labels are
 * dealt round-robin to fix how many of each class each fold gets, then each class's samples
 * are handed out in blocks, in index order, so fold membership equals scikit-learn's.
 */
export function stratifiedKFold(options: StratifiedKFoldOptions = {}): Splitter {
  const { nSplits, shuffle, policy } = stratifiedOptions(options);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized, y?: readonly Label[]): Generator<Fold> {
      samplesForSplits(X, nSplits);
      const { codes, counts, classes } = stratifiedTarget(X, y);
      checkClassSizes(classes, counts, nSplits, policy);
      const k = counts.length;
      // allocation[f][c]: members of class c in fold f. Class c occupies a run of positions in
      // the sorted (by first appearance) labels, and position p goes to fold p % nSplits.
      const allocation = Array.from({ length: nSplits }, () => new Array<number>(k).fill(0));
      let p = 0;
      for (let c = 0; c < k; c++) {
        for (let j = 0; j < counts[c]; j++, p++) allocation[p % nSplits][c]++;
      }
      const rng = shuffle ? createSplitRng(options.seed) : undefined;
      const perClass: number[][] = [];
      for (let c = 0; c < k; c++) {
        const folds: number[] = [];
        for (let f = 0; f < nSplits; f++) for (let j = 0; j < allocation[f][c]; j++) folds.push(f);
        perClass.push(rng ? rng.shuffle(folds) : folds);
      }
      const assignment = new Int32Array(codes.length);
      const cursor = new Array<number>(k).fill(0);
      for (let i = 0; i < codes.length; i++) assignment[i] = perClass[codes[i]][cursor[codes[i]]++];
      yield* foldsFromAssignment(
        assignment,
        Array.from({ length: nSplits }, (_, f) => f),
      );
    },
  };
}
