import {
  checkChoice,
  checkNumber,
  EvaluatorError,
  encodeLabels,
  type Label,
  toDense,
} from '@tunekit/evaluators';
import { classCounts, logPriors } from './class-stats.js';
import { NaiveBayesBase } from './naive-bayes-base.js';

/** Options of `multinomialNB` (scikit-learn's MultinomialNB). */
export interface MultinomialNBOptions {
  /** Additive (Laplace/Lidstone) smoothing, >= 0 (default 1); values below 1e-10 become 1e-10 as in scikit-learn 1.2. */
  alpha?: number;
  /** Learn class priors from the data (default true); false: uniform priors. */
  fitPrior?: boolean;
  /** Class priors in sorted class order; overrides fitPrior. */
  classPrior?: number[];
}

interface Fitted<L> {
  classes: L[];
  featureLogProb: Float64Array[];
  logPrior: Float64Array;
  cols: number;
}

/** scikit-learn 1.2 (force_alpha=False) clips alpha to this to keep every log finite. */
const ALPHA_MIN = 1e-10;

/** Multinomial naive Bayes for count-like, non-negative features. */
export class MultinomialNB<L extends Label = number> extends NaiveBayesBase<L, Fitted<L>> {
  readonly alpha: number;
  readonly fitPrior: boolean;
  readonly classPrior: readonly number[] | undefined;

  constructor(options: MultinomialNBOptions = {}) {
    super();
    const alpha = checkNumber(options.alpha ?? 1, 'alpha', 0, true);
    this.alpha = Math.max(alpha, ALPHA_MIN);
    this.fitPrior = checkChoice(options.fitPrior ?? true, 'fitPrior', [true, false]);
    this.classPrior = options.classPrior === undefined ? undefined : [...options.classPrior];
  }

  fit(X: readonly (readonly number[])[], y: readonly L[]): void {
    const m = toDense(X);
    checkNonNegative(m.data, m.cols);
    const { classes, codes } = encodeLabels(y, m.rows);
    const k = classes.length;
    const d = m.cols;
    const fc = Array.from({ length: k }, () => new Float64Array(d).fill(this.alpha));
    for (let i = 0; i < m.rows; i++) {
      const row = fc[codes[i]];
      for (let j = 0; j < d; j++) row[j] += m.data[i * d + j];
    }
    const featureLogProb = fc.map((row) => {
      const logTotal = Math.log(row.reduce((s, v) => s + v, 0));
      return row.map((v) => Math.log(v) - logTotal);
    });
    const logPrior = logPriors(classCounts(codes, k), this.classPrior, this.fitPrior, 'classPrior');
    this.fitted = { classes, featureLogProb, logPrior, cols: d };
  }

  /** Smoothed log P(feature | class) (scikit-learn's `feature_log_prob_`). */
  get featureLogProb(): number[][] {
    return this.need('featureLogProb').featureLogProb.map((r) => Array.from(r));
  }

  /** log P(c) + x . log P(feature | c) of each row and class. */
  jointLogLikelihood(X: readonly (readonly number[])[]): Float64Array[] {
    const f = this.need('jointLogLikelihood');
    const m = toDense(X, 'X', f.cols);
    checkNonNegative(m.data, m.cols);
    const out: Float64Array[] = [];
    for (let i = 0; i < m.rows; i++) {
      const row = Float64Array.from(f.logPrior);
      for (let c = 0; c < row.length; c++) {
        const flp = f.featureLogProb[c];
        let s = 0;
        for (let j = 0; j < f.cols; j++) s += m.data[i * f.cols + j] * flp[j];
        row[c] += s;
      }
      out.push(row);
    }
    return out;
  }
}

function checkNonNegative(data: Float64Array, cols: number): void {
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0) {
      throw new EvaluatorError(
        `X[${Math.floor(i / cols)}][${i % cols}]`,
        data[i],
        'multinomial naive Bayes needs non-negative features (counts or frequencies)',
      );
    }
  }
}

/** Multinomial naive Bayes (scikit-learn's MultinomialNB); labels may be numbers or strings. */
export function multinomialNB<L extends Label = number>(
  options: MultinomialNBOptions = {},
): MultinomialNB<L> {
  return new MultinomialNB<L>(options);
}
