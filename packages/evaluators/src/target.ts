import type { Label } from './check.js';

/** scikit-learn's `type_of_target` restricted to 1-d targets. */
export type TargetType = 'binary' | 'multiclass' | 'continuous';

/**
 * 'continuous' if any number is not an integer, else 'binary' for at most two distinct
 * values and 'multiclass' for more: the same rule as scikit-learn for 1-d targets.
 */
export function typeOfTarget(y: readonly Label[]): TargetType {
  const seen = new Set<Label>();
  for (const v of y) {
    if (typeof v === 'number' && !Number.isInteger(v)) return 'continuous';
    seen.add(v);
  }
  return seen.size <= 2 ? 'binary' : 'multiclass';
}

/** Whether a target looks like class labels (scikit-learn's check_cv test). */
export function isClassificationTarget(y: readonly Label[]): boolean {
  const t = typeOfTarget(y);
  return t === 'binary' || t === 'multiclass';
}
