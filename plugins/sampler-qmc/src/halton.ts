import { createRng, InvalidArgumentError, type Rng } from '@tunekit/core';
import type { QmcSequenceOptions } from './sobol.js';

/** The first `n` primes, by trial division (n is the dimension: small). */
export function firstPrimes(n: number): number[] {
  const primes: number[] = [];
  for (let c = 2; primes.length < n; c++) {
    if (primes.every((p) => p * p > c || c % p !== 0)) primes.push(c);
  }
  return primes;
}

/**
 * Halton's sequence: dimension d is the radical inverse of the index in the d-th prime base.
 * Scrambled, each digit position of each dimension gets its own random permutation of the
 * digits (Owen-type random digit permutations, as SciPy's `qmc.Halton(scramble=True)`),
 * applied down to double precision so that trailing zero digits are scrambled too.
 */
export class HaltonSequence {
  readonly dim: number;
  readonly bases: readonly number[];
  /** perms[d][k] permutes digit k (least significant first) of dimension d; null = identity. */
  private readonly perms: (DigitPermutation[] | null)[];

  constructor(dim: number, options: QmcSequenceOptions = {}) {
    if (!Number.isInteger(dim) || dim < 1) {
      throw new InvalidArgumentError('dim', dim, 'a Halton sequence has at least 1 dimension');
    }
    this.dim = dim;
    this.bases = firstPrimes(dim);
    const base = options.scramble === true ? createRng(options.seed) : null;
    this.perms = this.bases.map((b, d) => {
      if (base === null) return null;
      const rng = base.fork(`halton:${d}`);
      const levels = Math.ceil(53 / Math.log2(b));
      return Array.from({ length: levels }, () => randomPermutation(b, rng));
    });
  }

  /** Point number `index` (0-based). */
  point(index: number): Float64Array {
    if (!Number.isSafeInteger(index) || index < 0) {
      throw new InvalidArgumentError(
        'index',
        index,
        'a point index is a non-negative safe integer',
      );
    }
    const out = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      const b = this.bases[d];
      const perms = this.perms[d];
      const digits: number[] = [];
      const levels = perms === null ? Number.POSITIVE_INFINITY : perms.length;
      for (let n = index; n > 0 && digits.length < levels; n = Math.floor(n / b))
        digits.push(n % b);
      if (perms !== null) {
        while (digits.length < perms.length) digits.push(0);
        for (let k = 0; k < digits.length; k++) digits[k] = perms[k][digits[k]];
      }
      // Horner from the least significant place: u = (d_0 + (d_1 + (d_2 + ...)/b)/b)/b.
      let u = 0;
      for (let k = digits.length - 1; k >= 0; k--) u = (u + digits[k]) / b;
      out[d] = u;
    }
    return out;
  }
}

/** A permutation of the digits of one base. */
export type DigitPermutation = Uint16Array | Uint32Array;

/**
 * 0..n-1 shuffled in a typed array (a 1,000-dimension sequence needs some 20 million
 * entries): 16-bit where the digits fit, 32-bit from the 6,543rd dimension on, whose base
 * 65,537 has a digit that 16 bits would wrap to 0.
 */
export function randomPermutation(n: number, rng: Rng): DigitPermutation {
  const p = n <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}
