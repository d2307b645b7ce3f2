import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { HaltonSequence } from './halton.js';
import { QmcSampler } from './qmc-sampler.js';
import { SobolSequence } from './sobol.js';

// JavaScript callers may pass anything where TypeScript says `{ scramble?, seed? }`.
const none = null as unknown as undefined;

describe.each([
  ['SobolSequence', SobolSequence],
  ['HaltonSequence', HaltonSequence],
])('%s options', (_name, Sequence) => {
  it('rejects a scramble that is not a boolean: a truthy one would leave the sequence plain', () => {
    for (const scramble of ['yes', 1, null]) {
      expect(() => new Sequence(2, { scramble: scramble as never, seed: 1 })).toThrow(
        InvalidArgumentError,
      );
    }
    expect(() => new Sequence(2, { scramble: 'yes' as never })).toThrow(
      /^scramble = "yes": must be true or false$/,
    );
  });

  it('rejects a seed that is not a finite number, scrambled or not, before core would', () => {
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, '7', null]) {
      expect(() => new Sequence(2, { scramble: true, seed: seed as never })).toThrow(
        InvalidArgumentError,
      );
      expect(() => new Sequence(2, { seed: seed as never })).toThrow(InvalidArgumentError);
    }
    expect(() => new Sequence(2, { scramble: true, seed: Number.NaN })).toThrow(
      /^seed = NaN: must be a finite number$/,
    );
  });

  it('reads null options as none: the plain sequence', () => {
    const plain = new Sequence(3);
    const fromNull = new Sequence(3, none);
    for (const i of [1, 2, 7]) expect([...fromNull.point(i)]).toEqual([...plain.point(i)]);
  });
});

describe('unknown option names (from JavaScript: used to be ignored)', () => {
  it('are refused by both sequences and the sampler, naming them', () => {
    const bad = { scramble: true, sed: 1 } as never;
    expect(() => new SobolSequence(2, bad)).toThrow(/^sed = 1: is not an option of SobolSequence/);
    expect(() => new HaltonSequence(2, bad)).toThrow(
      /^sed = 1: is not an option of HaltonSequence/,
    );
    expect(() => new QmcSampler({ qmc_type: 'halton' } as never)).toThrow(
      /^qmc_type = "halton": is not an option of QmcSampler \(did you mean qmcType\?\)/,
    );
    expect(() => new QmcSampler({ qmc_type: 'halton' } as never)).toThrow(InvalidArgumentError);
  });
});
