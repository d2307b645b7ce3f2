import { encode, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { npSum } from '../numeric.js';
import { createSplitRng } from '../rng.js';
import { foldsFromAssignment } from './complement.js';
import { checkGroups } from './group-k-fold.js';
import { samplesForSplits } from './options.js';
import {
  checkClassSizes,
  stratifiedOptions,
  stratifiedTarget,
  type TooFewMembersPolicy,
} from './stratified-k-fold.js';
import type { Fold, Sized, Splitter } from './types.js';

export interface StratifiedGroupKFoldOptions {
  /** Number of folds, >= 2. Default 5. */
  nSplits?: number;
  /** Shuffle the groups before the greedy assignment. Default false. */
  shuffle?: boolean;
  /** Seed for the shuffle (only with shuffle: true). */
  seed?: number;
  /** As for stratifiedKFold: 'error' (default) or scikit-learn's 'warn'. */
  onTooFewMembers?: TooFewMembersPolicy;
}

/** Population std of a row, summed as numpy does along a contiguous axis. */
function stdOf(values: Float64Array): number {
  const n = values.length;
  const m = npSum(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = (values[i] - m) * (values[i] - m);
  return Math.sqrt(npSum(sq) / n);
}

/** np.isclose with its default tolerances. */
function isClose(a: number, b: number): boolean {
  if (!Number.isFinite(b) || !Number.isFinite(a)) return a === b;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

/**
 * Group-preserving folds that keep class shares as even as possible (scikit-learn 1.2's
 * StratifiedGroupKFold): groups are taken in decreasing spread of their class counts and each
 * goes to the fold that minimises the mean over classes of the std of per-fold class shares,
 * ties going to the smaller fold. The arithmetic follows numpy's so ties break the same way.
 */
export function stratifiedGroupKFold(options: StratifiedGroupKFoldOptions = {}): Splitter {
  const { nSplits, shuffle, policy } = stratifiedOptions(options);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized, y?: readonly Label[], groups?: readonly Label[]): Generator<Fold> {
      samplesForSplits(X, nSplits);
      stratifiedTarget(X, y);
      const g = checkGroups(X, groups);
      // scikit-learn numbers classes in sorted order here (np.unique), not by appearance.
      const yEnc = encode(y!);
      const nClasses = yEnc.classes.length;
      const yCnt = new Array<number>(nClasses).fill(0);
      for (const c of yEnc.codes) yCnt[c]++;
      checkClassSizes(yEnc.classes, yCnt, nSplits, policy);
      const nGroups = g.classes.length;
      if (nSplits > nGroups) {
        throw new EvaluatorError(
          'nSplits',
          nSplits,
          `cannot be greater than the number of groups (${nGroups})`,
        );
      }
      const perGroup = Array.from({ length: nGroups }, () => new Float64Array(nClasses));
      for (let i = 0; i < yEnc.codes.length; i++) perGroup[g.codes[i]][yEnc.codes[i]] += 1;
      // Rows of class counts in the order the groups are considered; the row's own group
      // number follows it through the shuffle (scikit-learn 1.2 shuffled only the counts,
      // a bug fixed later; the shuffled case cannot match numpy's RNG anyway).
      let rows = perGroup.map((counts, group) => ({ counts, group }));
      if (shuffle) rows = createSplitRng(options.seed).shuffle(rows);
      const spread = rows.map((r) => -stdOf(r.counts));
      // Stable sort by decreasing spread (np.argsort(-std, kind='mergesort')).
      const order = spread.map((_, i) => i).sort((a, b) => spread[a] - spread[b] || a - b);

      const perFold = Array.from({ length: nSplits }, () => new Float64Array(nClasses));
      const groupFold = new Int32Array(nGroups);
      const col = new Float64Array(nSplits);
      const stdPerClass = new Float64Array(nClasses);
      for (const r of order) {
        const counts = rows[r].counts;
        let best = -1;
        let minEval = Infinity;
        let minSamples = Infinity;
        for (let f = 0; f < nSplits; f++) {
          for (let c = 0; c < nClasses; c++) perFold[f][c] += counts[c];
          for (let c = 0; c < nClasses; c++) {
            // Reduction along axis 0 of a C-ordered array: numpy adds row by row in order.
            let s = 0;
            for (let k = 0; k < nSplits; k++) {
              col[k] = perFold[k][c] / yCnt[c];
              s += col[k];
            }
            const m = s / nSplits;
            let v = 0;
            for (let k = 0; k < nSplits; k++) v += (col[k] - m) * (col[k] - m);
            stdPerClass[c] = Math.sqrt(v / nSplits);
          }
          for (let c = 0; c < nClasses; c++) perFold[f][c] -= counts[c];
          const foldEval = npSum(stdPerClass) / nClasses;
          const samplesInFold = npSum(perFold[f]);
          if (foldEval < minEval || (isClose(foldEval, minEval) && samplesInFold < minSamples)) {
            minEval = foldEval;
            minSamples = samplesInFold;
            best = f;
          }
        }
        for (let c = 0; c < nClasses; c++) perFold[best][c] += counts[c];
        groupFold[rows[r].group] = best;
      }
      const assignment = g.codes.map((grp) => groupFold[grp]);
      yield* foldsFromAssignment(
        assignment,
        Array.from({ length: nSplits }, (_, f) => f),
      );
    },
  };
}
