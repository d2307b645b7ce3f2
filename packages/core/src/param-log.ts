import type { Distribution } from '@tunekit/search-space';
import type { FrozenTrial, JsonValue, ParamValue } from './types.js';

/**
 * A running trial's parameters, kept so that a suggestion costs O(1): copying the params and
 * distributions records on every suggestion made a trial of d parameters cost O(d^2), and
 * past about 300 parameters (when V8 turns the records into dictionaries) more than
 * Optuna's whole trial. Snapshots read it lazily: a snapshot's records are built, once, only
 * when something reads them, from the first `size` entries, so that a snapshot never sees a
 * later suggestion.
 */
export class ParamLog {
  readonly #names: string[] = [];
  readonly #values: ParamValue[] = [];
  readonly #dists: Distribution[] = [];
  readonly #index = new Map<string, number>();
  #params: Readonly<Record<string, ParamValue>> | undefined;
  #paramsSize = -1;
  #distributions: Readonly<Record<string, Distribution>> | undefined;
  #distributionsSize = -1;

  /** A log holding a trial's parameters so far (a retry or an enqueued trial may have some). */
  constructor(trial: FrozenTrial) {
    for (const name of Object.keys(trial.params))
      this.append(name, trial.params[name], trial.distributions[name]);
    this.#params = trial.params;
    this.#paramsSize = this.size;
    this.#distributions = trial.distributions;
    this.#distributionsSize = this.size;
  }

  get size(): number {
    return this.#names.length;
  }

  /** The distribution `name` was suggested with, if it was. */
  distribution(name: string): Distribution | undefined {
    const i = this.#index.get(name);
    return i === undefined ? undefined : this.#dists[i];
  }

  /** The value suggested for `name`, if it was. */
  value(name: string): ParamValue | undefined {
    const i = this.#index.get(name);
    return i === undefined ? undefined : this.#values[i];
  }

  append(name: string, value: ParamValue, distribution: Distribution): void {
    this.#index.set(name, this.#names.length);
    this.#names.push(name);
    this.#values.push(value);
    this.#dists.push(distribution);
  }

  /** The first `size` parameters as a frozen record (the last one built is kept). */
  params(size: number): Readonly<Record<string, ParamValue>> {
    if (this.#paramsSize !== size || this.#params === undefined) {
      this.#params = this.#record(this.#values, size);
      this.#paramsSize = size;
    }
    return this.#params;
  }

  /** The first `size` distributions as a frozen record (the last one built is kept). */
  distributions(size: number): Readonly<Record<string, Distribution>> {
    if (this.#distributionsSize !== size || this.#distributions === undefined) {
      this.#distributions = this.#record(this.#dists, size);
      this.#distributionsSize = size;
    }
    return this.#distributions;
  }

  #record<T>(values: readonly T[], size: number): Readonly<Record<string, T>> {
    const out: Record<string, T> = {};
    for (let i = 0; i < size; i++) out[this.#names[i]] = values[i];
    return Object.freeze(out);
  }
}

/** A part of a snapshot: the value itself, or how to build it when it is first read. */
export type Lazy<T> = T | (() => T);

/**
 * A frozen snapshot of a running trial whose lazy parts are built when first read, once (the
 * same object on every read). Only used past LAZY_FROM parameters: building a literal with
 * getters costs more than a plain one, which the usual trial keeps.
 */
export function lazySnapshot(
  t: FrozenTrial,
  params: Lazy<Readonly<Record<string, ParamValue>>>,
  distributions: Lazy<Readonly<Record<string, Distribution>>>,
  intermediateValues: ReadonlyMap<number, number>,
  userAttrs: Readonly<Record<string, JsonValue>>,
  systemAttrs: Readonly<Record<string, JsonValue>>,
): FrozenTrial {
  let p = params;
  let d = distributions;
  return Object.freeze({
    trialId: t.trialId,
    number: t.number,
    state: t.state,
    value: t.value,
    values: t.values,
    get params(): Readonly<Record<string, ParamValue>> {
      if (typeof p === 'function') p = p();
      return p;
    },
    get distributions(): Readonly<Record<string, Distribution>> {
      if (typeof d === 'function') d = d();
      return d;
    },
    intermediateValues,
    userAttrs,
    systemAttrs,
    datetimeStart: t.datetimeStart,
    datetimeComplete: t.datetimeComplete,
  });
}
