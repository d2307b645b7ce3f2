/**
 * Bad input to an evaluator: names the parameter, the offending value and the rule it broke.
 * Own class because this package must not depend on @tunekit/core.
 */
export class EvaluatorError extends Error {
  override name = 'EvaluatorError';
  constructor(
    readonly param: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${param} = ${describe(value)}: ${rule}`);
  }
}

/**
 * A model's `predict` (or another method that needs a fitted model) was called before `fit`.
 * Lives here so that every model adapter throws the same class.
 */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
  constructor(
    /** The method that was called too early. */
    readonly method: string,
  ) {
    super(`${method}() called before fit()`);
  }
}

/** Shortens values for messages: big arrays would make errors unreadable. */
function describe(v: unknown): string {
  try {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
    if (Array.isArray(v)) {
      if (v.length > 8) return `[array of length ${v.length}]`;
      return JSON.stringify(v, (_k, x) =>
        typeof x === 'number' && !Number.isFinite(x) ? String(x) : x,
      );
    }
    if (typeof v === 'number') return String(v);
    return String(JSON.stringify(v) ?? v);
  } catch {
    return String(v);
  }
}

/**
 * The brand @tunekit/core's `isTrialPruned` looks for; sharing it through the global symbol
 * registry lets the runtime recognise this package's prune signal without a dependency.
 */
const TRIAL_PRUNED_BRAND: unique symbol = Symbol.for('tunekit.TrialPruned') as never;

/** Thrown by `crossValidate` when the `trial` it reports to says to prune; ends the trial as PRUNED. */
export class TrialPrunedError extends Error {
  override name = 'TrialPruned';
  readonly [TRIAL_PRUNED_BRAND] = true;
  constructor(
    message = 'trial was pruned during cross-validation',
    /** The fold after which the trial was pruned. */
    readonly step?: number,
    /**
     * The primary metric's score of each fold reported up to the prune, in the order the folds
     * ran (fold order unless `foldOrder` says otherwise). Their mean is the value to return
     * instead of re-throwing where a pruned trial's stored value (its report at the highest
     * step) would mislead the sampler, as one fold's score does with `report: 'fold'` (Optuna's advice for
     * WilcoxonPruner).
     */
    readonly testScores?: readonly number[],
  ) {
    super(message);
  }
}
