import type { FrozenTrial, JsonValue, Rng, Sampler } from '@tunekit/core';
import { expectTypeOf, test } from 'vitest';
import {
  applyMargin,
  CmaEs,
  type CmaEsOptions,
  type CmaEsRestoreOptions,
  CmaEsSampler,
  type CmaEsSamplerOptions,
  type CmaSample,
  type CmaStateJSON,
  type DiscreteAxis,
  defaultPopsize,
  leaveProbability,
  type StopReason,
  type StrategyParameters,
  strategyParameters,
  thresholdAxis,
  warmStartDistribution,
} from './index.js';

test('CmaEsSamplerOptions: the documented options, each optional and typed', () => {
  expectTypeOf<keyof CmaEsSamplerOptions>().toEqualTypeOf<
    | 'seed'
    | 'x0'
    | 'sigma0'
    | 'nStartupTrials'
    | 'restartStrategy'
    | 'incPopsize'
    | 'popsize'
    | 'separable'
    | 'withMargin'
    | 'sourceTrials'
    | 'independentSampler'
    | 'warnIndependentSampling'
    | 'considerPrunedTrials'
  >();
  expectTypeOf<CmaEsSamplerOptions['seed']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsSamplerOptions['x0']>().toEqualTypeOf<
    Readonly<Record<string, number>> | undefined
  >();
  expectTypeOf<CmaEsSamplerOptions['sigma0']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsSamplerOptions['nStartupTrials']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsSamplerOptions['restartStrategy']>().toEqualTypeOf<'ipop' | undefined>();
  expectTypeOf<CmaEsSamplerOptions['incPopsize']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsSamplerOptions['popsize']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsSamplerOptions['separable']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<CmaEsSamplerOptions['withMargin']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<CmaEsSamplerOptions['sourceTrials']>().toEqualTypeOf<
    readonly FrozenTrial[] | undefined
  >();
  expectTypeOf<CmaEsSamplerOptions['independentSampler']>().toEqualTypeOf<Sampler | undefined>();
  expectTypeOf<CmaEsSamplerOptions['warnIndependentSampling']>().toEqualTypeOf<
    boolean | undefined
  >();
  expectTypeOf<CmaEsSamplerOptions['considerPrunedTrials']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<Record<string, never>>().toExtend<CmaEsSamplerOptions>();
  // A plain (mutable) record and a mutable array of trials are accepted.
  expectTypeOf<{
    x0: Record<string, number>;
    sourceTrials: FrozenTrial[];
  }>().toExtend<CmaEsSamplerOptions>();
  expectTypeOf<ConstructorParameters<typeof CmaEsSampler>>().toEqualTypeOf<
    [options?: CmaEsSamplerOptions]
  >();
});

test('wrong option types are errors', () => {
  new CmaEsSampler({ seed: 1, x0: { lr: 0.1 }, sigma0: 0.2, restartStrategy: 'ipop' });
  // @ts-expect-error restartStrategy is 'ipop' only (no BIPOP)
  new CmaEsSampler({ restartStrategy: 'bipop' });
  // @ts-expect-error x0 holds numbers
  new CmaEsSampler({ x0: { lr: '0.1' } });
  // @ts-expect-error x0 is a record of parameter values, not an array
  new CmaEsSampler({ x0: [0.5, 0.5] });
  // @ts-expect-error sigma0 is a number
  new CmaEsSampler({ sigma0: '1/6' });
  // @ts-expect-error popsize is a number
  new CmaEsSampler({ popsize: '8' });
  // @ts-expect-error separable is a boolean
  new CmaEsSampler({ separable: 1 });
  // @ts-expect-error withMargin is a boolean
  new CmaEsSampler({ withMargin: 'on' });
  // @ts-expect-error sourceTrials are FrozenTrials
  new CmaEsSampler({ sourceTrials: [{ value: 1 }] });
  // @ts-expect-error considerPrunedTrials is a boolean
  new CmaEsSampler({ considerPrunedTrials: 'yes' });
  // @ts-expect-error independentSampler needs a name
  new CmaEsSampler({ independentSampler: { sampleIndependent: () => 0 } });
  // @ts-expect-error no such option (Optuna's spelling)
  new CmaEsSampler({ n_startup_trials: 5 });
});

test('CmaEsSampler is a core Sampler with takeSystemAttrs; name is a string a subclass can change', () => {
  expectTypeOf<CmaEsSampler>().toExtend<Sampler>();
  expectTypeOf<CmaEsSampler['name']>().toEqualTypeOf<string>();
  expectTypeOf<CmaEsSampler['takeSystemAttrs']>().toEqualTypeOf<
    (trial: FrozenTrial) => Record<string, JsonValue> | undefined
  >();
  class Renamed extends CmaEsSampler {
    override readonly name: string = 'cmaes-renamed';
  }
  expectTypeOf<Renamed>().toExtend<Sampler>();
});

test('CmaEsOptions and CmaEsRestoreOptions', () => {
  expectTypeOf<keyof CmaEsOptions>().toEqualTypeOf<
    | 'mean'
    | 'sigma'
    | 'cov'
    | 'popsize'
    | 'separable'
    | 'discrete'
    | 'margin'
    | 'bounded'
    | 'maxResampling'
    | 'history'
  >();
  expectTypeOf<CmaEsOptions['mean']>().toEqualTypeOf<ArrayLike<number>>();
  expectTypeOf<CmaEsOptions['sigma']>().toEqualTypeOf<number>();
  expectTypeOf<CmaEsOptions['cov']>().toEqualTypeOf<ArrayLike<number> | undefined>();
  expectTypeOf<CmaEsOptions['popsize']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsOptions['separable']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<CmaEsOptions['discrete']>().toEqualTypeOf<
    readonly (DiscreteAxis | null)[] | undefined
  >();
  expectTypeOf<CmaEsOptions['margin']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsOptions['bounded']>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<CmaEsOptions['maxResampling']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<CmaEsOptions['history']>().toEqualTypeOf<boolean | undefined>();

  expectTypeOf<CmaEsRestoreOptions>().toEqualTypeOf<
    Pick<CmaEsOptions, 'discrete' | 'margin' | 'bounded' | 'maxResampling' | 'history'>
  >();
  expectTypeOf<Record<string, never>>().toExtend<CmaEsRestoreOptions>();

  CmaEs.create({ mean: new Float64Array(2).fill(0.5), sigma: 0.3, discrete: [null, null] });
  // @ts-expect-error mean is required
  CmaEs.create({ sigma: 0.3 });
  // @ts-expect-error sigma is required
  CmaEs.create({ mean: [0.5] });
  // @ts-expect-error discrete holds DiscreteAxis or null per axis
  CmaEs.create({ mean: [0.5], sigma: 0.3, discrete: [3] });
  // @ts-expect-error the starting state is not a restore option
  CmaEs.fromJSON(CmaEs.create({ mean: [0.5], sigma: 0.3 }).toJSON(), { sigma: 0.3 });
});

test('CmaEs: created or restored, never constructed; ask/tell and the getters', () => {
  expectTypeOf(CmaEs.create).toEqualTypeOf<(options: CmaEsOptions) => CmaEs>();
  expectTypeOf(CmaEs.fromJSON).toEqualTypeOf<
    (state: CmaStateJSON, options?: CmaEsRestoreOptions) => CmaEs
  >();
  // @ts-expect-error the constructor is private: CmaEs.create or CmaEs.fromJSON
  new CmaEs();

  expectTypeOf<CmaEs['ask']>().toEqualTypeOf<(rng: Rng) => CmaSample>();
  expectTypeOf<CmaEs['tell']>().toEqualTypeOf<
    (solutions: readonly { readonly x: ArrayLike<number>; readonly value: number }[]) => void
  >();
  expectTypeOf<CmaEs['stopReason']>().toEqualTypeOf<() => StopReason>();
  expectTypeOf<CmaEs['shouldStop']>().toEqualTypeOf<() => boolean>();
  expectTypeOf<CmaEs['pointOf']>().toEqualTypeOf<(x: ArrayLike<number>) => Float64Array>();
  expectTypeOf<CmaEs['toJSON']>().toEqualTypeOf<() => CmaStateJSON>();
  expectTypeOf<CmaEs['generation']>().toEqualTypeOf<number>();
  expectTypeOf<CmaEs['popsize']>().toEqualTypeOf<number>();
  expectTypeOf<CmaEs['sigma']>().toEqualTypeOf<number>();
  expectTypeOf<CmaEs['mean']>().toEqualTypeOf<readonly number[]>();
  expectTypeOf<CmaEs['covDiagonal']>().toEqualTypeOf<number[]>();
  expectTypeOf<CmaEs['marginScale']>().toEqualTypeOf<readonly number[]>();
  // tell takes what ask gave: the x of each sample.
  expectTypeOf<{ x: CmaSample['x']; value: number }[]>().toExtend<Parameters<CmaEs['tell']>[0]>();
});

test('CmaSample, StopReason and CmaStateJSON have the documented shapes', () => {
  expectTypeOf<CmaSample>().toEqualTypeOf<{
    readonly x: Float64Array;
    readonly point: Float64Array;
  }>();
  expectTypeOf<StopReason>().toEqualTypeOf<
    | 'tolfun'
    | 'tolx'
    | 'tolxup'
    | 'noeffectaxis'
    | 'noeffectcoord'
    | 'conditioncov'
    | 'stagnation'
    | null
  >();
  expectTypeOf<CmaStateJSON>().toEqualTypeOf<{
    version: 2;
    n: number;
    popsize: number;
    separable: boolean;
    sigma: number;
    sigma0: number;
    generation: number;
    eigenGeneration: number;
    mean: string;
    pc: string;
    ps: string;
    A: string;
    C: string | null;
    eigenInput: string | null;
    history: { stride: number; fun: string; best: string; median: string } | null;
  }>();
  // The stored state is JSON: it fits core's JsonValue, so it can go in system attributes.
  expectTypeOf<CmaStateJSON>().toExtend<JsonValue>();
});

test('strategy parameters', () => {
  expectTypeOf(defaultPopsize).toEqualTypeOf<(n: number) => number>();
  expectTypeOf(strategyParameters).toEqualTypeOf<
    (n: number, popsize?: number, separable?: boolean) => StrategyParameters
  >();
  expectTypeOf<keyof StrategyParameters>().toEqualTypeOf<
    | 'n'
    | 'popsize'
    | 'mu'
    | 'weights'
    | 'muEff'
    | 'cSigma'
    | 'dSigma'
    | 'cc'
    | 'c1'
    | 'cMu'
    | 'cm'
    | 'chiN'
  >();
  expectTypeOf<StrategyParameters['weights']>().toEqualTypeOf<Float64Array>();
  expectTypeOf<Omit<StrategyParameters, 'weights'>>().toEqualTypeOf<{
    readonly [K in Exclude<keyof StrategyParameters, 'weights'>]: number;
  }>();
});

test('margin: DiscreteAxis, thresholdAxis, leaveProbability, applyMargin', () => {
  expectTypeOf<DiscreteAxis>().toEqualTypeOf<{
    cell(v: number): { readonly lower: number; readonly upper: number };
  }>();
  expectTypeOf(thresholdAxis).toEqualTypeOf<(thresholds: readonly number[]) => DiscreteAxis>();
  expectTypeOf(leaveProbability).toEqualTypeOf<
    (axis: DiscreteAxis, m: number, s: number) => number
  >();
  expectTypeOf(applyMargin).toEqualTypeOf<
    (
      mean: number[],
      A: number[],
      sigma: number,
      covDiagonal: readonly number[],
      axes: readonly (DiscreteAxis | null)[],
      alpha: number,
    ) => void
  >();
  // applyMargin works in place: a readonly mean or A is an error.
  const mean: readonly number[] = [0.5];
  // @ts-expect-error mean is changed in place
  applyMargin(mean, [1], 0.3, [1], [thresholdAxis([0.5])], 0.1);
});

test('warmStartDistribution gives the initial mean, sigma and covariance', () => {
  expectTypeOf(warmStartDistribution).toEqualTypeOf<
    (
      solutions: readonly { readonly x: ArrayLike<number>; readonly value: number }[],
      gamma?: number,
      alpha?: number,
    ) => { mean: number[]; sigma: number; cov: number[] }
  >();
  // Its result is what CmaEs.create starts from.
  expectTypeOf<ReturnType<typeof warmStartDistribution>>().toExtend<CmaEsOptions>();
});
