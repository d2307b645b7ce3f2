/**
 * A seeded pseudo-random generator that gives the same stream on every platform: sfc32
 * (Chris Doty-Humphrey's small fast counting generator) on 32-bit integer arithmetic only,
 * seeded through splitmix32 so that small or similar seeds give unrelated streams.
 */
export interface Rng {
  /** Uniform in [0, 1), 53 bits. */
  random(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [low, high] (inclusive). */
  int(low: number, high: number): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box-Muller with a cached second value). */
  normal(): number;
  /** In-place Fisher-Yates shuffle; returns the array. */
  shuffle<T>(array: T[]): T[];
  /** The same shuffle of a typed array (a large permutation, say), with the same draws. */
  shuffle<A extends Uint16Array | Uint32Array | Int32Array | Float64Array>(array: A): A;
  /** A uniformly chosen element. */
  choice<T>(array: readonly T[]): T;
  /** Index drawn with probability proportional to weights (non-negative, not all zero). */
  weightedIndex(weights: ArrayLike<number>): number;
  /** An independent generator derived from this one's seed and a label (no draws consumed). */
  fork(label: string | number): Rng;
  /** The seed this generator was made from. */
  readonly seed: number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** 32-bit FNV-1a of a string, to turn labels into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Folds any finite number (including negative and fractional seeds) into 32 bits. */
function seedBits(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed >>> 0;
  return hashString(String(seed));
}

/** A seeded generator; without a seed, one drawn from Math.random (not reproducible). */
export function createRng(seed?: number): Rng {
  const s = seed === undefined ? Math.floor(Math.random() * 0x100000000) : seedBits(seed);
  const init = splitmix32(s);
  let a = init();
  let b = init();
  let c = init();
  let d = init() | 1;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32's state needs a few rounds to mix.
  for (let i = 0; i < 12; i++) next();
  let spare: number | null = null;

  const rng: Rng = {
    seed: s,
    uint32: next,
    random() {
      // 53-bit float from two draws: 27 high bits + 26 low bits.
      const hi = next() >>> 5;
      const lo = next() >>> 6;
      return (hi * 67108864 + lo) / 9007199254740992;
    },
    int(low, high) {
      if (!Number.isInteger(low) || !Number.isInteger(high) || high < low) {
        throw new RangeError(`int(low, high) needs integers with low <= high, got ${low}, ${high}`);
      }
      return low + Math.floor(rng.random() * (high - low + 1));
    },
    uniform(low, high) {
      return low + rng.random() * (high - low);
    },
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = rng.random();
      const v = rng.random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(rng.random() * (i + 1));
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
    choice(array) {
      if (array.length === 0) throw new RangeError('choice() of an empty array');
      return array[Math.floor(rng.random() * array.length)];
    },
    weightedIndex(weights) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      if (!(total > 0)) throw new RangeError('weightedIndex() needs a positive total weight');
      let r = rng.random() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      // Rounding can leave r at exactly 0: return the last positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
      return weights.length - 1;
    },
    fork(label) {
      return createRng((Math.imul(s ^ hashString(String(label)), 0x9e3779b1) >>> 0) ^ 0x5bd1e995);
    },
  };
  return rng;
}
