import { checkInt, encode, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { createSplitRng, type SplitRng } from '../rng.js';
import { sortedFold } from './complement.js';
import { checkSeed, samplesForSplits } from './options.js';
import type { ShuffleSplitOptions } from './shuffle-split.js';
import { shuffleSplitSizes } from './shuffle-split.js';
import { stratifiedTarget } from './stratified-k-fold.js';
import type { Fold, Sized, Splitter } from './types.js';

/**
 * scikit-learn's `_approximate_mode`: how many of each class to draw so the counts sum to
 * nDraws and follow the class shares; leftover draws go to the largest remainders, ties
 * broken at random.
 */
export function approximateMode(
  counts: readonly number[],
  nDraws: number,
  rng: SplitRng,
): number[] {
  let total = 0;
  for (const c of counts) total += c;
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let need = nDraws - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const take = Math.min(inds.length, need);
      rng.shuffle(inds);
      for (let j = 0; j < take; j++) floored[inds[j]] += 1;
      need -= take;
      if (need === 0) break;
    }
  }
  return floored;
}

/**
 * Random train/test draws that keep class shares (scikit-learn's StratifiedShuffleSplit):
 * per-class counts follow scikit-learn's rule; the draws use this package's seeded generator.
 */
export function stratifiedShuffleSplit(options: ShuffleSplitOptions = {}): Splitter {
  const nSplits = checkInt(options.nSplits ?? 10, 'nSplits', 1);
  const seed = checkSeed(options.seed);
  return {
    getNSplits: () => nSplits,
    *split(X: Sized, y?: readonly Label[]): Generator<Fold> {
      const n = samplesForSplits(X, 1);
      yield* stratifiedDraws(n, X, y, options.testSize, options.trainSize, 0.1, nSplits, seed);
    },
  };
}

/** The draws shared by stratifiedShuffleSplit and trainTestSplit. */
export function* stratifiedDraws(
  n: number,
  X: Sized,
  y: readonly Label[] | undefined,
  testSize: number | undefined,
  trainSize: number | undefined,
  defaultTest: number,
  nSplits: number,
  seed: number | undefined,
): Generator<Fold> {
  const { nTrain, nTest } = shuffleSplitSizes(n, testSize, trainSize, defaultTest);
  stratifiedTarget(X, y);
  const { classes, codes } = encode(y!);
  const counts = new Array<number>(classes.length).fill(0);
  const members: number[][] = classes.map(() => []);
  for (let i = 0; i < codes.length; i++) {
    counts[codes[i]]++;
    members[codes[i]].push(i);
  }
  const smallest = counts.indexOf(Math.min(...counts));
  if (counts[smallest] < 2) {
    throw new EvaluatorError(
      'y',
      `[class ${JSON.stringify(classes[smallest])} with ${counts[smallest]} member]`,
      'every class needs at least 2 members for a stratified shuffle split',
    );
  }
  if (nTrain < classes.length) {
    throw new EvaluatorError(
      'trainSize',
      nTrain,
      `the training set must hold at least one sample per class (${classes.length} classes)`,
    );
  }
  if (nTest < classes.length) {
    throw new EvaluatorError(
      'testSize',
      nTest,
      `the test set must hold at least one sample per class (${classes.length} classes)`,
    );
  }
  const rng = createSplitRng(seed);
  for (let s = 0; s < nSplits; s++) {
    const nI = approximateMode(counts, nTrain, rng);
    const tI = approximateMode(
      counts.map((c, k) => c - nI[k]),
      nTest,
      rng,
    );
    const train: number[] = [];
    const test: number[] = [];
    for (let k = 0; k < classes.length; k++) {
      const perm = rng.shuffle(members[k].slice());
      for (let j = 0; j < nI[k]; j++) train.push(perm[j]);
      for (let j = nI[k]; j < nI[k] + tI[k]; j++) test.push(perm[j]);
    }
    yield sortedFold(train, test);
  }
}
