import type { Label } from './check.js';
import { EvaluatorError } from './errors.js';
import type { EstimatorType } from './estimator.js';
import type { Scorer } from './scorers.js';
import { kFold } from './splitters/k-fold.js';
import { checkNSplits } from './splitters/options.js';
import { stratifiedKFold } from './splitters/stratified-k-fold.js';
import type { Splitter } from './splitters/types.js';
import { isClassificationTarget } from './target.js';

/** Classification or regression: what decides between stratified and plain folds. */
export type Task = 'classification' | 'regression';

/**
 * The task, decided in this order: `task` as given; else what the estimator says it is
 * (scikit-learn's is_classifier), which a scorer meant for the other task contradicts; else
 * what the scorers are meant for; else scikit-learn's rule that integer labels (binary or
 * multiclass) are classes and anything else is a regression target.
 */
export function resolveTask(
  y: readonly Label[],
  task: Task | undefined,
  scorers?: readonly Scorer[],
  estimatorType?: EstimatorType,
): Task {
  if (task !== undefined) {
    if (task !== 'classification' && task !== 'regression') {
      throw new EvaluatorError('task', task, "must be 'classification' or 'regression'");
    }
    return task;
  }
  if (estimatorType !== undefined) {
    const declared: Task = estimatorType === 'classifier' ? 'classification' : 'regression';
    const clash = (scorers ?? []).find((s) => s.task !== undefined && s.task !== declared);
    if (clash !== undefined) {
      throw new EvaluatorError(
        'scoring',
        clash.name,
        `is a ${clash.task} scorer but the estimator is a ${estimatorType} (estimatorType '${estimatorType}'); use a ${declared} scorer, or pass task to say which one you mean`,
      );
    }
    return declared;
  }
  const tasks = new Set((scorers ?? []).map((s) => s.task).filter((t) => t !== undefined));
  if (tasks.size === 1) return [...tasks][0]!;
  return isClassificationTarget(y) ? 'classification' : 'regression';
}

/**
 * scikit-learn's check_cv: a number k means stratifiedKFold({ nSplits: k }) for classification
 * of class labels (binary or multiclass) and kFold({ nSplits: k }) otherwise, so a classifier
 * handed a continuous target is not refused by the splitter; a splitter is used as is.
 */
export function resolveCv(
  cv: number | Splitter | undefined,
  task: Task,
  y: readonly Label[],
): Splitter {
  if (cv === undefined || typeof cv === 'number') {
    const nSplits = checkNSplits(cv ?? 5, 'cv');
    return task === 'classification' && isClassificationTarget(y)
      ? stratifiedKFold({ nSplits })
      : kFold({ nSplits });
  }
  if (cv === null || typeof cv !== 'object' || typeof cv.split !== 'function') {
    throw new EvaluatorError(
      'cv',
      cv,
      'must be a number of folds (>= 2) or a splitter with split(X, y, groups)',
    );
  }
  return cv;
}
