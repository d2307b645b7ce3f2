import type { FrozenTrial, JsonValue, Sampler } from '@tunekit/core';
import { expectTypeOf, test } from 'vitest';
import {
  firstPrimes,
  HaltonSequence,
  type QMC_INDEX_ATTR,
  QmcSampler,
  type QmcSamplerOptions,
  type QmcSequenceOptions,
  type QmcType,
  SOBOL_MAX_DIM,
  SobolSequence,
  sobolDirectionNumbers,
  starDiscrepancy2d,
} from './index.js';

test('QmcType is the two documented sequences', () => {
  expectTypeOf<QmcType>().toEqualTypeOf<'sobol' | 'halton'>();
});

test('QmcSamplerOptions: the documented options, each optional and typed', () => {
  expectTypeOf<keyof QmcSamplerOptions>().toEqualTypeOf<
    'qmcType' | 'scramble' | 'seed' | 'independentSampler' | 'warnIndependentSampling'
  >();
  expectTypeOf<QmcSamplerOptions['qmcType']>().toEqualTypeOf<QmcType | undefined>();
  expectTypeOf<QmcSamplerOptions['scramble']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<QmcSamplerOptions['seed']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<QmcSamplerOptions['independentSampler']>().toEqualTypeOf<Sampler | undefined>();
  expectTypeOf<QmcSamplerOptions['warnIndependentSampling']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<Record<string, never>>().toExtend<QmcSamplerOptions>();
  expectTypeOf<ConstructorParameters<typeof QmcSampler>>().toEqualTypeOf<
    [options?: QmcSamplerOptions]
  >();
});

test('wrong option types are errors', () => {
  new QmcSampler({ qmcType: 'halton', scramble: true, seed: 1, warnIndependentSampling: false });
  // @ts-expect-error qmcType is 'sobol' or 'halton'
  new QmcSampler({ qmcType: 'random' });
  // @ts-expect-error qmcType is lower case
  new QmcSampler({ qmcType: 'Sobol' });
  // @ts-expect-error scramble is a boolean
  new QmcSampler({ scramble: 'owen' });
  // @ts-expect-error seed is a number
  new QmcSampler({ seed: '42' });
  // @ts-expect-error independentSampler needs a name
  new QmcSampler({ independentSampler: { sampleIndependent: () => 0 } });
  // @ts-expect-error no such option
  new QmcSampler({ qmc_type: 'sobol' });
});

test('QmcSampler is a core Sampler with takeSystemAttrs; name is a string a subclass can change', () => {
  expectTypeOf<QmcSampler>().toExtend<Sampler>();
  expectTypeOf<QmcSampler['name']>().toEqualTypeOf<string>();
  expectTypeOf<QmcSampler['takeSystemAttrs']>().toEqualTypeOf<
    (trial: FrozenTrial) => Record<string, JsonValue> | undefined
  >();
  class Renamed extends QmcSampler {
    override readonly name: string = 'qmc-renamed';
  }
  expectTypeOf<Renamed>().toExtend<Sampler>();
});

test('QMC_INDEX_ATTR is the literal attribute key', () => {
  expectTypeOf<typeof QMC_INDEX_ATTR>().toEqualTypeOf<'qmc:index'>();
});

test('QmcSequenceOptions and the sequences', () => {
  expectTypeOf<keyof QmcSequenceOptions>().toEqualTypeOf<'scramble' | 'seed'>();
  expectTypeOf<QmcSequenceOptions['scramble']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<QmcSequenceOptions['seed']>().toEqualTypeOf<number | undefined>();

  expectTypeOf<ConstructorParameters<typeof SobolSequence>>().toEqualTypeOf<
    [dim: number, options?: QmcSequenceOptions]
  >();
  expectTypeOf<SobolSequence['dim']>().toEqualTypeOf<number>();
  expectTypeOf<SobolSequence['point']>().toEqualTypeOf<(index: number) => Float64Array>();
  expectTypeOf<SobolSequence['points']>().toEqualTypeOf<
    (start: number, count: number) => Float64Array[]
  >();
  expectTypeOf(SOBOL_MAX_DIM).toEqualTypeOf<number>();
  expectTypeOf(sobolDirectionNumbers).toEqualTypeOf<(dim: number) => Uint32Array>();

  expectTypeOf<ConstructorParameters<typeof HaltonSequence>>().toEqualTypeOf<
    [dim: number, options?: QmcSequenceOptions]
  >();
  expectTypeOf<HaltonSequence['dim']>().toEqualTypeOf<number>();
  expectTypeOf<HaltonSequence['bases']>().toEqualTypeOf<readonly number[]>();
  expectTypeOf<HaltonSequence['point']>().toEqualTypeOf<(index: number) => Float64Array>();
  expectTypeOf(firstPrimes).toEqualTypeOf<(n: number) => number[]>();

  // @ts-expect-error scramble is a boolean
  new SobolSequence(2, { scramble: 1 });
  // @ts-expect-error the dimension comes first
  new HaltonSequence({ scramble: true });
});

test('starDiscrepancy2d takes points as number arrays or typed arrays', () => {
  expectTypeOf(starDiscrepancy2d).toEqualTypeOf<(points: readonly ArrayLike<number>[]) => number>();
  expectTypeOf(starDiscrepancy2d).toBeCallableWith([new Float64Array(2), [0.5, 0.5]]);
  expectTypeOf(starDiscrepancy2d).toBeCallableWith(new SobolSequence(2).points(0, 8));
});
