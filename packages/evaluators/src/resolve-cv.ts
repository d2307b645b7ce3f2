import type { Label } from './check.js';
import { EvaluatorError } from './errors.js';
import type { Scorer } from './scorers.js';
import { kFold } from './splitters/k-fold.js';
import { checkNSplits } from './splitters/options.js';
import { stratifiedKFold } from './splitters/stratified-k-fold.js';
import type { Splitter } from './splitters/types.js';
import { isClassificationTarget } from './target.js';

/** Classification or regression: what decides between stratified and plain folds. */
export type Task = 'classification' | 'regression';

/**
 * The task: given, else what the scorers are meant for, else scikit-learn's rule that integer
 * labels (binary or multiclass) are classes and anything else is a regression target.
 */
export function resolveTask(
  y: readonly Label[],
  task: Task | undefined,
  scorers?: readonly Scorer[],
): Task {
  if (task !== undefined) {
    if (task !== 'classification' && task !== 'regression') {
      throw new EvaluatorError('task', task, "must be 'classification' or 'regression'");
    }
    return task;
  }
  const tasks = new Set((scorers ?? []).map((s) => s.task).filter((t) => t !== undefined));
  if (tasks.size === 1) return [...tasks][0]!;
  return isClassificationTarget(y) ? 'classification' : 'regression';
}

/**
 * scikit-learn's check_cv: a number k means stratifiedKFold({ nSplits: k }) for
 * classification and kFold({ nSplits: k }) otherwise; a splitter is used as is.
 */
export function resolveCv(cv: number | Splitter | undefined, task: Task): Splitter {
  if (cv === undefined || typeof cv === 'number') {
    const nSplits = checkNSplits(cv ?? 5, 'cv');
    return task === 'classification' ? stratifiedKFold({ nSplits }) : kFold({ nSplits });
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
