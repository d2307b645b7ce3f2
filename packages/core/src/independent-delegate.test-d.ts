import { expectTypeOf, test } from 'vitest';
import { IndependentDelegate } from './independent-delegate.js';
import type { JsonValue, Sampler } from './types.js';

test('IndependentDelegate: the hooks it lends a sampler have the Sampler signatures', () => {
  expectTypeOf(IndependentDelegate).constructorParameters.toEqualTypeOf<[Sampler | undefined]>();
  // Each method can stand in for the Sampler method of the same name.
  expectTypeOf<IndependentDelegate['beforeTrial']>().toExtend<
    NonNullable<Sampler['beforeTrial']>
  >();
  expectTypeOf<IndependentDelegate['afterTrial']>().toExtend<NonNullable<Sampler['afterTrial']>>();
  expectTypeOf<IndependentDelegate['takeSystemAttrs']>().toExtend<
    NonNullable<Sampler['takeSystemAttrs']>
  >();
  expectTypeOf<ReturnType<IndependentDelegate['takeSystemAttrs']>>().toEqualTypeOf<
    Record<string, JsonValue> | undefined
  >();
  expectTypeOf<IndependentDelegate['hold']>()
    .parameter(1)
    .toEqualTypeOf<Record<string, JsonValue>>();
  expectTypeOf<IndependentDelegate['sampler']>().toEqualTypeOf<Sampler | undefined>();
});
