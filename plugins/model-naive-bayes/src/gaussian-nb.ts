import {
  checkNumber,
  type DenseMatrix,
  encodeLabels,
  type Label,
  toDense,
} from '@tunekit/evaluators';
import { classCounts, logPriors } from './class-stats.js';
import { NaiveBayesBase } from './naive-bayes-base.js';

/** Options of `gaussianNB` (scikit-learn's GaussianNB). */
export interface GaussianNBOptions {
  /** Portion of the largest feature variance added to every variance, for stability (default 1e-9). */
  varSmoothing?: number;
  /** Class priors in sorted class order; default: the training class frequencies. */
  priors?: number[];
}

interface Fitted<L> {
  classes: L[];
  theta: Float64Array[];
  variance: Float64Array[];
  logPrior: Float64Array;
  cols: number;
}

/** Gaussian naive Bayes: one normal per class and feature, variances smoothed by varSmoothing * max variance. */
export class GaussianNB<L extends Label = number> extends NaiveBayesBase<L, Fitted<L>> {
  readonly varSmoothing: number;
  readonly priors: readonly number[] | undefined;

  constructor(options: GaussianNBOptions = {}) {
    super();
    this.varSmoothing = checkNumber(options.varSmoothing ?? 1e-9, 'varSmoothing', 0, true);
    this.priors = options.priors === undefined ? undefined : [...options.priors];
  }

  fit(X: readonly (readonly number[])[], y: readonly L[]): void {
    const m = toDense(X);
    const { classes, codes } = encodeLabels(y, m.rows);
    const k = classes.length;
    const d = m.cols;
    const counts = classCounts(codes, k);
    const theta = Array.from({ length: k }, () => new Float64Array(d));
    const variance = Array.from({ length: k }, () => new Float64Array(d));
    for (let i = 0; i < m.rows; i++) {
      const t = theta[codes[i]];
      for (let j = 0; j < d; j++) t[j] += m.data[i * d + j];
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) theta[c][j] /= counts[c];
    // Two passes (mean, then squared deviations) as numpy's var does: no cancellation.
    for (let i = 0; i < m.rows; i++) {
      const t = theta[codes[i]];
      const v = variance[codes[i]];
      for (let j = 0; j < d; j++) v[j] += (m.data[i * d + j] - t[j]) ** 2;
    }
    // Floored so that constant training data (all variances 0) still gives finite likelihoods.
    const epsilon = Math.max(this.varSmoothing * maxFeatureVariance(m), 1e-300);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) variance[c][j] = variance[c][j] / counts[c] + epsilon;
    this.fitted = {
      classes,
      theta,
      variance,
      logPrior: logPriors(counts, this.priors, true, 'priors'),
      cols: d,
    };
  }

  /** Per-class feature means (scikit-learn's `theta_`). */
  get theta(): number[][] {
    return this.need('theta').theta.map((r) => Array.from(r));
  }

  /** Per-class feature variances including the smoothing (scikit-learn's `var_`). */
  get variance(): number[][] {
    return this.need('variance').variance.map((r) => Array.from(r));
  }

  /** Joint log-likelihood log P(c) + log P(x | c) of each row and class. */
  jointLogLikelihood(X: readonly (readonly number[])[]): Float64Array[] {
    const f = this.need('jointLogLikelihood');
    const m = toDense(X, 'X', f.cols);
    const k = f.classes.length;
    const norm = f.variance.map((v) => v.reduce((s, vj) => s + Math.log(2 * Math.PI * vj), 0));
    const out: Float64Array[] = [];
    for (let i = 0; i < m.rows; i++) {
      const row = new Float64Array(k);
      for (let c = 0; c < k; c++) {
        const t = f.theta[c];
        const v = f.variance[c];
        let q = 0;
        for (let j = 0; j < f.cols; j++) q += (m.data[i * f.cols + j] - t[j]) ** 2 / v[j];
        row[c] = f.logPrior[c] - 0.5 * norm[c] - 0.5 * q;
      }
      out.push(row);
    }
    return out;
  }
}

function maxFeatureVariance(m: DenseMatrix): number {
  let best = 0;
  for (let j = 0; j < m.cols; j++) {
    let mean = 0;
    for (let i = 0; i < m.rows; i++) mean += m.data[i * m.cols + j];
    mean /= m.rows;
    let v = 0;
    for (let i = 0; i < m.rows; i++) v += (m.data[i * m.cols + j] - mean) ** 2;
    best = Math.max(best, v / m.rows);
  }
  return best;
}

/** Gaussian naive Bayes (scikit-learn's GaussianNB); labels may be numbers or strings. */
export function gaussianNB<L extends Label = number>(
  options: GaussianNBOptions = {},
): GaussianNB<L> {
  return new GaussianNB<L>(options);
}
