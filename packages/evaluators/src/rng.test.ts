import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSplitRng } from './rng.js';

describe('createSplitRng', () => {
  it('same seed, same stream; different seeds differ', () => {
    expect(createSplitRng(1).permutation(20)).toEqual(createSplitRng(1).permutation(20));
    expect(createSplitRng(1).permutation(20)).not.toEqual(createSplitRng(2).permutation(20));
    expect(createSplitRng(-1.5).random()).toBe(createSplitRng(-1.5).random());
  });
  it('permutations are permutations and draws lie in [0, 1)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 50 }), (seed, n) => {
        const rng = createSplitRng(seed);
        expect(rng.permutation(n).sort((a, b) => a - b)).toEqual(
          Array.from({ length: n }, (_, i) => i),
        );
        const r = rng.random();
        expect(r >= 0 && r < 1).toBe(true);
      }),
    );
  });
});
