import { checkChoice, checkInt, checkNumber } from './data.js';

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
    nNeighbors: checkInt('nNeighbors', o.nNeighbors ?? 5, 1),
    weights: checkChoice('weights', o.weights ?? 'uniform', ['uniform', 'distance'] as const),
    p: checkNumber('p', o.p ?? 2, 1, true),
  };
}
