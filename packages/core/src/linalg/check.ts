import { InvalidArgumentError } from '../errors.js';

// O(1) checks, cheap enough for every call: an array too short for n would otherwise read
// undefined and fill the result with NaN instead of failing.

/** Refuses a matrix order (or, named `param`, a row count) that is not a non-negative integer. */
export function checkOrder(n: number, param = 'n', what = 'the matrix order'): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(param, n, `must be a non-negative integer (${what})`);
  }
}

/** Refuses an array with fewer than `size` entries; `shape` says where the size comes from. */
export function checkLength(
  param: string,
  array: ArrayLike<number>,
  size: number,
  shape: string,
): void {
  if (array.length < size) {
    throw new InvalidArgumentError(
      `${param}.length`,
      array.length,
      `must be at least ${shape} = ${size}`,
    );
  }
}

/** Refuses a bad order or a factor `l` with fewer than n×n entries. */
export function checkFactor(l: ArrayLike<number>, n: number): void {
  checkOrder(n);
  checkLength('l', l, n * n, 'n×n');
}
