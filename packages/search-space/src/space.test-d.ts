import { expectTypeOf, test } from 'vitest';
import { categorical, float, int } from './distributions.js';
import { type Params, space } from './space.js';

test('Params infers numbers and literal unions', () => {
  const s = space({
    lr: float(1e-5, 1, { log: true }),
    layers: int(1, 8),
    kernel: categorical(['rbf', 'linear'] as const),
    flag: categorical([true, false]),
  });
  expectTypeOf<Params<typeof s>>().toEqualTypeOf<{
    lr: number;
    layers: number;
    kernel: 'rbf' | 'linear';
    flag: boolean;
  }>();
});

test('literal inference works without as const', () => {
  const k = categorical(['a', 'b']);
  expectTypeOf(k.choices).toEqualTypeOf<readonly ('a' | 'b')[]>();
});

test('Params of a bare record of distributions', () => {
  const rec = { n: int(1, 3), c: categorical([1, 2]) };
  expectTypeOf<Params<typeof rec>>().toEqualTypeOf<{ n: number; c: 1 | 2 }>();
});
