import type { FrozenTrial, JsonValue, Sampler, TunekitError } from '@tunekit/core';
import { expectTypeOf, test } from 'vitest';
import {
  type CholeskyError,
  type ConstantLiar,
  GpSampler,
  type GpSamplerOptions,
} from './index.js';

test('ConstantLiar is the three documented strategies', () => {
  expectTypeOf<ConstantLiar>().toEqualTypeOf<'best' | 'worst' | 'none'>();
});

test('GpSamplerOptions: the documented options, each optional and typed', () => {
  expectTypeOf<keyof GpSamplerOptions>().toEqualTypeOf<
    | 'seed'
    | 'nStartupTrials'
    | 'deterministicObjective'
    | 'independentSampler'
    | 'nCandidates'
    | 'nLocalSearch'
    | 'constantLiar'
    | 'considerPrunedTrials'
    | 'considerFailedTrials'
    | 'warnIndependentSampling'
  >();
  expectTypeOf<GpSamplerOptions['seed']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<GpSamplerOptions['nStartupTrials']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<GpSamplerOptions['deterministicObjective']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<GpSamplerOptions['independentSampler']>().toEqualTypeOf<Sampler | undefined>();
  expectTypeOf<GpSamplerOptions['nCandidates']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<GpSamplerOptions['nLocalSearch']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<GpSamplerOptions['constantLiar']>().toEqualTypeOf<ConstantLiar | undefined>();
  expectTypeOf<GpSamplerOptions['considerPrunedTrials']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<GpSamplerOptions['considerFailedTrials']>().toEqualTypeOf<
    boolean | 'worst' | undefined
  >();
  expectTypeOf<GpSamplerOptions['warnIndependentSampling']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<Record<string, never>>().toExtend<GpSamplerOptions>();
  expectTypeOf<ConstructorParameters<typeof GpSampler>>().toEqualTypeOf<
    [options?: GpSamplerOptions]
  >();
});

test('wrong option types are errors', () => {
  new GpSampler({ seed: 1, constantLiar: 'worst', deterministicObjective: true, nCandidates: 512 });
  new GpSampler({ constantLiar: 'none', independentSampler: new GpSampler() });
  // @ts-expect-error constantLiar is 'best', 'worst' or 'none'
  new GpSampler({ constantLiar: 'mean' });
  // @ts-expect-error constantLiar is not a boolean
  new GpSampler({ constantLiar: true });
  // @ts-expect-error seed is a number
  new GpSampler({ seed: '42' });
  // @ts-expect-error nStartupTrials is a number
  new GpSampler({ nStartupTrials: '10' });
  // @ts-expect-error deterministicObjective is a boolean
  new GpSampler({ deterministicObjective: 'yes' });
  // @ts-expect-error nCandidates is a number
  new GpSampler({ nCandidates: [2048] });
  // @ts-expect-error nLocalSearch is a number
  new GpSampler({ nLocalSearch: null });
  // @ts-expect-error considerPrunedTrials is a boolean
  new GpSampler({ considerPrunedTrials: 'yes' });
  // @ts-expect-error warnIndependentSampling is a boolean
  new GpSampler({ warnIndependentSampling: 1 });
  // @ts-expect-error independentSampler needs a name
  new GpSampler({ independentSampler: { sampleIndependent: () => 0 } });
  // @ts-expect-error no such option (Optuna's spelling)
  new GpSampler({ n_startup_trials: 5 });
});

test('GpSampler is a core Sampler with takeSystemAttrs', () => {
  expectTypeOf<GpSampler>().toExtend<Sampler>();
  expectTypeOf<GpSampler['takeSystemAttrs']>().toEqualTypeOf<
    (trial: FrozenTrial) => Record<string, JsonValue> | undefined
  >();
});

test('GpSampler name is a string a subclass can change', () => {
  expectTypeOf<GpSampler['name']>().toEqualTypeOf<string>();
  class Renamed extends GpSampler {
    override readonly name: string = 'gp-renamed';
  }
  expectTypeOf<Renamed>().toExtend<Sampler>();
});

test('CholeskyError is a TunekitError with the size and the last jitter', () => {
  expectTypeOf<CholeskyError>().toExtend<TunekitError>();
  expectTypeOf<ConstructorParameters<typeof CholeskyError>>().toEqualTypeOf<
    [size: number, jitter: number]
  >();
  expectTypeOf<CholeskyError['size']>().toEqualTypeOf<number>();
  expectTypeOf<CholeskyError['jitter']>().toEqualTypeOf<number>();
  expectTypeOf<CholeskyError['name']>().toEqualTypeOf<string>();
});
