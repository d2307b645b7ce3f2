import { bincount, checkLabels, checkSameLength, encode, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { numpyArgsort } from '../numpy-argsort.js';
import { foldsFromAssignment } from './complement.js';
import { checkNSplits, samplesForSplits } from './options.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface GroupKFoldOptions {
  /** Number of folds, >= 2 and at most the number of distinct groups. Default 5. */
  nSplits?: number;
}

/** Checks groups and returns them numbered in sorted order. */
export function checkGroups(
  X: Sized,
  groups: readonly Label[] | undefined,
): { classes: Label[]; codes: Int32Array } {
  if (groups === undefined) {
    throw new EvaluatorError('groups', groups, 'group splitters need one group id per sample');
  }
  checkLabels(groups, 'groups');
  checkSameLength(X, 'X', groups, 'groups');
  return encode(groups);
}

/**
 * Folds in which no group is split (scikit-learn 1.2's GroupKFold): groups go, largest
 * first, to the fold with the fewest samples so far. Equal-sized groups are taken in the
 * order numpy's unstable argsort leaves them, reversed, which this reproduces.
 */
export function groupKFold(options: GroupKFoldOptions = {}): Splitter {
  const nSplits = checkNSplits(options.nSplits ?? 5);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized, _y?: readonly Label[], groups?: readonly Label[]): Generator<Fold> {
      samplesForSplits(X, nSplits);
      const { classes, codes } = checkGroups(X, groups);
      if (nSplits > classes.length) {
        throw new EvaluatorError(
          'nSplits',
          nSplits,
          `cannot be greater than the number of groups (${classes.length})`,
        );
      }
      const sizes = bincount(codes, classes.length);
      const order = numpyArgsort(sizes).reverse();
      const foldSize = new Array<number>(nSplits).fill(0);
      const groupFold = new Int32Array(classes.length);
      for (const g of order) {
        let lightest = 0;
        for (let f = 1; f < nSplits; f++) if (foldSize[f] < foldSize[lightest]) lightest = f;
        foldSize[lightest] += sizes[g];
        groupFold[g] = lightest;
      }
      const assignment = codes.map((g) => groupFold[g]);
      yield* foldsFromAssignment(
        assignment,
        Array.from({ length: nSplits }, (_, f) => f),
      );
    },
  };
}
