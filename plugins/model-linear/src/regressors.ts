import {
  applyStandardScaler,
  checkChoice,
  checkInt,
  checkNumber,
  type DenseMatrix,
  fitStandardScaler,
  NotFittedError,
  type StandardScaler,
  toDense,
  toTargets,
} from '@tunekit/evaluators';
import { elasticNetCd } from './coordinate-descent.js';
import { center } from './design.js';
import { choleskySolve, normalEquations, pinvSolve } from './linalg.js';

/** Options every linear model takes. */
export interface LinearBaseOptions {
  /** Fit an unpenalised intercept (default true). */
  fitIntercept?: boolean;
  /**
   * Standardise features (mean 0, population std 1, as StandardScaler) before fitting; the
   * fitted `coef` are then those of the standardised features, as in
   * `make_pipeline(StandardScaler(), model)[-1].coef_`. Default false (scikit-learn's models do
   * not scale).
   */
  standardize?: boolean;
}

export type LinearRegressionOptions = LinearBaseOptions;

export interface RidgeOptions extends LinearBaseOptions {
  /** L2 weight of  ||y - Xw||^2 + alpha ||w||^2  (default 1, >= 0). */
  alpha?: number;
}

export interface ElasticNetOptions extends LinearBaseOptions {
  /** Overall penalty weight (default 1, >= 0). */
  alpha?: number;
  /** Share of the L1 term, in [0, 1] (default 0.5). */
  l1Ratio?: number;
  /** Duality-gap tolerance relative to ||y||^2 (default 1e-4). */
  tol?: number;
  /** Maximum coordinate-descent sweeps (default 1000). */
  maxIter?: number;
}

export type LassoOptions = Omit<ElasticNetOptions, 'l1Ratio'>;

type Solver = (
  X: DenseMatrix,
  y: Float64Array,
) => { coef: Float64Array; nIter: number; converged: boolean };

interface Fitted {
  coef: Float64Array;
  intercept: number;
  scaler: StandardScaler | undefined;
  nIter: number;
  converged: boolean;
}

/** A fitted-on-demand linear regressor: `predict(X) = standardize?(X) . coef + intercept`. */
export class LinearRegressor {
  /**
   * Tells the evaluators this is a regressor: plain folds and R² for a `cv` count, even when the
   * target is integer-valued.
   */
  readonly estimatorType = 'regressor' as const;
  readonly fitIntercept: boolean;
  readonly standardize: boolean;
  readonly #solve: Solver;
  #fitted: Fitted | undefined;

  constructor(options: LinearBaseOptions, solve: Solver) {
    this.fitIntercept = checkChoice(options.fitIntercept ?? true, 'fitIntercept', [true, false]);
    this.standardize = checkChoice(options.standardize ?? false, 'standardize', [true, false]);
    this.#solve = solve;
  }

  fit(X: readonly (readonly number[])[], y: readonly number[]): void {
    const raw = toDense(X);
    const target = toTargets(y, raw.rows);
    const scaler = this.standardize ? fitStandardScaler(raw) : undefined;
    const c = center(applyStandardScaler(raw, scaler), target, this.fitIntercept);
    const { coef, nIter, converged } = this.#solve(c.X, c.y);
    let intercept = c.yMean;
    for (let j = 0; j < coef.length; j++) intercept -= c.xMean[j] * coef[j];
    this.#fitted = { coef, intercept, scaler, nIter, converged };
  }

  predict(X: readonly (readonly number[])[]): number[] {
    const f = this.#need('predict');
    const m = applyStandardScaler(toDense(X, 'X', f.coef.length), f.scaler);
    const out: number[] = [];
    for (let i = 0; i < m.rows; i++) {
      let s = f.intercept;
      for (let j = 0; j < m.cols; j++) s += m.data[i * m.cols + j] * f.coef[j];
      out.push(s);
    }
    return out;
  }

  /** Coefficients (of the standardised features when `standardize`). */
  get coef(): number[] {
    return Array.from(this.#need('coef').coef);
  }

  get intercept(): number {
    return this.#need('intercept').intercept;
  }

  /** Solver iterations (coordinate-descent sweeps; 1 for the closed forms). */
  get nIter(): number {
    return this.#need('nIter').nIter;
  }

  /** False when an iterative solver stopped at maxIter before meeting tol. */
  get converged(): boolean {
    return this.#need('converged').converged;
  }

  #need(method: string): Fitted {
    if (!this.#fitted) throw new NotFittedError(method);
    return this.#fitted;
  }
}

/**
 * Ordinary least squares (scikit-learn's LinearRegression): the minimum-norm solution, as
 * lstsq gives, via an eigen-decomposition of X^T X that drops directions with eigenvalue below
 * 1e-13 of the largest (singular values below about 3e-7 of the largest).
 */
export function linearRegression(options: LinearRegressionOptions = {}): LinearRegressor {
  return new LinearRegressor(options, (X, y) => {
    const { xtx, xty } = normalEquations(X.data, y, X.rows, X.cols);
    return { coef: pinvSolve(xtx, xty, X.cols, 1e-13), nIter: 1, converged: true };
  });
}

/** Ridge regression (scikit-learn's Ridge): minimises ||y - Xw||^2 + alpha ||w||^2 in closed form. */
export function ridge(options: RidgeOptions = {}): LinearRegressor {
  const alpha = checkNumber(options.alpha ?? 1, 'alpha', 0, true);
  return new LinearRegressor(options, (X, y) => {
    const p = X.cols;
    const { xtx, xty } = normalEquations(X.data, y, X.rows, p);
    for (let j = 0; j < p; j++) xtx[j * p + j] += alpha;
    const coef = choleskySolve(xtx, xty, p) ?? pinvSolve(xtx, xty, p, 1e-13);
    return { coef, nIter: 1, converged: true };
  });
}

/**
 * Elastic net (scikit-learn's ElasticNet): minimises
 * 1/(2n) ||y - Xw||^2 + alpha * l1Ratio * ||w||_1 + 0.5 * alpha * (1 - l1Ratio) * ||w||^2
 * by cyclic coordinate descent with scikit-learn's duality-gap stopping rule.
 */
export function elasticNet(options: ElasticNetOptions = {}): LinearRegressor {
  const alpha = checkNumber(options.alpha ?? 1, 'alpha', 0, true);
  const l1Ratio = checkNumber(options.l1Ratio ?? 0.5, 'l1Ratio', 0, true, 1);
  const tol = checkNumber(options.tol ?? 1e-4, 'tol', 0, true);
  const maxIter = checkInt(options.maxIter ?? 1000, 'maxIter', 1);
  return new LinearRegressor(options, (X, y) => elasticNetCd(X, y, alpha, l1Ratio, tol, maxIter));
}

/** Lasso (scikit-learn's Lasso): the elastic net with l1Ratio = 1. */
export function lasso(options: LassoOptions = {}): LinearRegressor {
  return elasticNet({ ...options, l1Ratio: 1 });
}
