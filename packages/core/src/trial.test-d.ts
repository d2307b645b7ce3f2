import { categorical, float, int, space } from '@tunekit/search-space';
import { expectTypeOf, test } from 'vitest';
import { createStudy } from './create-study.js';
import type { Objective } from './optimize.js';
import type { Trial } from './trial.js';
import type { FrozenTrial, Pruner, Sampler } from './types.js';

declare const trial: Trial;

test('suggestCategorical keeps the literal union of its choices', () => {
  expectTypeOf(trial.suggestCategorical('kernel', ['rbf', 'linear'])).toEqualTypeOf<
    'rbf' | 'linear'
  >();
  expectTypeOf(trial.suggestCategorical('flag', [true, false])).toEqualTypeOf<boolean>();
  expectTypeOf(trial.suggestCategorical('n', [1, 2, 3])).toEqualTypeOf<1 | 2 | 3>();
  expectTypeOf(trial.suggestFloat('lr', 1e-5, 1, { log: true })).toEqualTypeOf<number>();
  expectTypeOf(trial.suggestInt('layers', 1, 8)).toEqualTypeOf<number>();
});

test('suggest(space) returns the typed parameter object', () => {
  const s = space({
    lr: float(1e-5, 1, { log: true }),
    layers: int(1, 8),
    act: categorical(['relu', 'tanh']),
  });
  expectTypeOf(trial.suggest(s)).toEqualTypeOf<{
    lr: number;
    layers: number;
    act: 'relu' | 'tanh';
  }>();
  // A bare record of distributions works too.
  expectTypeOf(trial.suggest({ c: categorical(['a', 'b']) })).toEqualTypeOf<{ c: 'a' | 'b' }>();
});

test('objectives return a number or numbers, sync or async', () => {
  expectTypeOf<(t: Trial) => number>().toExtend<Objective>();
  expectTypeOf<(t: Trial) => Promise<number[]>>().toExtend<Objective>();
  expectTypeOf<(t: Trial) => string>().not.toExtend<Objective>();
});

test('createStudy options are checked', () => {
  expectTypeOf(createStudy)
    .parameter(0)
    .toExtend<{ direction?: 'minimize' | 'maximize' } | undefined>();
  // @ts-expect-error: 'min' is not a direction
  void createStudy({ direction: 'min' });
});

test('a sampler needs a name and sampleIndependent', () => {
  const ok: Sampler = { name: 'x', sampleIndependent: () => 0 };
  expectTypeOf(ok).toExtend<Sampler>();
  // @ts-expect-error: name is required
  const missing: Sampler = { sampleIndependent: () => 0 };
  void missing;
  expectTypeOf<FrozenTrial['intermediateValues']>().toEqualTypeOf<ReadonlyMap<number, number>>();
});

test('a pruner needs only prune; its name is optional but a string', () => {
  const bare: Pruner = { prune: () => false };
  expectTypeOf(bare).toExtend<Pruner>();
  const named: Pruner = { name: 'mine', prune: () => false };
  void named;
  // @ts-expect-error: a name is a string
  const badName: Pruner = { name: 1, prune: () => false };
  void badName;
});
