import type { DenseMatrix, Label } from '@tunekit/evaluators';
import {
  applyStandardScaler,
  checkChoice,
  checkInt,
  checkNumber,
  createSplitRng,
  EvaluatorError,
  encodeLabels,
  fitStandardScaler,
  NotFittedError,
  type StandardScaler,
  toDense,
  toRows,
  toTargets,
} from '@tunekit/evaluators';
import { type TrainParams, trainLibsvm } from './libsvm.js';
import { decisionValues, regressionValues, type SvmModel, vote } from './model.js';
import {
  type ResolvedSvmOptions,
  resolveGamma,
  resolveSvmOptions,
  type SvcOptions,
  type SvrOptions,
} from './options.js';
import { coupleProbabilities, type Sigmoid, sigmoidPredict, sigmoidTrain } from './platt.js';

interface Prepared {
  rows: number[][];
  scaler: StandardScaler | undefined;
  params: TrainParams;
}

function prepare(
  m: DenseMatrix,
  o: ResolvedSvmOptions,
  type: TrainParams['type'],
  epsilon: number,
): Prepared {
  const scaler = o.standardize ? fitStandardScaler(m) : undefined;
  const scaled = applyStandardScaler(m, scaler);
  const params: TrainParams = {
    type,
    kernel: o.kernel,
    C: o.C,
    gamma: resolveGamma(o.gamma, scaled.data, scaled.cols),
    degree: o.degree,
    coef0: o.coef0,
    epsilon,
    tol: o.tol,
    shrinking: o.shrinking,
    cacheSize: o.cacheSize,
    quiet: o.quiet,
  };
  return { rows: toRows(scaled), scaler, params };
}

interface SvcFitted<L> {
  classes: L[];
  model: SvmModel;
  scaler: StandardScaler | undefined;
  /** Per model-order class pair, the Platt sigmoid (probability: true). */
  sigmoids: Sigmoid[] | undefined;
}

/**
 * C-support vector classification (scikit-learn's SVC) trained by libsvm-js; one-vs-one for
 * more than two classes, prediction by libsvm's voting rule.
 */
export class Svc<L extends Label = number> {
  /** Tells the evaluators this is a classifier: stratified folds and accuracy for a `cv` count. */
  readonly estimatorType = 'classifier' as const;
  readonly options: ResolvedSvmOptions;
  readonly probability: boolean;
  readonly seed: number;
  #fitted: SvcFitted<L> | undefined;

  constructor(options: SvcOptions = {}) {
    this.options = resolveSvmOptions(options);
    this.probability = checkChoice(options.probability ?? false, 'probability', [true, false]);
    this.seed = checkInt(options.seed ?? 0, 'seed', Number.NEGATIVE_INFINITY);
  }

  get classes(): L[] {
    return [...this.#need('classes').classes];
  }

  /** Support vectors per class, in `classes` order. */
  get nSupport(): number[] {
    const f = this.#need('nSupport');
    return f.classes.map((_, code) => f.model.nSV[f.model.labels.indexOf(code)]);
  }

  async fit(X: readonly (readonly number[])[], y: readonly L[]): Promise<void> {
    const m = toDense(X);
    const { classes, codes } = encodeLabels(y, m.rows, { minClasses: 2 });
    const prep = prepare(m, this.options, 'c_svc', 0);
    const labels = Array.from(codes);
    const model = await trainLibsvm(prep.rows, labels, prep.params);
    const sigmoids = this.probability
      ? await calibrate(model, prep.rows, labels, prep.params, this.seed)
      : undefined;
    this.#fitted = { classes, model, scaler: prep.scaler, sigmoids };
  }

  async predict(X: readonly (readonly number[])[]): Promise<L[]> {
    const f = this.#need('predict');
    const q = this.#query(X, f);
    const dec = decisionValues(f.model, q.data, q.rows);
    return Array.from(
      { length: q.rows },
      (_, r) => f.classes[f.model.labels[vote(f.model, dec, r)]],
    );
  }

  /** Platt-scaled class probabilities (columns in `classes` order); needs `probability: true`. */
  async predictProba(X: readonly (readonly number[])[]): Promise<number[][]> {
    const f = this.#need('predictProba');
    if (!f.sigmoids)
      throw new EvaluatorError(
        'probability',
        false,
        'predictProba needs svc({ probability: true })',
      );
    const sig = f.sigmoids;
    const q = this.#query(X, f);
    const dec = decisionValues(f.model, q.data, q.rows);
    const k = f.model.nClass;
    const pairs = (k * (k - 1)) / 2;
    return Array.from({ length: q.rows }, (_, r) => {
      const pr = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      let pi = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const v = Math.min(
            Math.max(sigmoidPredict(dec[r * pairs + pi], sig[pi]), 1e-7),
            1 - 1e-7,
          );
          pr[i][j] = v;
          pr[j][i] = 1 - v;
          pi++;
        }
      }
      const pm = k === 2 ? [pr[0][1], pr[1][0]] : coupleProbabilities(pr);
      const out = new Array<number>(k).fill(0);
      for (let c = 0; c < k; c++) out[f.model.labels[c]] = pm[c];
      return out;
    });
  }

  #query(X: readonly (readonly number[])[], f: SvcFitted<L>): DenseMatrix {
    return applyStandardScaler(toDense(X, 'X', f.model.nFeatures), f.scaler);
  }

  #need(method: string): SvcFitted<L> {
    if (!this.#fitted) throw new NotFittedError(method);
    return this.#fitted;
  }
}

/**
 * Platt scaling per class pair, on decision values from a seeded 5-fold cross-validation of
 * binary models (libsvm's procedure, with this package's generator instead of C's rand()).
 */
async function calibrate(
  model: SvmModel,
  rows: number[][],
  labels: number[],
  params: TrainParams,
  seed: number,
): Promise<Sigmoid[]> {
  const rng = createSplitRng(seed);
  const out: Sigmoid[] = [];
  const k = model.nClass;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const a = model.labels[i];
      const b = model.labels[j];
      const idx = labels.flatMap((l, r) => (l === a || l === b ? [r] : []));
      for (let t = idx.length - 1; t > 0; t--) {
        const u = rng.below(t + 1);
        [idx[t], idx[u]] = [idx[u], idx[t]];
      }
      const dec = new Float64Array(idx.length);
      const nFolds = Math.min(5, idx.length);
      for (let fold = 0; fold < nFolds; fold++) {
        const lo = Math.floor((fold * idx.length) / nFolds);
        const hi = Math.floor(((fold + 1) * idx.length) / nFolds);
        const train = [...idx.slice(0, lo), ...idx.slice(hi)];
        const trainLabels = train.map((r) => labels[r]);
        const hasA = trainLabels.includes(a);
        const hasB = trainLabels.includes(b);
        if (!hasA || !hasB) {
          // One class only in this training part: libsvm scores the fold +1 / -1 (0 if empty).
          for (let t = lo; t < hi; t++) dec[t] = hasA ? 1 : hasB ? -1 : 0;
          continue;
        }
        const sub = await trainLibsvm(
          train.map((r) => rows[r]),
          trainLabels,
          params,
        );
        const test = idx.slice(lo, hi);
        const flat = Float64Array.from(test.flatMap((r) => rows[r]));
        const v = decisionValues(sub, flat, test.length);
        // Positive sub-model values mean its first label; orient them towards class a.
        const sign = sub.labels[0] === a ? 1 : -1;
        for (let t = 0; t < test.length; t++) dec[lo + t] = sign * v[t];
      }
      out.push(
        sigmoidTrain(
          dec,
          idx.map((r) => labels[r] === a),
        ),
      );
    }
  }
  return out;
}

interface SvrFitted {
  model: SvmModel;
  scaler: StandardScaler | undefined;
}

/** Epsilon-support vector regression (scikit-learn's SVR) trained by libsvm-js. */
export class Svr {
  /**
   * Tells the evaluators this is a regressor: plain folds and R² for a `cv` count, even when the
   * target is integer-valued.
   */
  readonly estimatorType = 'regressor' as const;
  readonly options: ResolvedSvmOptions;
  readonly epsilon: number;
  #fitted: SvrFitted | undefined;

  constructor(options: SvrOptions = {}) {
    this.options = resolveSvmOptions(options);
    this.epsilon = checkNumber(options.epsilon ?? 0.1, 'epsilon', 0, true);
  }

  async fit(X: readonly (readonly number[])[], y: readonly number[]): Promise<void> {
    const m = toDense(X);
    const target = toTargets(y, m.rows);
    const prep = prepare(m, this.options, 'epsilon_svr', this.epsilon);
    const model = await trainLibsvm(prep.rows, Array.from(target), prep.params);
    this.#fitted = { model, scaler: prep.scaler };
  }

  async predict(X: readonly (readonly number[])[]): Promise<number[]> {
    const f = this.#fitted;
    if (!f) throw new NotFittedError('predict');
    const q = applyStandardScaler(toDense(X, 'X', f.model.nFeatures), f.scaler);
    return Array.from(regressionValues(f.model, q.data, q.rows));
  }
}

/** C-support vector classifier; labels may be numbers or strings. */
export function svc<L extends Label = number>(options: SvcOptions = {}): Svc<L> {
  return new Svc<L>(options);
}

/** Epsilon-support vector regressor. */
export function svr(options: SvrOptions = {}): Svr {
  return new Svr(options);
}
