import type { DenseMatrix } from '@tunekit/evaluators';
import { childSeed, createSplitRng, EvaluatorError, toRows } from '@tunekit/evaluators';
import * as ml from 'ml-random-forest';
import { bootstrapSize, featuresPerSplit, type ResolvedForestOptions } from './options.js';

/** The part of ml-random-forest 2.1.0 used here (its bundled typings do not compile on their own). */
interface MlForest {
  train(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
  featureImportance(): number[];
  toJSON(): unknown;
}
interface MlForestClass {
  new (options: Record<string, unknown>): MlForest;
  load(model: unknown): MlForest;
}
const MlClassifier = (ml as unknown as { RandomForestClassifier: MlForestClass })
  .RandomForestClassifier;
const MlRegression = (ml as unknown as { RandomForestRegression: MlForestClass })
  .RandomForestRegression;

/**
 * The 'ml' engine: ml-random-forest trains one single-tree forest per estimator, on a
 * bootstrap sample this package draws (ml's `maxSamples` keeps the first rows, and its
 * bagging cannot be sized), with out-of-bag scoring off (it throws on small data), integer
 * labels, and every tree's vote kept (ml's predictProbability drops the first tree).
 * ml-cart draws the feature subset once per tree, not per split: that defect remains.
 */
export interface MlEngineForest {
  readonly trees: MlForest[];
  readonly importances: Float64Array;
}

export function fitMlForest(
  X: DenseMatrix,
  target: { codes: Int32Array } | { y: Float64Array },
  o: ResolvedForestOptions,
): MlEngineForest {
  if (o.criterion === 'entropy')
    throw new EvaluatorError('criterion', o.criterion, "engine 'ml' supports only 'gini'");
  if (o.minSamplesLeaf !== 1)
    throw new EvaluatorError('minSamplesLeaf', o.minSamplesLeaf, "engine 'ml' supports only 1");
  const { rows: n, cols: p } = X;
  const rows = toRows(X);
  const values = 'codes' in target ? Array.from(target.codes) : Array.from(target.y);
  const draws = o.bootstrap ? bootstrapSize(o.maxSamples, n) : n;
  const master = createSplitRng(o.seed);
  const Forest = 'codes' in target ? MlClassifier : MlRegression;
  const importances = new Float64Array(p);
  const trees: MlForest[] = [];
  for (let t = 0; t < o.nEstimators; t++) {
    const rng = createSplitRng(childSeed(master));
    const idx = o.bootstrap
      ? Array.from({ length: draws }, () => rng.below(n))
      : Array.from({ length: n }, (_, i) => i);
    const forest = new Forest({
      nEstimators: 1,
      maxFeatures: featuresPerSplit(o.maxFeatures, p),
      replacement: false,
      seed: childSeed(rng) & 0x7fffffff,
      useSampleBagging: false,
      noOOB: true,
      selectionMethod: 'mean',
      treeOptions: {
        maxDepth: o.maxDepth ?? Number.POSITIVE_INFINITY,
        minNumSamples: o.minSamplesSplit - 1,
        gainThreshold: 0,
      },
    });
    forest.train(
      idx.map((i) => rows[i]),
      idx.map((i) => values[i]),
    );
    // Importances now: ml's featureImportance() gives NaN after load().
    const imp = forest.featureImportance();
    if (imp.every(Number.isFinite)) for (let f = 0; f < p; f++) importances[f] += imp[f];
    trees.push(forest);
  }
  const total = importances.reduce((s, v) => s + v, 0);
  if (total > 0) for (let f = 0; f < p; f++) importances[f] /= total;
  return { trees, importances };
}

/** Per tree predictions: trees x rows. */
export function mlTreePredictions(trees: readonly MlForest[], X: DenseMatrix): number[][] {
  const rows = toRows(X);
  return trees.map((t) => t.predict(rows));
}

export function mlToJSON(trees: readonly MlForest[]): unknown[] {
  return trees.map((t) => t.toJSON());
}

export function mlFromJSON(models: readonly unknown[], classifier: boolean): MlForest[] {
  const Forest = classifier ? MlClassifier : MlRegression;
  return models.map((m) => Forest.load(m));
}
