/**
 * A running trial's intermediate values, kept so that a report costs O(1) rather than a copy
 * of every earlier value (a trial of S steps would otherwise cost O(S^2)). Values are only
 * ever appended: a repeated step is ignored before it reaches here. Each snapshot is a
 * read-only view of the first `size` entries, so a snapshot taken earlier never sees a later
 * report, as with a copied Map.
 */
export class IntermediateLog {
  readonly #steps: number[] = [];
  readonly #values: number[] = [];
  readonly #index = new Map<number, number>();
  #latest: IntermediateView | undefined;

  /** A log holding `initial`'s entries in its iteration order. */
  constructor(initial?: ReadonlyMap<number, number>) {
    if (initial !== undefined) for (const [step, value] of initial) this.#push(step, value);
  }

  /** Whether `view` is this log's newest snapshot, so that appending to the log extends it. */
  owns(view: ReadonlyMap<number, number>): boolean {
    return view === this.#latest;
  }

  /** Appends a step that the log does not hold, and returns the snapshot that includes it. */
  append(step: number, value: number): ReadonlyMap<number, number> {
    this.#push(step, value);
    return this.snapshot();
  }

  /** The entries so far, as a frozen read-only map. */
  snapshot(): ReadonlyMap<number, number> {
    const size = this.#steps.length;
    if (this.#latest?.size !== size)
      this.#latest = new IntermediateView(this.#steps, this.#values, this.#index, size);
    return this.#latest;
  }

  #push(step: number, value: number): void {
    this.#index.set(step, this.#steps.length);
    this.#steps.push(step);
    this.#values.push(value);
  }
}

/** The first `size` entries of a log, with the ReadonlyMap interface a FrozenTrial exposes. */
class IntermediateView implements ReadonlyMap<number, number> {
  readonly #steps: readonly number[];
  readonly #values: readonly number[];
  readonly #index: ReadonlyMap<number, number>;
  readonly size: number;

  constructor(
    steps: readonly number[],
    values: readonly number[],
    index: ReadonlyMap<number, number>,
    size: number,
  ) {
    this.#steps = steps;
    this.#values = values;
    this.#index = index;
    this.size = size;
    Object.freeze(this);
  }

  get(step: number): number | undefined {
    const i = this.#index.get(step);
    return i !== undefined && i < this.size ? this.#values[i] : undefined;
  }

  has(step: number): boolean {
    const i = this.#index.get(step);
    return i !== undefined && i < this.size;
  }

  forEach(
    callback: (value: number, key: number, map: ReadonlyMap<number, number>) => void,
    thisArg?: unknown,
  ): void {
    for (let i = 0; i < this.size; i++)
      callback.call(thisArg, this.#values[i], this.#steps[i], this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [this.#steps[i], this.#values[i]];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.#steps[i];
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield this.#values[i];
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}
