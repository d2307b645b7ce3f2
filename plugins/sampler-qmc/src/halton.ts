import { createRng, InvalidArgumentError, type Rng } from '@tunekit/core';
import { sequenceOptions } from './options.js';
import type { QmcSequenceOptions } from './sobol.js';

/**
 * The most dimensions of a Halton sequence, so the most primes `firstPrimes` makes: far more
 * parameters than a study has (the scrambled sequence already takes seconds at a thousand),
 * and few enough that the primes take milliseconds, where an unbounded count never returns.
 */
const HALTON_MAX_DIM = 100_000;

/** The first `n` primes, by trial division by the primes up to the candidate's square root. */
export function firstPrimes(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > HALTON_MAX_DIM) {
    throw new InvalidArgumentError(
      'n',
      n,
      `must be an integer from 0 to ${HALTON_MAX_DIM} (the most dimensions of a Halton sequence)`,
    );
  }
  const primes: number[] = [];
  for (let c = 2; primes.length < n; c++) {
    // Stopping at the square root keeps 100,000 primes at some 40 ms instead of 5 s.
    let prime = true;
    for (const p of primes) {
      if (p * p > c) break;
      if (c % p === 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes.push(c);
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

  constructor(dim: number, given: QmcSequenceOptions = {}) {
    if (!Number.isInteger(dim) || dim < 1 || dim > HALTON_MAX_DIM) {
      throw new InvalidArgumentError(
        'dim',
        dim,
        `a Halton sequence has 1 to ${HALTON_MAX_DIM} dimensions`,
      );
    }
    const options = sequenceOptions(given, 'HaltonSequence');
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
