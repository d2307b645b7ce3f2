import {
  checkOptionNames,
  createRng,
  type FrozenTrial,
  InvalidArgumentError,
  type ParamValue,
  type Rng,
  type Sampler,
  type StudyView,
  sampleUniform,
} from '@tunekit/core';
import type { Distribution } from '@tunekit/search-space';

export interface RandomSamplerOptions {
  /** Same seed, same draws for each trial number. Default: a random seed. */
  readonly seed?: number;
}

// Streams of trials that have not finished yet, bounded so that trials asked and never told
// cannot grow it without end. Only with more open trials than this is the oldest stream
// dropped; should that trial suggest again, its stream restarts (still seeded, but its later
// draws then differ from a run without the eviction).
const MAX_OPEN_STREAMS = 4096;

/**
 * Independent uniform sampling (Optuna's RandomSampler). Each trial draws from its own
 * stream, forked from the seed by trial number, so a trial's values depend only on
 * (seed, trial number, order of suggestions): concurrency and several workers sharing one
 * storage stay reproducible trial by trial.
 */
export class RandomSampler implements Sampler {
  readonly name: string = 'RandomSampler';
  readonly seed: number;
  private readonly base: Rng;
  private readonly streams = new Map<number, Rng>();

  constructor(options: RandomSamplerOptions = {}) {
    checkOptionNames(options, ['seed'], 'RandomSampler');
    const seed = options.seed;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
      throw new InvalidArgumentError('seed', seed, 'must be a finite number');
    }
    this.base = createRng(seed);
    this.seed = this.base.seed;
  }

  sampleIndependent(
    _study: StudyView,
    trial: FrozenTrial,
    _name: string,
    dist: Distribution,
  ): ParamValue {
    return sampleUniform(dist, this.stream(trial.number));
  }

  afterTrial(_study: StudyView, trial: FrozenTrial): void {
    this.streams.delete(trial.number);
  }

  private stream(number: number): Rng {
    let rng = this.streams.get(number);
    if (rng === undefined) {
      if (this.streams.size >= MAX_OPEN_STREAMS) {
        const oldest = this.streams.keys().next().value as number;
        this.streams.delete(oldest);
      }
      rng = this.base.fork(number);
      this.streams.set(number, rng);
    }
    return rng;
  }
}
