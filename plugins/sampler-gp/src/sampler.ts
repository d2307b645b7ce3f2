import {
  checkOptionNames,
  countFinishedBefore,
  createRng,
  type Distribution,
  type FrozenTrial,
  hashString,
  IndependentDelegate,
  InvalidArgumentError,
  type JsonValue,
  type Rng,
  type Sampler,
  type StudyView,
  sampleUniform,
  type TrialState,
} from '@tunekit/core';
import { LogEiAcquisition, optimizeAcquisition } from './acquisition.js';
import { decodePoint, encodeSpace, hasSpace, intersectionSearchSpace } from './encoding.js';
import { CholeskyError } from './errors.js';
import { fitKernelParams, GpPosterior, paramsFromTheta } from './gp.js';
import {
  believedScores,
  buildTrainingData,
  type ConstantLiar,
  FIT_ATTR,
  failedPoints,
  fitAttr,
  newestFit,
  noValueScore,
  PROPOSAL_ATTR,
  proposalAttr,
  trialPoints,
} from './training-data.js';

export interface GpSamplerOptions {
  /** Seed of every random choice; the same seed and objective give the same trials. */
  readonly seed?: number | undefined;
  /**
   * Trials sampled by the independent sampler before the GP takes over (default 10): complete
   * ones, and pruned ones too with `considerPrunedTrials`; at least one must be complete.
   */
  readonly nStartupTrials?: number | undefined;
  /**
   * Declares the objective free of noise: the noise variance is not fitted but fixed at 1e-6
   * of the standardised variance (as Optuna's `deterministic_objective`), so the GP
   * interpolates the observations (default false: fitted, with a floor of 1e-5).
   */
  readonly deterministicObjective?: boolean | undefined;
  /**
   * Samples startup trials and parameters outside the GP's space (conditional ones);
   * default: uniform sampling as Optuna's RandomSampler (core's `sampleUniform`).
   */
  readonly independentSampler?: Sampler | undefined;
  /** Quasi-random candidates scored per trial before local search (default 2048). */
  readonly nCandidates?: number | undefined;
  /** Best candidates refined by local search (default 10). */
  readonly nLocalSearch?: number | undefined;
  /**
   * Value imputed for running trials (default 'best', which pushes parallel workers apart).
   * The imputed values condition the posterior; the kernel is fitted to complete trials only.
   */
  readonly constantLiar?: ConstantLiar | undefined;
  /**
   * Condition the posterior on pruned trials too, at their last reported value clipped to the
   * complete trials' range (default true). Without them the data does not change when a
   * proposal is pruned, so the next trial proposes the same point again. Like the liar's
   * values, they never enter the kernel fit.
   */
  readonly considerPrunedTrials?: boolean | undefined;
  /**
   * Condition the posterior on failed trials too (an objective that threw, or returned NaN)
   * that set every parameter of the GP's space. Without them a proposal that fails leaves the
   * data unchanged, and every later trial is proposed at the same point and fails too.
   * - true (default): each at the posterior mean there, capped at the best trial's score. The
   *   surface keeps its shape, so a failure unrelated to the point (a flaky run next to the
   *   incumbent) costs little, and the point loses its expected improvement. Where the optimum
   *   lies at the edge of a failing region (better until it runs out of memory), the GP still
   *   probes just beyond the edge, nearly as often as with false.
   * - 'worst': each at the worst complete trial's score. Clears a failing region after a few
   *   failures, edges included, but a failure unrelated to the point pushes the search away
   *   from it: for failures that depend on the configuration only.
   * - false: left out, as Optuna's samplers leave them.
   * Never in the kernel fit; never counted towards `nStartupTrials`.
   */
  readonly considerFailedTrials?: boolean | 'worst' | undefined;
  /**
   * Warn once per parameter left to the independent sampler in a trial that started once the
   * GP ran (a conditional parameter, or one whose distribution changed); default true.
   */
  readonly warnIndependentSampling?: boolean | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'seed',
  'nStartupTrials',
  'deterministicObjective',
  'independentSampler',
  'nCandidates',
  'nLocalSearch',
  'constantLiar',
  'considerPrunedTrials',
  'considerFailedTrials',
  'warnIndependentSampling',
] as const satisfies readonly (keyof GpSamplerOptions)[];

/** Noise floors (standardised units). */
const DETERMINISTIC_MIN_NOISE = 1e-6;
const NOISY_MIN_NOISE = 1e-5;

function booleanOption(param: string, value: boolean | undefined, fallback: boolean): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw new InvalidArgumentError(param, v, 'must be true or false');
  return v;
}

function checkCount(param: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(param, value, `must be an integer >= ${min}`);
  }
  return value;
}

/**
 * Bayesian optimisation with a Gaussian process (Matérn-5/2 ARD kernel, MAP-fitted
 * hyperparameters) and log Expected Improvement, in the manner of Optuna 4's GPSampler.
 */
export class GpSampler implements Sampler {
  readonly name: string = 'GpSampler';
  private readonly rng: Rng;
  private readonly nStartupTrials: number;
  private readonly deterministic: boolean;
  private readonly independent: IndependentDelegate;
  private readonly nCandidates: number;
  private readonly nLocalSearch: number;
  private readonly liar: ConstantLiar;
  private readonly considerPruned: boolean;
  private readonly considerFailed: boolean | 'worst';
  /** The states of the trials the GP learns from, which count towards `nStartupTrials`. */
  private readonly modelledStates: readonly TrialState[];
  private readonly warnIndependent: boolean;
  private readonly warned = new Set<string>();

  constructor(given: GpSamplerOptions = {}) {
    // From JavaScript, null reads as no options, as the pruners' constructors read it.
    const options: GpSamplerOptions = given ?? {};
    checkOptionNames(options, OPTION_NAMES, 'GpSampler');
    if (options.seed !== undefined && !Number.isFinite(options.seed)) {
      throw new InvalidArgumentError('seed', options.seed, 'must be a finite number');
    }
    this.rng = createRng(options.seed);
    this.nStartupTrials = checkCount('nStartupTrials', options.nStartupTrials ?? 10, 0);
    this.deterministic = booleanOption(
      'deterministicObjective',
      options.deterministicObjective,
      false,
    );
    this.independent = new IndependentDelegate(options.independentSampler);
    this.nCandidates = checkCount('nCandidates', options.nCandidates ?? 2048, 1);
    this.nLocalSearch = checkCount('nLocalSearch', options.nLocalSearch ?? 10, 0);
    const liar = options.constantLiar ?? 'best';
    if (liar !== 'best' && liar !== 'worst' && liar !== 'none') {
      throw new InvalidArgumentError('constantLiar', liar, "must be 'best', 'worst' or 'none'");
    }
    this.liar = liar;
    this.considerPruned = booleanOption('considerPrunedTrials', options.considerPrunedTrials, true);
    this.modelledStates = this.considerPruned ? ['COMPLETE', 'PRUNED'] : ['COMPLETE'];
    const failedOption = options.considerFailedTrials ?? true;
    if (typeof failedOption !== 'boolean' && failedOption !== 'worst') {
      throw new InvalidArgumentError(
        'considerFailedTrials',
        failedOption,
        "must be true, false or 'worst'",
      );
    }
    this.considerFailed = failedOption;
    this.warnIndependent = booleanOption(
      'warnIndependentSampling',
      options.warnIndependentSampling,
      true,
    );
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    checkSingleObjective(study);
    this.independent.beforeTrial(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]): void {
    this.independent.afterTrial(study, trial, state, values);
  }

  /**
   * The GP's fit (`gp:fit`, where the next fit starts), its proposal (`gp:proposal`, for the
   * liar) and the independent sampler's attributes.
   */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    return this.independent.takeSystemAttrs(trial);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    checkSingleObjective(study);
    return intersectionSearchSpace(study.getTrials({ states: ['COMPLETE'] }));
  }

  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown> {
    checkSingleObjective(study);
    if (Object.keys(space).length === 0) return {};
    const complete = study.getTrials({ states: ['COMPLETE'] }).filter((t) => hasSpace(t, space));
    const pruned = this.considerPruned
      ? study.getTrials({ states: ['PRUNED'] }).filter((t) => hasSpace(t, space))
      : [];
    // Pruned trials count towards the startup when the GP learns from them (as Optuna's TPE
    // counts them): under a pruner few trials complete, and the GP would otherwise not start.
    if (complete.length === 0 || complete.length + pruned.length < this.nStartupTrials) return {};
    const enc = encodeSpace(space);
    const spaceJson = JSON.stringify(enc.names.map((n) => [n, space[n]]));
    const spaceId = hashString(spaceJson);
    const pending =
      this.liar === 'none'
        ? []
        : trialPoints(
            enc,
            space,
            spaceId,
            study.getTrials({ states: ['RUNNING'] }).filter((t) => t.number !== trial.number),
          );
    const maximize = study.direction === 'maximize';
    let data = buildTrainingData(enc, complete, pending, maximize, this.liar, pruned);
    // The fit starts from the study's newest fit in this space, which the study itself holds:
    // a resumed run, another worker or a shared sampler finds the same one.
    const minNoise = this.deterministic ? DETERMINISTIC_MIN_NOISE : NOISY_MIN_NOISE;
    const theta = fitKernelParams(data.observed, {
      minNoise,
      fixedNoise: this.deterministic,
      warmStart: newestFit(study.trials, trial.number, spaceId, enc.names.length + 2),
    });
    const attrs: Record<string, JsonValue> = { [FIT_ATTR]: fitAttr(spaceId, theta) };
    const params = paramsFromTheta(theta, enc.names.length, minNoise);
    let posterior: GpPosterior;
    try {
      const failed =
        this.considerFailed === false
          ? []
          : failedPoints(enc, space, study.getTrials({ states: ['FAIL'] }));
      if (failed.length > 0) {
        // true: each failed point at the posterior mean there, capped at the incumbent (see
        // believedScores): the surface keeps its shape, so a failure that had nothing to do
        // with the point (a flaky run next to the incumbent) costs little, while its expected
        // improvement vanishes. 'worst': as a pruned trial with no value.
        const scores =
          this.considerFailed === 'worst'
            ? new Float64Array(failed.length).fill(noValueScore(data.worst, data.best))
            : believedScores(new GpPosterior(data.known, params), failed, data.best);
        data = buildTrainingData(enc, complete, pending, maximize, this.liar, pruned, {
          rows: failed,
          scores,
        });
      }
      posterior = new GpPosterior(data.all, params);
    } catch (e) {
      // A kernel matrix that no jitter rescues: leave this trial to the independent sampler.
      if (e instanceof CholeskyError) {
        this.independent.hold(trial, attrs);
        return {};
      }
      throw e;
    }
    const d = enc.names.length;
    const acq = new LogEiAcquisition(posterior, data.best);
    const result = optimizeAcquisition(acq, enc.axes, this.rng.fork(`relative:${trial.number}`), {
      nCandidates: this.nCandidates,
      nLocalSearch: this.nLocalSearch,
      extraStarts: data.observed.x.slice(data.bestIndex * d, (data.bestIndex + 1) * d),
    });
    // Only the liar reads the proposal back: without one, spare every trial that write (the fit
    // is always stored, as the next fit starts from it).
    if (this.liar !== 'none') attrs[PROPOSAL_ATTR] = proposalAttr(spaceId, result.point);
    this.independent.hold(trial, attrs);
    return decodePoint(enc, result.point);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown {
    // Only once the GP runs (startup trials are sampled independently anyway): enough trials
    // it learns from, one of them complete, had finished when this trial started.
    if (
      this.warnIndependent &&
      !this.warned.has(name) &&
      countFinishedBefore(study.getTrials({ states: this.modelledStates }), trial) >=
        Math.max(1, this.nStartupTrials) &&
      countFinishedBefore(study.getTrials({ states: ['COMPLETE'] }), trial) >= 1
    ) {
      this.warned.add(name);
      console.warn(
        `GpSampler: parameter "${name}" is sampled by the independent sampler, not by the GP ` +
          '(it is not in every complete trial with the same distribution); ' +
          'set warnIndependentSampling: false if this is intended.',
      );
    }
    return this.independent.sample(study, trial, name, dist, () =>
      sampleUniform(dist, this.rng.fork(`independent:${trial.number}:${name}`)),
    );
  }
}

function checkSingleObjective(study: StudyView): void {
  if (study.directions.length !== 1) {
    throw new InvalidArgumentError(
      'study.directions',
      study.directions,
      'GpSampler supports single-objective studies only; use a sampler that supports several objectives, such as TpeSampler of @tunekit/sampler-tpe',
    );
  }
}
