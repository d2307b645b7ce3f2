/**
 * Thrown for a bad hyperparameter or bad data. Names the parameter, the value and the rule
 * it broke (the shape of @tunekit/core's InvalidArgumentError, which this package does not
 * depend on).
 */
export class ModelArgumentError extends Error {
  override readonly name = 'ModelArgumentError';
  constructor(
    readonly param: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${param} = ${preview(value)}: ${rule}`);
  }
}

/** Thrown when `predict` (or another fitted-state method) runs before `fit`. */
export class NotFittedError extends Error {
  override readonly name = 'NotFittedError';
  constructor(method: string) {
    super(`${method}() called before fit()`);
  }
}

function preview(v: unknown): string {
  if (Array.isArray(v)) return `array(${v.length})`;
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? v);
  } catch {
    return String(v);
  }
}
