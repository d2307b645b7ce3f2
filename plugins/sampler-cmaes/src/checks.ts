import { InvalidArgumentError } from '@tunekit/core';

/** Throws InvalidArgumentError unless `value` is a finite number > 0. */
export function checkPositiveFinite(param: string, value: unknown): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new InvalidArgumentError(param, value, 'must be a positive finite number');
  }
}

/** Throws InvalidArgumentError unless `n` is a dimension: an integer >= 1. */
export function checkDimension(param: string, n: unknown): void {
  if (!(Number.isInteger(n) && (n as number) >= 1)) {
    throw new InvalidArgumentError(param, n, 'must be an integer >= 1 (the dimension)');
  }
}

/**
 * Throws InvalidArgumentError unless `popsize` is an integer >= 2: with one sample there is no
 * ranking to learn from (mu = 0 parents, and the weights divide by zero).
 */
export function checkPopsize(param: string, popsize: unknown): void {
  if (!(Number.isInteger(popsize) && (popsize as number) >= 2)) {
    throw new InvalidArgumentError(param, popsize, 'must be an integer >= 2');
  }
}

/**
 * Throws InvalidArgumentError unless every solution has an `x` of `n` finite numbers (`whence`
 * says where n comes from) and a `value` that is a number other than NaN. Infinite values pass:
 * an objective may complete a trial with +-Infinity (core allows it, as Optuna does), the
 * sampler passes those on, and they rank first or last like any value (the fitness history caps
 * them). NaN has no rank, so the sort would put it anywhere.
 */
export function checkSolutions(
  solutions: readonly { readonly x: ArrayLike<number>; readonly value: number }[],
  n: number,
  whence: string,
): void {
  for (let i = 0; i < solutions.length; i++) {
    const s: unknown = solutions[i];
    if (typeof s !== 'object' || s === null) {
      throw new InvalidArgumentError(`solutions[${i}]`, s, 'must be an object { x, value }');
    }
    const { x, value } = s as { readonly x: unknown; readonly value: unknown };
    const rule = `must hold ${n} finite numbers (${whence})`;
    if (typeof x !== 'object' || x === null) {
      throw new InvalidArgumentError(`solutions[${i}].x`, x, rule);
    }
    const xs = x as ArrayLike<unknown>;
    if (xs.length !== n) {
      throw new InvalidArgumentError(`solutions[${i}].x`, `length ${xs.length}`, rule);
    }
    for (let j = 0; j < n; j++) {
      if (!(typeof xs[j] === 'number' && Number.isFinite(xs[j]))) {
        throw new InvalidArgumentError(`solutions[${i}].x[${j}]`, xs[j], 'must be a finite number');
      }
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new InvalidArgumentError(
        `solutions[${i}].value`,
        value,
        'must be a number other than NaN (solutions are ranked by value; +-Infinity ranks last or first)',
      );
    }
  }
}
