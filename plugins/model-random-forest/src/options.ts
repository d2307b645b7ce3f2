import { checkChoice, checkInt, EvaluatorError } from '@tunekit/evaluators';
import type { Criterion } from './grow-tree.js';

/** Features per split: a fraction in (0, 1], a count (integer >= 1), 'sqrt' or 'log2'. */
export type MaxFeatures = number | 'sqrt' | 'log2';

export interface RandomForestOptions {
  /** Number of trees (default 100). */
  nEstimators?: number;
  /** Maximum depth; default unlimited. */
  maxDepth?: number;
  /** Minimum rows in a node to split it (default 2). */
  minSamplesSplit?: number;
  /** Minimum rows in each child (default 1). */
  minSamplesLeaf?: number;
  /** Features drawn per split (default 'sqrt' for the classifier, 1.0 for the regressor). */
  maxFeatures?: MaxFeatures;
  /** Train each tree on a bootstrap sample (default true). */
  bootstrap?: boolean;
  /** Bootstrap sample size: a fraction in (0, 1] or a row count; default all rows. */
  maxSamples?: number;
  /** Seed of the forest's generator (default 0). */
  seed?: number;
  /** 'fast' (default): this package's trees; 'ml': ml-random-forest 2.1.0 with its defects worked around. */
  engine?: 'fast' | 'ml';
}

export interface RandomForestClassifierOptions extends RandomForestOptions {
  /** Split criterion (default 'gini'). */
  criterion?: 'gini' | 'entropy';
}

export interface RandomForestRegressorOptions extends RandomForestOptions {
  /** Split criterion (only 'squaredError', scikit-learn's "squared_error"). */
  criterion?: 'squaredError';
}

export interface ResolvedForestOptions {
  readonly nEstimators: number;
  readonly maxDepth: number | undefined;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: MaxFeatures;
  readonly bootstrap: boolean;
  readonly maxSamples: number | undefined;
  readonly seed: number;
  readonly engine: 'fast' | 'ml';
  readonly criterion: Criterion;
}

export function resolveOptions(
  o: RandomForestClassifierOptions | RandomForestRegressorOptions,
  classifier: boolean,
): ResolvedForestOptions {
  const maxFeatures = o.maxFeatures ?? (classifier ? 'sqrt' : 1);
  if (
    !(
      maxFeatures === 'sqrt' ||
      maxFeatures === 'log2' ||
      (typeof maxFeatures === 'number' &&
        maxFeatures > 0 &&
        Number.isFinite(maxFeatures) &&
        (maxFeatures <= 1 || Number.isInteger(maxFeatures)))
    )
  ) {
    throw new EvaluatorError(
      'maxFeatures',
      maxFeatures,
      "must be a fraction in (0, 1], an integer count >= 1, 'sqrt' or 'log2'",
    );
  }
  const maxSamples = o.maxSamples;
  if (
    maxSamples !== undefined &&
    !(
      typeof maxSamples === 'number' &&
      maxSamples > 0 &&
      Number.isFinite(maxSamples) &&
      (maxSamples <= 1 || Number.isInteger(maxSamples))
    )
  ) {
    throw new EvaluatorError(
      'maxSamples',
      maxSamples,
      'must be a fraction in (0, 1] or an integer count >= 1',
    );
  }
  const bootstrap = checkChoice(o.bootstrap ?? true, 'bootstrap', [true, false]);
  if (!bootstrap && maxSamples !== undefined)
    throw new EvaluatorError('maxSamples', maxSamples, 'needs bootstrap: true');
  const criterion = classifier
    ? checkChoice(o.criterion ?? 'gini', 'criterion', ['gini', 'entropy'] as const)
    : checkChoice(o.criterion ?? 'squaredError', 'criterion', ['squaredError'] as const);
  const seed = checkInt(o.seed ?? 0, 'seed', Number.NEGATIVE_INFINITY);
  return {
    nEstimators: checkInt(o.nEstimators ?? 100, 'nEstimators', 1),
    maxDepth: o.maxDepth === undefined ? undefined : checkInt(o.maxDepth, 'maxDepth', 1),
    minSamplesSplit: checkInt(o.minSamplesSplit ?? 2, 'minSamplesSplit', 2),
    minSamplesLeaf: checkInt(o.minSamplesLeaf ?? 1, 'minSamplesLeaf', 1),
    maxFeatures,
    bootstrap,
    maxSamples,
    seed,
    engine: checkChoice(o.engine ?? 'fast', 'engine', ['fast', 'ml'] as const),
    criterion,
  };
}

/** Number of features per split for `p` features (scikit-learn's rules, at least 1). */
export function featuresPerSplit(mf: MaxFeatures, p: number): number {
  if (mf === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(p)));
  if (mf === 'log2') return Math.max(1, Math.floor(Math.log2(p)));
  // 1 and 1.0 are the same number in JavaScript: read as the fraction 1.0, all features.
  if (mf === 1) return p;
  if (Number.isInteger(mf)) {
    if (mf > p)
      throw new EvaluatorError('maxFeatures', mf, `must be <= the number of features (${p})`);
    return mf;
  }
  return Math.max(1, Math.floor(mf * p));
}

/** Bootstrap sample size for `n` rows (a fraction is rounded, as scikit-learn does; 1 means all rows). */
export function bootstrapSize(maxSamples: number | undefined, n: number): number {
  if (maxSamples === undefined || maxSamples === 1) return n;
  if (!Number.isInteger(maxSamples)) return Math.max(1, Math.round(maxSamples * n));
  if (maxSamples > n)
    throw new EvaluatorError('maxSamples', maxSamples, `must be <= the number of rows (${n})`);
  return maxSamples;
}
