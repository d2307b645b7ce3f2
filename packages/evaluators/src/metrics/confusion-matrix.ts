import type { Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { checkClassificationTargets } from './targets.js';

export interface ConfusionMatrixOptions {
  /** Labels indexing rows and columns, in this order. Default: the sorted labels present. */
  labels?: readonly Label[];
  /** Divide by true-class totals ('true'), predicted totals ('pred') or all samples ('all'). */
  normalize?: 'true' | 'pred' | 'all';
}

/**
 * Counts of samples with true label i (row) predicted as j (column), as scikit-learn's
 * confusion_matrix; samples whose label is not in `labels` are left out.
 */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions = {},
): number[][] {
  const present = checkClassificationTargets(yTrue, yPred).labels;
  let labels = present;
  if (options.labels !== undefined) {
    labels = [...options.labels];
    if (labels.length === 0) {
      throw new EvaluatorError('labels', options.labels, 'must hold at least one label');
    }
    const inTrue = new Set<Label>(yTrue);
    if (!labels.some((l) => inTrue.has(l))) {
      throw new EvaluatorError('labels', options.labels, 'at least one label must occur in yTrue');
    }
  }
  const index = new Map<Label, number>();
  labels.forEach((l, i) => {
    if (!index.has(l)) index.set(l, i);
  });
  const k = labels.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let s = 0; s < yTrue.length; s++) {
    const i = index.get(yTrue[s]);
    const j = index.get(yPred[s]);
    if (i !== undefined && j !== undefined) cm[i][j]++;
  }
  const norm = options.normalize;
  if (norm === undefined) return cm;
  if (norm !== 'true' && norm !== 'pred' && norm !== 'all') {
    throw new EvaluatorError('normalize', norm, "must be 'true', 'pred', 'all' or undefined");
  }
  // As numpy with errstate ignored followed by nan_to_num: a zero total gives 0.
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const all = cm.reduce((t, row) => t + row.reduce((a, b) => a + b, 0), 0);
  const colSums = cm[0].map((_, j) => cm.reduce((t, row) => t + row[j], 0));
  return cm.map((row) => {
    const rowSum = row.reduce((a, b) => a + b, 0);
    return row.map((v, j) => div(v, norm === 'true' ? rowSum : norm === 'pred' ? colSums[j] : all));
  });
}
