/**
 * The seeded generator behind every shuffle in this package: sfc32 seeded through splitmix32.
 * numpy's Mersenne Twister is not reproduced, so shuffled folds cannot equal scikit-learn's;
 * what this gives is the same folds for the same seed on every platform.
 */
export interface SplitRng {
  /** Uniform in [0, 1) with 53 random bits. */
  random(): number;
  /** Uniform integer in [0, n). */
  below(n: number): number;
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): number[];
  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(a: T[]): T[];
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

function seedBits(seed: number): number {
  if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed >>> 0;
  // Negative or fractional seeds: hash their text (FNV-1a) so they still differ.
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator from `seed`; without one, seeded from Math.random (not reproducible). */
export function createSplitRng(seed?: number): SplitRng {
  const init = splitmix32(
    seed === undefined ? Math.floor(Math.random() * 0x100000000) : seedBits(seed),
  );
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
  for (let i = 0; i < 12; i++) next();
  const random = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  const below = (n: number): number => Math.floor(random() * n);
  const shuffle = <T>(arr: T[]): T[] => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = below(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  };
  return {
    random,
    below,
    shuffle,
    permutation: (n) => shuffle(Array.from({ length: n }, (_, i) => i)),
  };
}

/** A seed for a child generator, so nested shuffles stay reproducible from one seed. */
export function childSeed(rng: SplitRng): number {
  return Math.floor(rng.random() * 0x100000000);
}
