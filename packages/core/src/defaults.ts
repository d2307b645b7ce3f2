import type { Distribution } from '@tunekit/search-space';
import { createRng, type Rng } from './rng.js';
import { sampleUniform } from './sample-uniform.js';
import type { FrozenTrial, ParamValue, Pruner, Sampler, StudyView } from './types.js';

/** The sampler a study gets when none is given: independent uniform draws, unseeded. */
export class UniformSampler implements Sampler {
  readonly name: string = 'UniformSampler';
  private readonly rng: Rng;

  constructor(options: { seed?: number } = {}) {
    this.rng = createRng(options.seed);
  }

  sampleIndependent(
    _study: StudyView,
    _trial: FrozenTrial,
    _name: string,
    dist: Distribution,
  ): ParamValue {
    return sampleUniform(dist, this.rng);
  }
}

/** The pruner a study gets when none is given: never prunes. */
export const NEVER_PRUNE: Pruner = Object.freeze({
  prune(): boolean {
    return false;
  },
});
