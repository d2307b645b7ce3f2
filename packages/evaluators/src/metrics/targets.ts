import { checkLabels, checkSameLength, compareLabels, type Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { typeOfTarget } from '../target.js';

/** Checks a pair of label arrays as scikit-learn's `_check_targets` does. */
export function checkClassificationTargets(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  predName = 'yPred',
): { type: 'binary' | 'multiclass'; labels: Label[] } {
  checkLabels(yTrue, 'yTrue');
  checkLabels(yPred, predName);
  checkSameLength(yTrue, 'yTrue', yPred, predName);
  if (yTrue.length === 0) throw new EvaluatorError('yTrue', yTrue, 'must not be empty');
  if (typeof yTrue[0] !== typeof yPred[0]) {
    throw new EvaluatorError(
      predName,
      yPred[0],
      `labels must be of one type: yTrue holds ${typeof yTrue[0]}s, ${predName} ${typeof yPred[0]}s`,
    );
  }
  const tTrue = typeOfTarget(yTrue);
  const tPred = typeOfTarget(yPred);
  if (tTrue === 'continuous' || tPred === 'continuous') {
    const [param, v] = tTrue === 'continuous' ? ['yTrue', yTrue] : [predName, yPred];
    throw new EvaluatorError(
      param,
      v,
      `classification metrics need class labels, not continuous values (got a mix of ${tTrue} and ${tPred} targets${tPred === 'continuous' ? '; pass predicted labels, or use a metric that takes scores or probabilities' : ''})`,
    );
  }
  const labels = uniqueLabels(yTrue, yPred);
  return { type: labels.length > 2 ? 'multiclass' : 'binary', labels };
}

/** Sorted distinct labels of the arrays together (unique_labels). */
export function uniqueLabels(...arrays: (readonly Label[])[]): Label[] {
  const s = new Set<Label>();
  for (const a of arrays) for (const v of a) s.add(v);
  return [...s].sort(compareLabels);
}
