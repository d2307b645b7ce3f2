/** Base class of every error tunekit's runtime throws on purpose. */
export class TunekitError extends Error {
  override name = 'TunekitError';
}

/** A study with that name already exists (and `loadIfExists` was not set). */
export class DuplicatedStudyError extends TunekitError {
  override name = 'DuplicatedStudyError';
  constructor(readonly studyName: string) {
    super(`a study named "${studyName}" already exists; pass loadIfExists: true to reuse it`);
  }
}

/** No study or trial with that name or id. */
export class NotFoundError extends TunekitError {
  override name = 'NotFoundError';
}

export class StudyNotFoundError extends NotFoundError {
  override name = 'StudyNotFoundError';
}

export class TrialNotFoundError extends NotFoundError {
  override name = 'TrialNotFoundError';
}

/** An operation a trial's state does not allow, such as `tell` on a finished trial. */
export class TrialStateError extends TunekitError {
  override name = 'TrialStateError';
}

/** An argument broke a rule; names the parameter, the value and the rule. */
export class InvalidArgumentError extends TunekitError {
  override name = 'InvalidArgumentError';
  constructor(
    readonly param: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${param} = ${safeString(value)}: ${rule}`);
  }
}

/** Something a storage could not do (I/O, connection, schema). Stored data is unchanged. */
export class StorageError extends TunekitError {
  override name = 'StorageError';
}

// JSON shows NaN and the infinities as null, which would misname the very value at fault.
const NON_FINITE = '\u0000';
const NON_FINITE_JSON = /"\\u0000(NaN|-?Infinity)\\u0000"/g;

function nonFiniteAsText(_key: string, x: unknown): unknown {
  return typeof x === 'number' && !Number.isFinite(x) ? `${NON_FINITE}${x}${NON_FINITE}` : x;
}

function safeString(v: unknown): string {
  try {
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'bigint') return `${v}n`;
    const json = JSON.stringify(v, nonFiniteAsText);
    return json === undefined ? String(v) : json.replace(NON_FINITE_JSON, '$1');
  } catch {
    return String(v);
  }
}

/**
 * The brand that marks a "prune this trial" signal. Packages that must not depend on
 * @tunekit/core (the evaluators) throw their own error carrying the same brand, and the
 * runtime recognises it.
 */
export const TRIAL_PRUNED_BRAND: unique symbol = Symbol.for('tunekit.TrialPruned') as never;

/** Throw from an objective to end the trial as PRUNED. */
export class TrialPruned extends TunekitError {
  override name = 'TrialPruned';
  readonly [TRIAL_PRUNED_BRAND] = true;
  constructor(message = 'trial was pruned') {
    super(message);
  }
}

/** Whether an error is a prune signal (a TrialPruned from any copy of tunekit or a package that brands its own). */
export function isTrialPruned(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as Record<symbol, unknown>)[Symbol.for('tunekit.TrialPruned')] === true
  );
}
