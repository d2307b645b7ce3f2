import type { DenseMatrix, Label } from '@tunekit/evaluators';
import { encodeLabels, NotFittedError, toDense, toTargets } from '@tunekit/evaluators';
import { kNeighbors, neighborWeights } from './neighbors.js';
import {
  type KnnOptions,
  neighborsFor,
  type ResolvedKnnOptions,
  resolveKnnOptions,
} from './options.js';

interface Fitted {
  readonly X: DenseMatrix;
  readonly k: number;
}

/**
 * k-nearest-neighbours classifier (scikit-learn's KNeighborsClassifier, brute force).
 * Ties: among neighbours at equal distance the lower training row wins; among classes with
 * equal votes the first in `classes` (sorted order) wins, as scikit-learn's mode does.
 */
export class KnnClassifier<L extends Label = number> {
  /** Tells the evaluators this is a classifier: stratified folds and accuracy for a `cv` count. */
  readonly estimatorType = 'classifier' as const;
  readonly options: ResolvedKnnOptions;
  #fitted: (Fitted & { codes: Int32Array; classes: L[] }) | undefined;

  constructor(options: KnnOptions = {}) {
    this.options = resolveKnnOptions(options);
  }

  /** The sorted distinct training labels; column order of `predictProba`. */
  get classes(): L[] {
    if (!this.#fitted) throw new NotFittedError('classes');
    return [...this.#fitted.classes];
  }

  fit(X: readonly (readonly number[])[], y: readonly L[]): void {
    const dense = toDense(X);
    const { classes, codes } = encodeLabels(y, dense.rows);
    this.#fitted = { X: dense, k: neighborsFor(this.options, dense), codes, classes };
  }

  predictProba(X: readonly (readonly number[])[]): number[][] {
    const f = this.#fitted;
    if (!f) throw new NotFittedError('predictProba');
    const query = toDense(X, 'X', f.X.cols);
    const nb = kNeighbors(f.X, query, f.k, this.options.p);
    const w = new Float64Array(f.k);
    const out: number[][] = [];
    for (let q = 0; q < query.rows; q++) {
      neighborWeights(nb, q, this.options.weights, w);
      const votes = new Array<number>(f.classes.length).fill(0);
      let total = 0;
      for (let i = 0; i < f.k; i++) {
        votes[f.codes[nb.index[q * f.k + i]]] += w[i];
        total += w[i];
      }
      out.push(votes.map((v) => v / total));
    }
    return out;
  }

  predict(X: readonly (readonly number[])[]): L[] {
    const f = this.#fitted;
    if (!f) throw new NotFittedError('predict');
    return this.predictProba(X).map((p) => {
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      return f.classes[best];
    });
  }
}

/** k-nearest-neighbours regressor (scikit-learn's KNeighborsRegressor): mean of the neighbours' targets. */
export class KnnRegressor {
  /**
   * Tells the evaluators this is a regressor: plain folds and R² for a `cv` count, even when the
   * target is integer-valued.
   */
  readonly estimatorType = 'regressor' as const;
  readonly options: ResolvedKnnOptions;
  #fitted: (Fitted & { y: Float64Array }) | undefined;

  constructor(options: KnnOptions = {}) {
    this.options = resolveKnnOptions(options);
  }

  fit(X: readonly (readonly number[])[], y: readonly number[]): void {
    const dense = toDense(X);
    this.#fitted = { X: dense, k: neighborsFor(this.options, dense), y: toTargets(y, dense.rows) };
  }

  predict(X: readonly (readonly number[])[]): number[] {
    const f = this.#fitted;
    if (!f) throw new NotFittedError('predict');
    const query = toDense(X, 'X', f.X.cols);
    const nb = kNeighbors(f.X, query, f.k, this.options.p);
    const w = new Float64Array(f.k);
    const out: number[] = [];
    for (let q = 0; q < query.rows; q++) {
      neighborWeights(nb, q, this.options.weights, w);
      let num = 0;
      let den = 0;
      for (let i = 0; i < f.k; i++) {
        num += w[i] * f.y[nb.index[q * f.k + i]];
        den += w[i];
      }
      out.push(num / den);
    }
    return out;
  }
}

/** A k-nearest-neighbours classifier; labels may be numbers or strings. */
export function knnClassifier<L extends Label = number>(
  options: KnnOptions = {},
): KnnClassifier<L> {
  return new KnnClassifier<L>(options);
}

/** A k-nearest-neighbours regressor. */
export function knnRegressor(options: KnnOptions = {}): KnnRegressor {
  return new KnnRegressor(options);
}
