import { InvalidArgumentError } from '@tunekit/core';

/** An integer option with a lower bound, as Optuna's pruners check them (it raises ValueError). */
export function checkInt(param: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(param, value, `must be an integer >= ${min}`);
  }
  return value;
}

/** A finite number within [low, high]. */
export function checkRange(param: string, value: number, low: number, high: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < low || value > high) {
    throw new InvalidArgumentError(param, value, `must be a number in [${low}, ${high}]`);
  }
  return value;
}

/** A number >= min (Infinity allowed, NaN not). */
export function checkAtLeast(param: string, value: number, min: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) {
    throw new InvalidArgumentError(param, value, `must be a number >= ${min}`);
  }
  return value;
}

/** One of a few strings: a misspelt one must not read as some other choice. */
export function checkOneOf<T extends string>(param: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new InvalidArgumentError(
      param,
      value,
      `must be ${allowed.map((a) => `'${a}'`).join(' or ')}`,
    );
  }
  return value;
}
