import { checkChoice, checkInt, checkNumber, EvaluatorError } from '@tunekit/evaluators';
import type { Kernel } from './libsvm.js';

/** Options shared by `svc` and `svr` (scikit-learn's defaults unless noted). */
export interface SvmOptions {
  /** Kernel (default 'rbf'). */
  kernel?: Kernel;
  /** Regularisation: cost of margin violations, > 0 (default 1). */
  C?: number;
  /** Kernel coefficient for rbf/poly/sigmoid: 'scale' (default) = 1 / (nFeatures * X.var()), 'auto' = 1 / nFeatures, or a number > 0. */
  gamma?: 'scale' | 'auto' | number;
  /** Degree of the poly kernel, integer >= 0 (default 3). */
  degree?: number;
  /** Independent term of the poly and sigmoid kernels (default 0). */
  coef0?: number;
  /** Stopping tolerance of libsvm's solver (default 1e-3). */
  tol?: number;
  /** libsvm's shrinking heuristic (default true). */
  shrinking?: boolean;
  /** Kernel cache in MB (default 100, libsvm-js's: the wasm heap is small; scikit-learn uses 200). */
  cacheSize?: number;
  /** Standardise features before training (default true; see the README for why). */
  standardize?: boolean;
  /** Silence libsvm's training log (default true). */
  quiet?: boolean;
}

export interface SvcOptions extends SvmOptions {
  /** Fit Platt-scaled probabilities for predictProba (default false: it trains 5 extra models per class pair). */
  probability?: boolean;
  /** Seed of the probability calibration's internal 5-fold split (default 0). */
  seed?: number;
}

export interface SvrOptions extends SvmOptions {
  /** Width of the epsilon-insensitive tube, >= 0 (default 0.1). */
  epsilon?: number;
}

export interface ResolvedSvmOptions {
  readonly kernel: Kernel;
  readonly C: number;
  readonly gamma: 'scale' | 'auto' | number;
  readonly degree: number;
  readonly coef0: number;
  readonly tol: number;
  readonly shrinking: boolean;
  readonly cacheSize: number;
  readonly standardize: boolean;
  readonly quiet: boolean;
}

export function resolveSvmOptions(o: SvmOptions): ResolvedSvmOptions {
  const gamma = o.gamma ?? 'scale';
  if (
    !(
      gamma === 'scale' ||
      gamma === 'auto' ||
      (typeof gamma === 'number' && gamma > 0 && Number.isFinite(gamma))
    )
  ) {
    throw new EvaluatorError('gamma', gamma, "must be 'scale', 'auto' or a finite number > 0");
  }
  const coef0 = checkNumber(o.coef0 ?? 0, 'coef0', Number.NEGATIVE_INFINITY, false);
  return {
    kernel: checkChoice(o.kernel ?? 'rbf', 'kernel', ['linear', 'poly', 'rbf', 'sigmoid'] as const),
    C: checkNumber(o.C ?? 1, 'C', 0, false),
    gamma,
    degree: checkInt(o.degree ?? 3, 'degree', 0),
    coef0,
    tol: checkNumber(o.tol ?? 1e-3, 'tol', 0, false),
    shrinking: checkChoice(o.shrinking ?? true, 'shrinking', [true, false]),
    cacheSize: checkNumber(o.cacheSize ?? 100, 'cacheSize', 0, false),
    standardize: checkChoice(o.standardize ?? true, 'standardize', [true, false]),
    quiet: checkChoice(o.quiet ?? true, 'quiet', [true, false]),
  };
}

/** scikit-learn's gamma: 'scale' uses the variance of all entries of the (scaled) training matrix. */
export function resolveGamma(
  gamma: ResolvedSvmOptions['gamma'],
  X: Float64Array,
  cols: number,
): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / cols;
  let mean = 0;
  for (const v of X) mean += v;
  mean /= X.length;
  let v2 = 0;
  for (const v of X) v2 += (v - mean) ** 2;
  const variance = v2 / X.length;
  return variance === 0 ? 1 : 1 / (cols * variance);
}
