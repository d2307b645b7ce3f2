import type { Distribution } from '@tunekit/search-space';
import { InvalidArgumentError } from './errors.js';
import type { FrozenTrial, JsonValue, Sampler, StudyView, TrialState } from './types.js';

/**
 * The side of a sampler that hands some parameters to another sampler (its
 * `independentSampler`, as in Optuna): the runtime calls only the study's sampler, so the
 * delegating sampler must pass on every trial hook and merge the system attributes the other
 * one records (a grid id, say) with its own, or they are lost. Give each method of the
 * delegating sampler to the method of the same name here.
 *
 * ```ts
 * class MySampler implements Sampler {
 *   readonly name = 'mine';
 *   private readonly independent: IndependentDelegate;
 *   constructor(options: { independentSampler?: Sampler } = {}) {
 *     this.independent = new IndependentDelegate(options.independentSampler);
 *   }
 *   sampleIndependent(study, trial, name, dist) {
 *     return this.independent.sample(study, trial, name, dist, () => myFallback(dist));
 *   }
 *   beforeTrial(study, trial) { this.independent.beforeTrial(study, trial); }
 *   afterTrial(study, trial, state, values) { this.independent.afterTrial(study, trial, state, values); }
 *   takeSystemAttrs(trial) { return this.independent.takeSystemAttrs(trial); }
 * }
 * ```
 */
export class IndependentDelegate {
  /** The sampler delegated to; `undefined` runs the caller's own fallback. */
  readonly sampler: Sampler | undefined;
  private readonly held = new Map<number, Record<string, JsonValue>>();

  /**
   * Checks the sampler here, when the delegating sampler is built: a wrong one would
   * otherwise fail only in the first trial that needs it, with a bare TypeError.
   */
  constructor(sampler: Sampler | undefined) {
    if (
      sampler !== undefined &&
      (typeof sampler !== 'object' ||
        sampler === null ||
        typeof sampler.sampleIndependent !== 'function')
    ) {
      throw new InvalidArgumentError(
        'independentSampler',
        sampler,
        'must be a Sampler (an object with a sampleIndependent method) or undefined',
      );
    }
    this.sampler = sampler;
  }

  /** The delegate's value for the parameter, or `fallback()` when there is no delegate. */
  sample(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
    fallback: () => unknown,
  ): unknown {
    return this.sampler === undefined
      ? fallback()
      : this.sampler.sampleIndependent(study, trial, name, dist);
  }

  /**
   * Keeps the delegating sampler's own attributes for the trial until the runtime next takes
   * them; a second call for the same trial replaces the first. The runtime takes attributes
   * after `beforeTrial` and after `sampleRelative`, so hold them in one of those.
   */
  hold(trial: FrozenTrial, attrs: Record<string, JsonValue>): void {
    this.held.set(trial.trialId, attrs);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.sampler?.beforeTrial?.(study, trial);
  }

  /** Forwards the hook; attributes still held for the trial are dropped, as it is over. */
  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]): void {
    this.held.delete(trial.trialId);
    this.sampler?.afterTrial?.(study, trial, state, values);
  }

  /**
   * The attributes held for the trial merged with the delegate's; on a shared key the held
   * (the delegating sampler's own) win. Each is handed over once.
   */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    const own = this.held.get(trial.trialId);
    this.held.delete(trial.trialId);
    const other = this.sampler?.takeSystemAttrs?.(trial);
    if (own === undefined) return other;
    return other === undefined ? own : { ...other, ...own };
  }
}
