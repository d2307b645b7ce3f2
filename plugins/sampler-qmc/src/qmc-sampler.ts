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
} from '@tunekit/core';
import { type Distribution, distributionsEqual, fromUnit, isSingle } from '@tunekit/search-space';
import { HaltonSequence } from './halton.js';
import { checkBoolean, checkSeed } from './options.js';
import { SOBOL_MAX_DIM, SobolSequence } from './sobol.js';

/** Which low-discrepancy sequence the sampler walks. */
export type QmcType = 'sobol' | 'halton';

export interface QmcSamplerOptions {
  /** Default 'sobol'. */
  readonly qmcType?: QmcType | undefined;
  /**
   * Randomise the sequence (Sobol: linear matrix scramble + digital shift; Halton: random
   * digit permutations), seeded by `seed`. Default false: the plain sequence, the same for
   * every seed and every worker.
   */
  readonly scramble?: boolean | undefined;
  readonly seed?: number | undefined;
  /** Samples parameters outside the QMC space (default: uniform random). */
  readonly independentSampler?: Sampler | undefined;
  /** Warn once per parameter sampled outside the QMC space (default true). */
  readonly warnIndependentSampling?: boolean | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'qmcType',
  'scramble',
  'seed',
  'independentSampler',
  'warnIndependentSampling',
] as const satisfies readonly (keyof QmcSamplerOptions)[];

/** The system attribute holding the index of the sequence point a trial used. */
export const QMC_INDEX_ATTR = 'qmc:index';

const SPACE_STATES = ['COMPLETE', 'PRUNED'] as const;

/**
 * Quasi-Monte Carlo sampler (Optuna's QMCSampler): each trial takes the next point of a Sobol
 * or Halton sequence over the search space of the study's first finished trial. The point
 * index is derived from the trial number, so concurrent workers never share a point and a
 * resumed study continues the sequence.
 */
export class QmcSampler implements Sampler {
  readonly name: string = 'QmcSampler';
  private readonly qmcType: QmcType;
  private readonly scramble: boolean;
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly independent: IndependentDelegate;
  private readonly warnIndependent: boolean;
  /**
   * Like Optuna, the space is fixed once known (per study), even if a lower-numbered trial
   * finishes later; kept with the trial it was read from (its latest copy).
   */
  private readonly spaces = new Map<
    string,
    { readonly space: Record<string, Distribution>; source: FrozenTrial }
  >();
  private readonly sequences = new Map<number, SobolSequence | HaltonSequence>();
  private readonly warned = new Set<string>();

  constructor(given: QmcSamplerOptions = {}) {
    // null from JavaScript callers reads as no options, as for the pruners; a null option
    // is rejected like any other wrong value, as scramble and seed always were (and
    // independentSampler is, by IndependentDelegate).
    const options: QmcSamplerOptions = given ?? {};
    checkOptionNames(options, OPTION_NAMES, 'QmcSampler');
    const qmcType = options.qmcType === undefined ? 'sobol' : options.qmcType;
    if (qmcType !== 'sobol' && qmcType !== 'halton') {
      throw new InvalidArgumentError('qmcType', qmcType, "must be 'sobol' or 'halton'");
    }
    this.qmcType = qmcType;
    checkBoolean('scramble', options.scramble);
    checkSeed(options.seed);
    checkBoolean('warnIndependentSampling', options.warnIndependentSampling);
    this.scramble = options.scramble ?? false;
    if (this.scramble && options.seed === undefined) {
      // Each worker would scramble differently and their points would no longer interleave.
      console.warn(
        'QmcSampler: scramble without a seed; pass the same seed to every worker of a study.',
      );
    }
    this.rng = createRng(options.seed);
    this.seed = this.rng.seed;
    this.independent = new IndependentDelegate(options.independentSampler);
    this.warnIndependent = options.warnIndependentSampling ?? true;
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    const known = this.knownSpace(study);
    if (known !== undefined) return known;
    const finished = study.getTrials({ states: SPACE_STATES });
    if (finished.length === 0) return {};
    const first = finished.reduce((a, b) => (b.number < a.number ? b : a));
    const space = spaceOf(first);
    this.spaces.set(study.studyName, { space, source: first });
    return space;
  }

  /**
   * The space fixed for this study, unless the study is not the one it was read from: a new
   * study under the same name (a re-run with this sampler) must not inherit it, or its trial
   * 0 would sample the sequence and share trial 1's point (the index formula assumes trial 0
   * never does). The trial it was read from must still be finished with the same space, or
   * be left out of a view (a Hyperband bracket's) that has later trials.
   */
  private knownSpace(study: StudyView): Record<string, Distribution> | undefined {
    const entry = this.spaces.get(study.studyName);
    if (entry === undefined) return undefined;
    const trials = study.trials;
    const number = entry.source.number;
    const source = trialNumbered(trials, number);
    // The runtime hands out the same object for a finished trial: then nothing is compared.
    if (source === entry.source) return entry.space;
    const valid =
      source === undefined
        ? trials.length > 0 && trials[trials.length - 1].number > number
        : SPACE_STATES.some((s) => s === source.state) && sameSpace(spaceOf(source), entry.space);
    if (valid) {
      if (source !== undefined) entry.source = source;
      return entry.space;
    }
    this.spaces.delete(study.studyName);
    return undefined;
  }

  sampleRelative(
    _study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown> {
    const names = Object.keys(space);
    if (names.length === 0) return {};
    // Trial 0 always precedes any known space, so index = number never uses point 0, the
    // corner (0, ..., 0) of the plain sequences (Optuna 3.1 does evaluate it; a corner is a
    // wasted trial); a scrambled sequence has no corner, so it starts at point 0, keeping
    // the first 2^m points a net.
    const index = this.scramble ? Math.max(0, trial.number - 1) : Math.max(1, trial.number);
    const u = this.sequence(names.length).point(index);
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => {
      out[name] = fromUnit(space[name], u[i]);
    });
    this.independent.hold(trial, { [QMC_INDEX_ATTR]: index });
    return out;
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown {
    if (this.warnIndependent && !this.warned.has(name)) {
      const space = this.knownSpace(study);
      if (space !== undefined && !(name in space)) {
        this.warned.add(name);
        console.warn(
          `QmcSampler: parameter "${name}" is not in the search space of the study's first finished trial; ` +
            'it is sampled by the independent sampler (the QMC space is fixed by that first trial).',
        );
      }
    }
    return this.independent.sample(study, trial, name, dist, () =>
      fromUnit(dist, this.rng.fork(`independent:${trial.number}:${name}`).random()),
    );
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial(study, trial);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: FrozenTrial['state'],
    values?: number[],
  ): void {
    this.independent.afterTrial(study, trial, state, values);
  }

  /** The trial's point index (`QMC_INDEX_ATTR`), with the independent sampler's attributes. */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    return this.independent.takeSystemAttrs(trial);
  }

  private sequence(dim: number): SobolSequence | HaltonSequence {
    let seq = this.sequences.get(dim);
    if (seq === undefined) {
      if (this.qmcType === 'sobol' && dim > SOBOL_MAX_DIM) {
        throw new InvalidArgumentError(
          'qmcType',
          'sobol',
          `covers at most ${SOBOL_MAX_DIM} parameters and this study's QMC space has ${dim}; use 'halton'`,
        );
      }
      const options = { scramble: this.scramble, seed: this.seed };
      seq =
        this.qmcType === 'sobol'
          ? new SobolSequence(dim, options)
          : new HaltonSequence(dim, options);
      this.sequences.set(dim, seq);
    }
    return seq;
  }
}

/**
 * A trial's QMC space: its multi-valued parameters, names sorted so that workers that read
 * the same trial give a parameter the same sequence dimension whatever order a storage
 * returns them in (workers that read different trials may not: see the README's Space).
 */
function spaceOf(trial: FrozenTrial): Record<string, Distribution> {
  const space: Record<string, Distribution> = {};
  for (const name of Object.keys(trial.distributions).sort()) {
    const d = trial.distributions[name];
    if (!isSingle(d)) space[name] = d;
  }
  return space;
}

function sameSpace(a: Record<string, Distribution>, b: Record<string, Distribution>): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((n) => b[n] !== undefined && distributionsEqual(a[n], b[n]))
  );
}

/** The trial numbered `number` in a list in number order (a view may leave trials out). */
function trialNumbered(trials: readonly FrozenTrial[], number: number): FrozenTrial | undefined {
  if (trials[number]?.number === number) return trials[number];
  let lo = 0;
  let hi = trials.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = trials[mid].number;
    if (n === number) return trials[mid];
    if (n < number) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
