import { childSeed, createSplitRng, type DenseMatrix } from '@tunekit/evaluators';
import { growTree, type TrainingSet } from './grow-tree.js';
import { bootstrapSize, featuresPerSplit, type ResolvedForestOptions } from './options.js';
import { leafOf, type Tree } from './tree.js';

export interface FastForest {
  readonly trees: Tree[];
  /** Normalised impurity-based importances (sum 1, or all 0 when no tree split). */
  readonly importances: Float64Array;
}

/** Fits the 'fast' engine's trees (targets: class codes with k classes, or regression values). */
export function fitFastForest(
  X: DenseMatrix,
  target: { codes: Int32Array; k: number } | { y: Float64Array },
  o: ResolvedForestOptions,
): FastForest {
  const { rows: n, cols: p } = X;
  const cols = new Float64Array(n * p);
  for (let r = 0; r < n; r++) for (let f = 0; f < p; f++) cols[f * n + r] = X.data[r * p + f];
  const order = new Int32Array(n * p);
  const idx = new Int32Array(n);
  for (let f = 0; f < p; f++) {
    for (let r = 0; r < n; r++) idx[r] = r;
    const base = f * n;
    idx.sort((a, b) => cols[base + a] - cols[base + b] || a - b);
    order.set(idx, base);
  }
  const ts: TrainingSet =
    'codes' in target
      ? { n, p, cols, order, codes: target.codes, k: target.k, y: undefined }
      : { n, p, cols, order, codes: undefined, k: 1, y: target.y };
  const grow = {
    criterion: o.criterion,
    maxDepth: o.maxDepth ?? Number.POSITIVE_INFINITY,
    minSamplesSplit: o.minSamplesSplit,
    minSamplesLeaf: o.minSamplesLeaf,
    maxFeatures: featuresPerSplit(o.maxFeatures, p),
  };
  const draws = o.bootstrap ? bootstrapSize(o.maxSamples, n) : n;
  const master = createSplitRng(o.seed);
  const importances = new Float64Array(p);
  const trees: Tree[] = [];
  const weights = new Float64Array(n);
  for (let t = 0; t < o.nEstimators; t++) {
    const rng = createSplitRng(childSeed(master));
    if (o.bootstrap) {
      weights.fill(0);
      for (let i = 0; i < draws; i++) weights[rng.below(n)]++;
    } else {
      weights.fill(1);
    }
    trees.push(growTree(ts, weights, grow, rng, importances));
  }
  const total = importances.reduce((s, v) => s + v, 0);
  if (total > 0) for (let f = 0; f < p; f++) importances[f] /= total;
  return { trees, importances };
}

/** Average over trees of the leaf values (class probabilities or means): rows x outputs, row-major. */
export function averageLeafValues(trees: readonly Tree[], X: DenseMatrix): Float64Array {
  const K = trees[0].outputs;
  const out = new Float64Array(X.rows * K);
  for (const tree of trees) {
    for (let r = 0; r < X.rows; r++) {
      const leaf = leafOf(tree, X.data, X.cols, r);
      for (let c = 0; c < K; c++) out[r * K + c] += tree.value[leaf * K + c];
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= trees.length;
  return out;
}
