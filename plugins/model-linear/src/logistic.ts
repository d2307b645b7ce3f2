import {
  applyStandardScaler,
  checkChoice,
  checkInt,
  checkNumber,
  encodeLabels,
  fitStandardScaler,
  type Label,
  NotFittedError,
  type StandardScaler,
  toDense,
} from '@tunekit/evaluators';
import { fista } from './fista.js';
import { lbfgs } from './lbfgs.js';
import {
  decision,
  type LogisticProblem,
  lipschitzEstimate,
  logisticValueGrad,
  parameterCount,
  sigmoid,
} from './logistic-loss.js';
import type { LinearBaseOptions } from './regressors.js';

export type LogisticPenalty = 'l2' | 'l1' | 'elasticnet' | 'none';

export interface LogisticRegressionOptions extends LinearBaseOptions {
  /** Penalty (default 'l2'). */
  penalty?: LogisticPenalty;
  /** Inverse regularisation strength, > 0 (default 1). */
  C?: number;
  /** L1 share for 'elasticnet', in [0, 1] (default 0.5; scikit-learn requires it explicitly). */
  l1Ratio?: number;
  /** Gradient (mapping) tolerance, max-norm, on the summed loss (default 1e-4). */
  tol?: number;
  /** Iterations: L-BFGS for 'l2'/'none' (default 100, as scikit-learn), FISTA for 'l1'/'elasticnet' (default 1000). */
  maxIter?: number;
}

interface Fitted<L> {
  classes: L[];
  coef: Float64Array;
  intercept: Float64Array;
  k: number;
  p: number;
  scaler: StandardScaler | undefined;
  nIter: number;
  converged: boolean;
}

/**
 * Logistic regression with scikit-learn's objective: sum of log-losses times C plus the
 * penalty (0.5 ||W||^2 for l2, ||W||_1 for l1, l1Ratio ||W||_1 + (1 - l1Ratio)/2 ||W||^2 for
 * elasticnet); the intercept is not penalised. Two classes use one sigmoid model (coefficients
 * of `classes[1]`), more classes a multinomial (softmax) model with one row per class.
 */
export class LogisticRegression<L extends Label = number> {
  /** Tells the evaluators this is a classifier: stratified folds and accuracy for a `cv` count. */
  readonly estimatorType = 'classifier' as const;
  readonly penalty: LogisticPenalty;
  readonly C: number;
  readonly l1Ratio: number;
  readonly tol: number;
  readonly maxIter: number;
  readonly fitIntercept: boolean;
  readonly standardize: boolean;
  #fitted: Fitted<L> | undefined;

  constructor(options: LogisticRegressionOptions = {}) {
    this.penalty = checkChoice(options.penalty ?? 'l2', 'penalty', [
      'l2',
      'l1',
      'elasticnet',
      'none',
    ] as const);
    this.C = checkNumber(options.C ?? 1, 'C', 0, false);
    this.l1Ratio = checkNumber(options.l1Ratio ?? 0.5, 'l1Ratio', 0, true, 1);
    this.tol = checkNumber(options.tol ?? 1e-4, 'tol', 0, true);
    const smooth = this.penalty === 'l2' || this.penalty === 'none';
    this.maxIter = checkInt(options.maxIter ?? (smooth ? 100 : 1000), 'maxIter', 1);
    this.fitIntercept = checkChoice(options.fitIntercept ?? true, 'fitIntercept', [true, false]);
    this.standardize = checkChoice(options.standardize ?? false, 'standardize', [true, false]);
  }

  fit(X: readonly (readonly number[])[], y: readonly L[]): void {
    const raw = toDense(X);
    const { classes, codes } = encodeLabels(y, raw.rows, { minClasses: 2 });
    const scaler = this.standardize ? fitStandardScaler(raw) : undefined;
    const m = applyStandardScaler(raw, scaler);
    const k = classes.length === 2 ? 1 : classes.length;
    const pr: LogisticProblem = {
      X: m.data,
      n: m.rows,
      p: m.cols,
      k,
      codes,
      fitIntercept: this.fitIntercept,
    };
    const dim = parameterCount(pr);
    // Divide the objective by C: sum(loss) + penalty / C has the same minimiser and scikit-learn's scale.
    const l1 =
      this.penalty === 'l1'
        ? 1 / this.C
        : this.penalty === 'elasticnet'
          ? this.l1Ratio / this.C
          : 0;
    const l2 =
      this.penalty === 'l2'
        ? 1 / this.C
        : this.penalty === 'elasticnet'
          ? (1 - this.l1Ratio) / this.C
          : 0;
    const smooth = (theta: Float64Array, grad: Float64Array) =>
      logisticValueGrad(pr, l2, theta, grad);
    const res =
      l1 > 0
        ? fista(smooth, dim, k * m.cols, l1, lipschitzEstimate(pr, l2), this.maxIter, this.tol)
        : lbfgs(smooth, new Float64Array(dim), this.maxIter, this.tol);
    const coef = res.x.slice(0, k * m.cols);
    const intercept = this.fitIntercept ? res.x.slice(k * m.cols) : new Float64Array(k);
    this.#fitted = {
      classes,
      coef,
      intercept,
      k,
      p: m.cols,
      scaler,
      nIter: res.nIter,
      converged: res.converged,
    };
  }

  /** Linear scores: n values (binary, score of classes[1]) or n x k. */
  decisionFunction(X: readonly (readonly number[])[]): number[] | number[][] {
    const f = this.#need('decisionFunction');
    const scores = this.#scores(X, f);
    const n = scores.length / f.k;
    if (f.k === 1) return Array.from(scores);
    return Array.from({ length: n }, (_, i) => Array.from(scores.subarray(i * f.k, (i + 1) * f.k)));
  }

  predictProba(X: readonly (readonly number[])[]): number[][] {
    const f = this.#need('predictProba');
    const scores = this.#scores(X, f);
    const out: number[][] = [];
    const n = scores.length / f.k;
    for (let i = 0; i < n; i++) {
      if (f.k === 1) {
        const p1 = sigmoid(scores[i]);
        out.push([1 - p1, p1]);
        continue;
      }
      const row = scores.subarray(i * f.k, (i + 1) * f.k);
      let max = row[0];
      for (const v of row) max = Math.max(max, v);
      const e = Array.from(row, (v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      out.push(e.map((v) => v / sum));
    }
    return out;
  }

  predict(X: readonly (readonly number[])[]): L[] {
    const f = this.#need('predict');
    return this.predictProba(X).map((p) => {
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      return f.classes[best];
    });
  }

  get classes(): L[] {
    return [...this.#need('classes').classes];
  }

  /** Coefficients, one row per class (one row for two classes), of the standardised features when `standardize`. */
  get coef(): number[][] {
    const f = this.#need('coef');
    return Array.from({ length: f.k }, (_, c) =>
      Array.from(f.coef.subarray(c * f.p, (c + 1) * f.p)),
    );
  }

  get intercept(): number[] {
    return Array.from(this.#need('intercept').intercept);
  }

  get nIter(): number {
    return this.#need('nIter').nIter;
  }

  /** False when the solver stopped at maxIter before meeting tol. */
  get converged(): boolean {
    return this.#need('converged').converged;
  }

  #scores(X: readonly (readonly number[])[], f: Fitted<L>): Float64Array {
    const m = applyStandardScaler(toDense(X, 'X', f.p), f.scaler);
    return decision(m.data, m.rows, f.p, f.k, f.coef, f.intercept);
  }

  #need(method: string): Fitted<L> {
    if (!this.#fitted) throw new NotFittedError(method);
    return this.#fitted;
  }
}

/** Logistic regression (binary or multinomial); labels may be numbers or strings. */
export function logisticRegression<L extends Label = number>(
  options: LogisticRegressionOptions = {},
): LogisticRegression<L> {
  return new LogisticRegression<L>(options);
}
