import {
  checkOptionNames,
  createRng,
  type FrozenTrial,
  IndependentDelegate,
  InvalidArgumentError,
  type JsonValue,
  type Rng,
  type Sampler,
  type StudyView,
  sampleUniform,
  type TrialState,
} from '@tunekit/core';
import { type Distribution, isSingle } from '@tunekit/search-space';
import {
  defaultGamma,
  defaultWeights,
  type GammaFunction,
  hyperoptGamma,
  type WeightsFunction,
} from './gamma-weights.js';
import { ObservationCache, observe } from './observe.js';
import {
  fromKernelSpace,
  kernelDim,
  ParzenEstimator,
  type ParzenOptions,
} from './parzen-estimator.js';
import { groupDecomposedSearchSpace, intersectionSearchSpace } from './search-space.js';
import { type Split, splitTrials } from './split.js';

/** Options of `TpeSampler`; every one defaults to Optuna 3.1's TPESampler unless noted. */
export interface TpeSamplerOptions {
  /** Seed of the sampler's generator; same seed, same proposals. */
  readonly seed?: number;
  /** Finished trials sampled by the independent sampler before TPE starts. Default 10. */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) and scored by l(x)/g(x). Default 24. */
  readonly nEiCandidates?: number;
  /** Size of the good set for n finished trials. Default min(ceil(0.1 n), 25). */
  readonly gamma?: GammaFunction;
  /** Kernel weights by age. Default: Optuna's (uniform below 25, ramp for older trials). */
  readonly weights?: WeightsFunction;
  /** Weight of the prior kernel relative to one observation. Default 1. */
  readonly priorWeight?: number;
  /** Add a wide prior kernel centred on the axis. Default true. */
  readonly considerPrior?: boolean;
  /** Floor bandwidths at range / min(100, 1 + components). Default true. */
  readonly considerMagicClip?: boolean;
  /** Let the axis ends count as neighbours of the outermost kernels. Default false. */
  readonly considerEndpoints?: boolean;
  /**
   * Sample the params shared by all finished trials jointly with product kernels (the rest
   * univariately). Default **true** (Optuna: false); see the README for the benchmark.
   */
  readonly multivariate?: boolean;
  /** With multivariate: sample each group of always-co-occurring params jointly. Default false. */
  readonly group?: boolean;
  /** Count running trials as bad ones, so parallel workers spread out. Default false. */
  readonly constantLiar?: boolean;
  /** Sampler for the startup trials. Default: uniform random with a seed derived from `seed`. */
  readonly independentSampler?: Sampler;
  /**
   * Constraint values of a finished trial; a trial is feasible when all are <= 0. Feasible
   * trials are preferred for the good set and the rest ranked by their summed violation
   * (Optuna's `constraints_func`). Called once per finished trial; NaN is an error.
   */
  readonly constraintsFunc?: (trial: FrozenTrial) => readonly number[];
  /**
   * console.warn when a param is sampled independently although `multivariate` is on (after
   * the startup trials). Default false (Optuna: true), since conditional spaces make it common.
   */
  readonly warnIndependentSampling?: boolean;
  /**
   * Bandwidth rule of multivariate kernels. 'scott' (default, tunekit): scottFactor · (standard
   * deviation of the observations) · n^(-1/(d+4)) per param, so kernels tighten as the good set
   * concentrates. 'range' (Optuna's): sigma0Magnitude · n^(-1/(d+4)) · (high - low).
   * Univariate kernels always use the neighbour-distance rule.
   */
  readonly bandwidth?: 'scott' | 'range';
  /** Factor of the 'scott' rule. Default 1. */
  readonly scottFactor?: number;
  /** Factor of the 'range' rule (and of 'scott' with fewer than 2 observations). Default 0.2, as Optuna. */
  readonly sigma0Magnitude?: number;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'seed',
  'nStartupTrials',
  'nEiCandidates',
  'gamma',
  'weights',
  'priorWeight',
  'considerPrior',
  'considerMagicClip',
  'considerEndpoints',
  'multivariate',
  'group',
  'constantLiar',
  'independentSampler',
  'constraintsFunc',
  'warnIndependentSampling',
  'bandwidth',
  'scottFactor',
  'sigma0Magnitude',
] as const satisfies readonly (keyof TpeSamplerOptions)[];

interface SplitCache {
  /** Study name and directions: a sampler reused across studies must not mix their evidence. */
  study: string;
  trials: readonly FrozenTrial[];
  exclude: number;
  split: Split;
}

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) with Optuna's refinements:
 * multivariate and group-decomposed kernels, constant liar, pruned-trial ranking and
 * multi-objective MOTPE (Ozaki et al. 2020).
 */
export class TpeSampler implements Sampler {
  readonly name: string = 'TpeSampler';
  readonly options: Readonly<
    Required<Omit<TpeSamplerOptions, 'seed' | 'independentSampler' | 'constraintsFunc'>>
  >;
  private readonly rng: Rng;
  private readonly randomRng: Rng;
  private readonly independent: IndependentDelegate;
  private readonly constraintsFunc: ((trial: FrozenTrial) => readonly number[]) | undefined;
  /**
   * Summed positive constraint values by trial id (finished trials never change), for the
   * study `violationsStudy`: ids repeat across storages, so another study starts afresh.
   */
  private readonly violations = new Map<number, number>();
  private violationsStudy = '';
  private readonly parzen: ParzenOptions;
  private cache: SplitCache | null = null;
  private readonly observations = new ObservationCache();
  private groups: { trial: number; spaces: Record<string, Distribution>[] } | null = null;

  constructor(options: TpeSamplerOptions = {}) {
    checkOptionNames(options, OPTION_NAMES, 'TpeSampler');
    const o = {
      nStartupTrials: options.nStartupTrials ?? 10,
      nEiCandidates: options.nEiCandidates ?? 24,
      gamma: options.gamma ?? defaultGamma,
      weights: options.weights ?? defaultWeights,
      priorWeight: options.priorWeight ?? 1,
      considerPrior: options.considerPrior ?? true,
      considerMagicClip: options.considerMagicClip ?? true,
      considerEndpoints: options.considerEndpoints ?? false,
      multivariate: options.multivariate ?? true,
      group: options.group ?? false,
      constantLiar: options.constantLiar ?? false,
      sigma0Magnitude: options.sigma0Magnitude ?? 0.2,
      bandwidth: options.bandwidth ?? 'scott',
      scottFactor: options.scottFactor ?? 1,
      warnIndependentSampling: options.warnIndependentSampling ?? false,
    };
    if (!Number.isInteger(o.nStartupTrials) || o.nStartupTrials < 0) {
      throw new InvalidArgumentError('nStartupTrials', o.nStartupTrials, 'must be an integer >= 0');
    }
    if (!Number.isInteger(o.nEiCandidates) || o.nEiCandidates < 1) {
      throw new InvalidArgumentError('nEiCandidates', o.nEiCandidates, 'must be an integer >= 1');
    }
    if (!(o.priorWeight > 0) || !Number.isFinite(o.priorWeight)) {
      throw new InvalidArgumentError('priorWeight', o.priorWeight, 'must be a finite number > 0');
    }
    if (!(o.sigma0Magnitude > 0) || !Number.isFinite(o.sigma0Magnitude)) {
      throw new InvalidArgumentError(
        'sigma0Magnitude',
        o.sigma0Magnitude,
        'must be a finite number > 0',
      );
    }
    if (!(o.scottFactor > 0) || !Number.isFinite(o.scottFactor)) {
      throw new InvalidArgumentError('scottFactor', o.scottFactor, 'must be a finite number > 0');
    }
    if (o.bandwidth !== 'scott' && o.bandwidth !== 'range') {
      throw new InvalidArgumentError('bandwidth', o.bandwidth, "must be 'scott' or 'range'");
    }
    if (typeof o.gamma !== 'function')
      throw new InvalidArgumentError('gamma', o.gamma, 'must be a function n => count');
    if (typeof o.weights !== 'function')
      throw new InvalidArgumentError('weights', o.weights, 'must be a function n => weights');
    if (o.group && !o.multivariate) {
      throw new InvalidArgumentError(
        'group',
        o.group,
        'group decomposition needs multivariate: true (as in Optuna)',
      );
    }
    if (options.seed !== undefined && !Number.isFinite(options.seed)) {
      throw new InvalidArgumentError('seed', options.seed, 'must be a finite number');
    }
    this.options = Object.freeze(o);
    this.rng = createRng(options.seed);
    this.randomRng = this.rng.fork('independent');
    this.independent = new IndependentDelegate(options.independentSampler);
    if (options.constraintsFunc !== undefined && typeof options.constraintsFunc !== 'function') {
      throw new InvalidArgumentError(
        'constraintsFunc',
        options.constraintsFunc,
        'must be a function trial => number[]',
      );
    }
    this.constraintsFunc = options.constraintsFunc;
    this.parzen = {
      considerPrior: o.considerPrior,
      priorWeight: o.priorWeight,
      considerMagicClip: o.considerMagicClip,
      considerEndpoints: o.considerEndpoints,
      multivariate: o.multivariate,
      weights: o.weights,
      sigma0Magnitude: o.sigma0Magnitude,
      bandwidth: o.bandwidth,
      scottFactor: o.scottFactor,
    };
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution> {
    if (!this.options.multivariate) return {};
    const out: Record<string, Distribution> = {};
    if (this.options.group) {
      const spaces = groupDecomposedSearchSpace(study).map(withoutSingles);
      this.groups = { trial: trial.number, spaces };
      for (const s of spaces) Object.assign(out, s);
      return out;
    }
    return withoutSingles(intersectionSearchSpace(study));
  }

  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown> {
    if (Object.keys(space).length === 0) return {};
    if (!this.options.group) return this.sampleJoint(study, trial, space) ?? {};
    const spaces =
      this.groups !== null && this.groups.trial === trial.number
        ? this.groups.spaces
        : groupDecomposedSearchSpace(study).map(withoutSingles);
    const out: Record<string, unknown> = {};
    for (const g of spaces) {
      // Only the part of each group the runtime asked for.
      const sub: Record<string, Distribution> = {};
      for (const name of Object.keys(g)) if (space[name] !== undefined) sub[name] = space[name];
      if (Object.keys(sub).length > 0)
        Object.assign(out, this.sampleJoint(study, trial, sub) ?? {});
    }
    return out;
  }

  /**
   * Hyperopt 0.1.2's defaults (Optuna's `TPESampler.hyperopt_parameters()`), to spread into the
   * options: `new TpeSampler({ ...TpeSampler.hyperoptParameters(), seed })`.
   */
  static hyperoptParameters(): TpeSamplerOptions {
    return {
      considerPrior: true,
      priorWeight: 1,
      considerMagicClip: true,
      considerEndpoints: false,
      nStartupTrials: 20,
      nEiCandidates: 24,
      gamma: hyperoptGamma,
      weights: defaultWeights,
    };
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown {
    if (isSingle(dist)) return dist.type === 'categorical' ? dist.choices[0] : dist.low;
    const sampled = this.sampleJoint(study, trial, { [name]: dist });
    if (sampled !== null) {
      if (this.options.warnIndependentSampling && this.options.multivariate) {
        console.warn(
          `tpe: parameter "${name}" in trial ${trial.number} is sampled independently instead of by multivariate TPE; set group: true for conditional spaces, or warnIndependentSampling: false`,
        );
      }
      return sampled[name];
    }
    return this.independent.sample(study, trial, name, dist, () =>
      sampleUniform(dist, this.randomRng),
    );
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]): void {
    this.cache = null;
    this.independent.afterTrial(study, trial, state, values);
  }

  /** The independent sampler's attributes (a grid id, say): TPE itself stores none. */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    return this.independent.takeSystemAttrs(trial);
  }

  /** The good/bad split for this trial, reused across the params of one sampling step. */
  private split(study: StudyView, trial: FrozenTrial): Split {
    const trials = study.trials;
    const key = `${study.studyName}\u0000${study.directions.join(',')}`;
    const c = this.cache;
    if (
      c !== null &&
      c.study === key &&
      c.exclude === trial.number &&
      sameTrials(c.trials, trials, trial.number)
    )
      return c.split;
    if (this.violationsStudy !== study.studyName) {
      this.violations.clear();
      this.violationsStudy = study.studyName;
    }
    const split = splitTrials(
      study,
      trial.number,
      this.options.gamma,
      this.options.constantLiar,
      this.constraintsFunc === undefined ? undefined : (t) => this.violation(t),
    );
    this.cache = { study: key, trials: trials.slice(), exclude: trial.number, split };
    return split;
  }

  /** A finished trial's summed positive constraint values, computed once. */
  private violation(trial: FrozenTrial): number {
    const known = this.violations.get(trial.trialId);
    if (known !== undefined) return known;
    const values = (this.constraintsFunc as (t: FrozenTrial) => readonly number[])(trial);
    let sum = 0;
    for (const v of values) {
      if (typeof v !== 'number' || Number.isNaN(v)) {
        throw new InvalidArgumentError(
          'constraintsFunc',
          values,
          `returned ${String(v)}; constraint values must be numbers, not NaN`,
        );
      }
      if (v > 0) sum += v;
    }
    this.violations.set(trial.trialId, sum);
    return sum;
  }

  /** TPE proper for a set of params; null while still in the startup phase. */
  private sampleJoint(
    study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown> | null {
    const split = this.split(study, trial);
    if (split.nFinished < this.options.nStartupTrials) return null;
    const names = Object.keys(space);
    const dims = names.map((n) => kernelDim(space[n]));
    const columns = names.map((n, d) => this.observations.column(study.studyName, n, dims[d]));
    const below = observe(split.below, names, dims, split.belowWeights, columns);
    const above = observe(split.above, names, dims, null, columns);
    const l = new ParzenEstimator(dims, below.values, this.parzen, below.weights);
    const g = new ParzenEstimator(dims, above.values, this.parzen);
    const m = this.options.nEiCandidates;
    const candidates = l.sample(this.rng, m);
    const logL = l.logPdf(candidates, m);
    const logG = g.logPdf(candidates, m);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const score = logL[j] - logG[j];
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    const out: Record<string, unknown> = {};
    names.forEach((n, d) => {
      out[n] = fromKernelSpace(dims[d], candidates[d][best]);
    });
    return out;
  }
}

function withoutSingles(space: Record<string, Distribution>): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const [name, d] of Object.entries(space)) if (!isSingle(d)) out[name] = d;
  return out;
}

/**
 * Whether two snapshots hold the same evidence, ignoring the trial being sampled. Finished
 * trials are immutable, so number, state and values identify them even when a storage hands
 * out fresh objects on every refresh; running trials also compare by their param count.
 */
function sameTrials(
  a: readonly FrozenTrial[],
  b: readonly FrozenTrial[],
  exclude: number,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || x.number === exclude) continue;
    if (
      x.number !== y.number ||
      x.state !== y.state ||
      x.intermediateValues.size !== y.intermediateValues.size
    )
      return false;
    const xv = x.values;
    const yv = y.values;
    if (xv !== yv) {
      if (xv === undefined || yv === undefined || xv.length !== yv.length) return false;
      for (let j = 0; j < xv.length; j++) if (!Object.is(xv[j], yv[j])) return false;
    }
    if (x.state === 'RUNNING' && Object.keys(x.params).length !== Object.keys(y.params).length)
      return false;
  }
  return true;
}
