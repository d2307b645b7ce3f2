import type { DenseMatrix, Label } from '@tunekit/evaluators';
import { encodeLabels, NotFittedError, toDense, toTargets } from '@tunekit/evaluators';
import { averageLeafValues, fitFastForest } from './fast-forest.js';
import { checkForestJSON, type RandomForestJSON } from './forest-json.js';
import {
  fitMlForest,
  type MlEngineForest,
  mlFromJSON,
  mlToJSON,
  mlTreePredictions,
} from './ml-engine.js';
import {
  type RandomForestClassifierOptions,
  type RandomForestRegressorOptions,
  type ResolvedForestOptions,
  resolveOptions,
} from './options.js';
import { type Tree, treeFromJSON, treeToJSON } from './tree.js';

interface Fitted {
  nFeatures: number;
  importances: Float64Array;
  fast: Tree[] | undefined;
  ml: MlEngineForest['trees'] | undefined;
}

abstract class Forest {
  readonly options: ResolvedForestOptions;
  protected fitted: Fitted | undefined;

  constructor(options: ResolvedForestOptions) {
    this.options = options;
  }

  /** Impurity-based importances, averaged over trees and normalised to sum 1 (scikit-learn's feature_importances_). */
  get featureImportances(): number[] {
    return Array.from(this.need('featureImportances').importances);
  }

  protected need(method: string): Fitted {
    if (!this.fitted) throw new NotFittedError(method);
    return this.fitted;
  }

  protected query(X: readonly (readonly number[])[]): DenseMatrix {
    return toDense(X, 'X', this.need('predict').nFeatures);
  }

  protected json(task: RandomForestJSON['task'], classes: Label[] | null): RandomForestJSON {
    const f = this.need('toJSON');
    const { maxDepth, maxSamples, ...rest } = this.options;
    return {
      format: 'tunekit.random-forest',
      version: 1,
      task,
      options: {
        ...rest,
        ...(maxDepth === undefined ? {} : { maxDepth }),
        ...(maxSamples === undefined ? {} : { maxSamples }),
      },
      nFeatures: f.nFeatures,
      classes,
      featureImportances: Array.from(f.importances),
      trees: f.fast ? f.fast.map(treeToJSON) : null,
      mlModels: f.ml ? mlToJSON(f.ml) : null,
    };
  }

  protected restore(j: RandomForestJSON): void {
    this.fitted = {
      nFeatures: j.nFeatures,
      importances: Float64Array.from(j.featureImportances),
      fast: j.trees ? j.trees.map(treeFromJSON) : undefined,
      ml: j.mlModels ? mlFromJSON(j.mlModels, j.task === 'classification') : undefined,
    };
  }
}

/**
 * Random forest classifier (scikit-learn's RandomForestClassifier): bootstrap samples, a fresh
 * feature subset at every split, probabilities = leaf class frequencies averaged over trees.
 */
export class RandomForestClassifier<L extends Label = number> extends Forest {
  /** Tells the evaluators this is a classifier: stratified folds and accuracy for a `cv` count. */
  readonly estimatorType = 'classifier' as const;
  #classes: L[] | undefined;

  constructor(options: RandomForestClassifierOptions = {}) {
    super(resolveOptions(options, true));
  }

  get classes(): L[] {
    this.need('classes');
    return [...(this.#classes as L[])];
  }

  fit(X: readonly (readonly number[])[], y: readonly L[]): void {
    const m = toDense(X);
    const { classes, codes } = encodeLabels(y, m.rows);
    if (this.options.engine === 'ml') {
      const f = fitMlForest(m, { codes }, this.options);
      this.fitted = { nFeatures: m.cols, importances: f.importances, fast: undefined, ml: f.trees };
    } else {
      const f = fitFastForest(m, { codes, k: classes.length }, this.options);
      this.fitted = { nFeatures: m.cols, importances: f.importances, fast: f.trees, ml: undefined };
    }
    this.#classes = classes;
  }

  /** Class probabilities, columns in `classes` order. The 'ml' engine gives the share of tree votes. */
  predictProba(X: readonly (readonly number[])[]): number[][] {
    const f = this.need('predictProba');
    const q = this.query(X);
    const k = (this.#classes as L[]).length;
    if (f.fast) {
      const avg = averageLeafValues(f.fast, q);
      return Array.from({ length: q.rows }, (_, r) => Array.from(avg.subarray(r * k, (r + 1) * k)));
    }
    const votes = mlTreePredictions(f.ml as MlEngineForest['trees'], q);
    return Array.from({ length: q.rows }, (_, r) => {
      const p = new Array<number>(k).fill(0);
      for (const tree of votes) p[tree[r]] += 1 / votes.length;
      return p;
    });
  }

  /** The most probable class (first in `classes` order on ties). */
  predict(X: readonly (readonly number[])[]): L[] {
    this.need('predict');
    const classes = this.#classes as L[];
    return this.predictProba(X).map((p) => {
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      return classes[best];
    });
  }

  toJSON(): RandomForestJSON {
    return this.json('classification', this.classes);
  }

  static fromJSON<L extends Label = number>(json: RandomForestJSON): RandomForestClassifier<L> {
    checkForestJSON(json, 'classification');
    const m = new RandomForestClassifier<L>(json.options as RandomForestClassifierOptions);
    m.restore(json);
    m.#classes = json.classes as L[];
    return m;
  }
}

/** Random forest regressor (scikit-learn's RandomForestRegressor): the mean of the trees' leaf means. */
export class RandomForestRegressor extends Forest {
  /**
   * Tells the evaluators this is a regressor: plain folds and R² for a `cv` count, even when the
   * target is integer-valued.
   */
  readonly estimatorType = 'regressor' as const;
  constructor(options: RandomForestRegressorOptions = {}) {
    super(resolveOptions(options, false));
  }

  fit(X: readonly (readonly number[])[], y: readonly number[]): void {
    const m = toDense(X);
    const target = { y: toTargets(y, m.rows) };
    if (this.options.engine === 'ml') {
      const f = fitMlForest(m, target, this.options);
      this.fitted = { nFeatures: m.cols, importances: f.importances, fast: undefined, ml: f.trees };
    } else {
      const f = fitFastForest(m, target, this.options);
      this.fitted = { nFeatures: m.cols, importances: f.importances, fast: f.trees, ml: undefined };
    }
  }

  predict(X: readonly (readonly number[])[]): number[] {
    const f = this.need('predict');
    const q = this.query(X);
    if (f.fast) return Array.from(averageLeafValues(f.fast, q));
    const preds = mlTreePredictions(f.ml as MlEngineForest['trees'], q);
    return Array.from(
      { length: q.rows },
      (_, r) => preds.reduce((s, t) => s + t[r], 0) / preds.length,
    );
  }

  toJSON(): RandomForestJSON {
    return this.json('regression', null);
  }

  static fromJSON(json: RandomForestJSON): RandomForestRegressor {
    checkForestJSON(json, 'regression');
    const m = new RandomForestRegressor(json.options as RandomForestRegressorOptions);
    m.restore(json);
    return m;
  }
}

/** A random forest classifier; labels may be numbers or strings. */
export function randomForestClassifier<L extends Label = number>(
  options: RandomForestClassifierOptions = {},
): RandomForestClassifier<L> {
  return new RandomForestClassifier<L>(options);
}

/** A random forest regressor. */
export function randomForestRegressor(
  options: RandomForestRegressorOptions = {},
): RandomForestRegressor {
  return new RandomForestRegressor(options);
}
