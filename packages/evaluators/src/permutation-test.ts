import { checkInt, encode, type Label } from './check.js';
import type { CrossValidateOptions } from './cross-validate.js';
import { listFolds, prepare } from './cross-validate.js';
import type { Estimator } from './estimator.js';
import { fitAndScore } from './fit-and-score.js';
import { npMean } from './numeric.js';
import { createSplitRng, type SplitRng } from './rng.js';
import type { Scorer, Scoring } from './scorers.js';
import { checkSeed } from './splitters/options.js';
import type { Splitter } from './splitters/types.js';

export interface PermutationTestOptions
  extends Pick<CrossValidateOptions, 'cv' | 'groups' | 'task'> {
  /** One scorer (name or object). Default 'accuracy' or 'r2' by task. */
  scoring?: Scoring;
  /** Number of label permutations. Default 100. */
  nPermutations?: number;
  /** Seed for the permutations. */
  seed?: number;
}

export interface PermutationTestResult {
  /** Mean cross-validated score on the true labels. */
  score: number;
  /** Mean cross-validated score for each permutation of the labels. */
  permutationScores: number[];
  /** (C + 1) / (nPermutations + 1), C = permutations scoring at least as well as the true labels. */
  pValue: number;
}

/** y permuted, within each group when groups are given (scikit-learn's `_shuffle`). */
function permute(
  y: readonly number[],
  groups: readonly Label[] | undefined,
  rng: SplitRng,
): number[] {
  if (groups === undefined) return rng.permutation(y.length).map((i) => y[i]);
  const { classes, codes } = encode(groups);
  const out = y.slice();
  for (let g = 0; g < classes.length; g++) {
    const members: number[] = [];
    for (let i = 0; i < codes.length; i++) if (codes[i] === g) members.push(i);
    const shuffled = rng.shuffle(members.slice());
    members.forEach((m, j) => {
      out[m] = y[shuffled[j]];
    });
  }
  return out;
}

async function meanCvScore(
  make: () => Estimator,
  X: number[][],
  y: number[],
  splitter: Splitter,
  groups: readonly Label[] | undefined,
  scorer: Scorer,
): Promise<number> {
  // Folds are drawn again for every permutation: stratified folds follow the permuted labels.
  const folds = listFolds(splitter, X, y, groups);
  const scores: number[] = [];
  for (const f of folds)
    scores.push((await fitAndScore(make, X, y, f.train, f.test, [scorer], false)).test[0]);
  return npMean(scores);
}

/**
 * scikit-learn's permutation_test_score: is the cross-validated score better than chance?
 * "Better" follows the scorer's direction, so losses need no sign flip.
 */
export async function permutationTestScore(
  makeEstimator: () => Estimator,
  X: number[][],
  y: number[],
  options: PermutationTestOptions = {},
): Promise<PermutationTestResult> {
  const { splitter, scorers, X: Xc, y: yc, make } = prepare(makeEstimator, X, y, options);
  const scorer = scorers[0];
  const groups = options.groups;
  const n = checkInt(options.nPermutations ?? 100, 'nPermutations', 1);
  const rng = createSplitRng(checkSeed(options.seed));
  const score = await meanCvScore(make, Xc, yc, splitter, groups, scorer);
  const permutationScores: number[] = [];
  for (let p = 0; p < n; p++) {
    const yp = permute(yc, groups, rng);
    permutationScores.push(await meanCvScore(make, Xc, yp, splitter, groups, scorer));
  }
  const atLeast = permutationScores.filter((s) =>
    scorer.direction === 'maximize' ? s >= score : s <= score,
  ).length;
  return { score, permutationScores, pValue: (atLeast + 1) / (n + 1) };
}
