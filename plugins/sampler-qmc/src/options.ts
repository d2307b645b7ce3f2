import { checkOptionNames, InvalidArgumentError } from '@tunekit/core';
import type { QmcSequenceOptions } from './sobol.js';

/**
 * Throws unless the option is left out or a boolean: a truthy 'yes' or 1 reads as false
 * where the code asks `=== true` (the sequences) and as true where it does not. null is
 * rejected too, as for every option of this package (only a null options object reads as
 * no options).
 */
export function checkBoolean(param: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidArgumentError(param, value, 'must be true or false');
  }
}

/** Throws unless the seed is left out or finite: core's `createRng` would throw a RangeError later. */
export function checkSeed(seed: unknown): void {
  if (seed !== undefined && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new InvalidArgumentError('seed', seed, 'must be a finite number');
  }
}

/**
 * The checked options of the sequence `owner`; null (from JavaScript callers) reads as no
 * options, and any name but scramble and seed is refused.
 */
export function sequenceOptions(
  given: QmcSequenceOptions | null | undefined,
  owner: string,
): QmcSequenceOptions {
  const options = given ?? {};
  checkOptionNames(options, ['scramble', 'seed'], owner);
  checkBoolean('scramble', options.scramble);
  checkSeed(options.seed);
  return options;
}
