import {
  checkChoice,
  checkInt,
  checkNumber,
  type DenseMatrix,
  EvaluatorError,
} from '@tunekit/evaluators';

/** Hyperparameters shared by the kNN classifier and regressor (scikit-learn's defaults). */
export interface KnnOptions {
  /** Number of neighbours (default 5). */
  nNeighbors?: number;
  /** 'uniform' (default): every neighbour counts once; 'distance': weight 1/distance. */
  weights?: 'uniform' | 'distance';
  /** Order of the Minkowski distance, >= 1 (default 2: Euclidean; 1: Manhattan). */
  p?: number;
}

export interface ResolvedKnnOptions {
  readonly nNeighbors: number;
  readonly weights: 'uniform' | 'distance';
  readonly p: number;
}

export function resolveKnnOptions(o: KnnOptions = {}): ResolvedKnnOptions {
  return {
    nNeighbors: checkInt(o.nNeighbors ?? 5, 'nNeighbors', 1),
    weights: checkChoice(o.weights ?? 'uniform', 'weights', ['uniform', 'distance'] as const),
    p: checkNumber(o.p ?? 2, 'p', 1, true),
  };
}

/** nNeighbors, which cannot exceed the number of training rows (scikit-learn's rule). */
export function neighborsFor(opts: ResolvedKnnOptions, X: DenseMatrix): number {
  if (opts.nNeighbors > X.rows) {
    throw new EvaluatorError(
      'nNeighbors',
      opts.nNeighbors,
      `must be <= the number of training rows (${X.rows})`,
    );
  }
  return opts.nNeighbors;
}
