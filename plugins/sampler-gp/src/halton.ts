import type { Rng } from '@tunekit/core';

/** The first `count` primes, by trial division (count is the search dimension: small). */
export function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let c = 2; primes.length < count; c++) {
    if (primes.every((p) => p * p > c || c % p !== 0)) primes.push(c);
  }
  return primes;
}

/**
 * A scrambled Halton sequence in [0, 1)^dim: radical inverses in the first `dim` primes
 * with a random permutation of the nonzero digits per axis (keeping 0 fixed so the
 * expansions stay finite), a random starting index and a random shift modulo 1 per axis.
 * The scrambling breaks the correlation between axes with large neighbouring primes that
 * makes the plain Halton sequence poor beyond a handful of dimensions.
 */
export class ScrambledHalton {
  readonly dim: number;
  private readonly bases: number[];
  private readonly perms: Uint32Array[];
  private readonly shifts: Float64Array;
  private next: number;

  constructor(dim: number, rng: Rng) {
    this.dim = dim;
    this.bases = firstPrimes(dim);
    this.perms = this.bases.map((b) => {
      const rest = rng.shuffle(Array.from({ length: b - 1 }, (_, i) => i + 1));
      return Uint32Array.from([0, ...rest]);
    });
    this.shifts = new Float64Array(dim);
    for (let j = 0; j < dim; j++) this.shifts[j] = rng.random();
    this.next = 1 + rng.int(0, 1023);
  }

  /** The next `count` points, row-major (count × dim). */
  sample(count: number): Float64Array {
    const out = new Float64Array(count * this.dim);
    for (let p = 0; p < count; p++) {
      const index = this.next++;
      for (let j = 0; j < this.dim; j++) {
        const b = this.bases[j];
        const perm = this.perms[j];
        let i = index;
        let f = 1 / b;
        let r = 0;
        while (i > 0) {
          r += perm[i % b] * f;
          i = Math.floor(i / b);
          f /= b;
        }
        r += this.shifts[j];
        out[p * this.dim + j] = r >= 1 ? r - 1 : r;
      }
    }
    return out;
  }
}
