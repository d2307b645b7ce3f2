import { checkLabels, checkSameLength, checkVector, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { npSum } from '../numeric.js';
import { uniqueLabels } from './targets.js';

/**
 * False and true positive counts at each distinct score, highest first (scikit-learn's
 * `_binary_clf_curve` without weights). Tied scores form one threshold.
 */
function clfCurve(
  isPos: ArrayLike<boolean>,
  score: readonly number[],
): { fps: number[]; tps: number[] } {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const fps: number[] = [];
  const tps: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    if (isPos[order[k]]) tp++;
    if (k === n - 1 || score[order[k + 1]] !== score[order[k]]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
    }
  }
  return { fps, tps };
}

/** Area under the ROC curve of one binary problem, as scikit-learn's roc_curve + auc. */
function binaryRocAuc(isPos: boolean[], score: readonly number[]): number {
  let { fps, tps } = clfCurve(isPos, score);
  // drop_intermediate: keep the ends and every point where the curve changes slope.
  if (fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
      const d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = keep.map((i) => fps[i]);
    tps = keep.map((i) => tps[i]);
  }
  fps.unshift(0);
  tps.unshift(0);
  const fLast = fps[fps.length - 1];
  const tLast = tps[tps.length - 1];
  const fpr = fps.map((v) => v / fLast);
  const tpr = tps.map((v) => v / tLast);
  // np.trapz: sum of dx * (y[i+1] + y[i]) / 2, summed pairwise.
  const parts = new Float64Array(fpr.length - 1);
  for (let i = 0; i < parts.length; i++)
    parts[i] = ((fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i])) / 2;
  return npSum(parts);
}

function checkScores(yTrue: readonly Label[], yScore: readonly number[], param: string): void {
  checkLabels(yTrue, 'yTrue');
  checkVector(yScore, param);
  checkSameLength(yTrue, 'yTrue', yScore, param);
  if (yTrue.length === 0) throw new EvaluatorError('yTrue', yTrue, 'must not be empty');
}

function isMatrix(
  v: readonly number[] | readonly (readonly number[])[],
): v is readonly (readonly number[])[] {
  return v.length > 0 && Array.isArray(v[0]);
}

export interface RocAucOptions {
  /** Needed for a multiclass target: 'ovr' averages one-vs-rest AUCs ('ovo' is not implemented). */
  multiClass?: 'ovr';
  /** How one-vs-rest AUCs are averaged. Default 'macro'. */
  average?: 'macro' | 'weighted';
}

/**
 * Area under the ROC curve (scikit-learn's roc_auc_score). Binary: yScore holds scores of the
 * greater label (a two-column probability matrix is also taken: its second column). Multiclass:
 * a probability matrix (rows summing to 1, columns in sorted label order) with multiClass 'ovr'.
 * Tied scores count half, via the trapezoid rule.
 */
export function rocAucScore(
  yTrue: readonly Label[],
  yScore: readonly number[] | readonly (readonly number[])[],
  options: RocAucOptions = {},
): number {
  checkLabels(yTrue, 'yTrue');
  const classes = uniqueLabels(yTrue);
  const average = options.average ?? 'macro';
  if (average !== 'macro' && average !== 'weighted') {
    throw new EvaluatorError('average', average, "must be 'macro' or 'weighted'");
  }
  if (isMatrix(yScore)) {
    const width = checkProbaMatrix(yScore, 'yScore', yTrue.length);
    if (classes.length <= 2 && width === 2) {
      return rocAucScore(
        yTrue,
        yScore.map((r) => r[1]),
        options,
      );
    }
    if (options.multiClass !== 'ovr') {
      throw new EvaluatorError(
        'multiClass',
        options.multiClass,
        "a multiclass target needs multiClass: 'ovr' (one-vs-rest)",
      );
    }
    for (let i = 0; i < yScore.length; i++) {
      const s = npSum(yScore[i]);
      if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
        throw new EvaluatorError(
          `yScore[${i}]`,
          yScore[i],
          'multiclass ROC AUC needs probabilities: each row must sum to 1',
        );
      }
    }
    if (classes.length !== width) {
      throw new EvaluatorError(
        'yScore',
        `[matrix with ${width} columns]`,
        `needs one column per class of yTrue (${classes.length}: ${JSON.stringify(classes)})`,
      );
    }
    const scores: number[] = [];
    const weights: number[] = [];
    classes.forEach((c, j) => {
      const isPos = yTrue.map((v) => v === c);
      scores.push(
        binaryRocAuc(
          isPos,
          yScore.map((r) => r[j]),
        ),
      );
      weights.push(isPos.filter(Boolean).length);
    });
    if (average === 'weighted') {
      const w = npSum(weights);
      return npSum(scores.map((s, i) => s * weights[i])) / w;
    }
    return npSum(scores) / scores.length;
  }
  checkScores(yTrue, yScore, 'yScore');
  if (classes.length > 2) {
    throw new EvaluatorError(
      'yScore',
      '[1-d scores]',
      "a multiclass target needs a probability matrix and multiClass: 'ovr'",
    );
  }
  if (classes.length !== 2) {
    throw new EvaluatorError(
      'yTrue',
      `[only class ${JSON.stringify(classes[0])}]`,
      'ROC AUC is not defined when only one class is present in yTrue',
    );
  }
  return binaryRocAuc(
    yTrue.map((v) => v === classes[1]),
    yScore,
  );
}

/** A rectangular matrix of finite numbers with `rows` rows; returns its width. */
export function checkProbaMatrix(
  m: readonly (readonly number[])[],
  param: string,
  rows: number,
): number {
  if (m.length !== rows) {
    throw new EvaluatorError(
      param,
      `[matrix with ${m.length} rows]`,
      `must have one row per sample (${rows})`,
    );
  }
  const width = m[0].length;
  for (let i = 0; i < m.length; i++) {
    if (!Array.isArray(m[i]) || m[i].length !== width) {
      throw new EvaluatorError(`${param}[${i}]`, m[i], `every row must have ${width} entries`);
    }
    for (let j = 0; j < width; j++) {
      if (typeof m[i][j] !== 'number' || !Number.isFinite(m[i][j])) {
        throw new EvaluatorError(`${param}[${i}][${j}]`, m[i][j], 'must be a finite number');
      }
    }
  }
  return width;
}

export interface AveragePrecisionOptions {
  /** The positive class. Default 1. */
  posLabel?: Label;
}

/**
 * Average precision (scikit-learn's average_precision_score): the step-function integral
 * sum over thresholds of (R_n - R_{n-1}) * P_n, without interpolation. Binary targets only.
 */
export function averagePrecisionScore(
  yTrue: readonly Label[],
  yScore: readonly number[],
  options: AveragePrecisionOptions = {},
): number {
  const posLabel = options.posLabel ?? 1;
  if (isMatrix(yScore)) {
    throw new EvaluatorError(
      'yScore',
      '[matrix]',
      'average precision needs 1-d scores of the positive class',
    );
  }
  checkScores(yTrue, yScore, 'yScore');
  const present = uniqueLabels(yTrue);
  if (present.length > 2) {
    throw new EvaluatorError(
      'yTrue',
      '[multiclass target]',
      'average precision supports binary targets only',
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new EvaluatorError(
      'posLabel',
      posLabel,
      `is not a label of yTrue; it should be one of ${JSON.stringify(present)}`,
    );
  }
  const { fps, tps } = clfCurve(
    yTrue.map((v) => v === posLabel),
    yScore,
  );
  const m = tps.length;
  const tLast = tps[m - 1];
  // precision_recall_curve reversed: thresholds from lowest to highest, then (P=1, R=0).
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const k = m - 1 - i;
    const ps = tps[k] + fps[k];
    precision[i] = ps === 0 ? 0 : tps[k] / ps;
    recall[i] = tLast === 0 ? 1 : tps[k] / tLast;
  }
  precision[m] = 1;
  recall[m] = 0;
  const parts = new Float64Array(m);
  for (let i = 0; i < m; i++) parts[i] = (recall[i + 1] - recall[i]) * precision[i];
  return -npSum(parts);
}
