import { createRng, InvalidArgumentError } from '@tunekit/core';
import { JOE_KUO_DIMENSIONS, JOE_KUO_TABLE } from './data/sobol-direction-numbers.js';
import { sequenceOptions } from './options.js';

/** How many dimensions the vendored Joe-Kuo table covers. */
export const SOBOL_MAX_DIM: number = JOE_KUO_DIMENSIONS;

/** Points are 32-bit binary fractions, so the sequence has 2^32 distinct points. */
const BITS = 32;
const SCALE = 2 ** -BITS;

/** Options of the low-discrepancy sequences. */
export interface QmcSequenceOptions {
  /** Randomise the sequence (keeping its low discrepancy); default false. */
  readonly scramble?: boolean | undefined;
  /** Seed of the scrambling; ignored without `scramble`. */
  readonly seed?: number | undefined;
}

let parsed: number[][] | null = null;

/** The table is parsed on first use only, so importing the package stays cheap. */
function joeKuoRow(dim: number): readonly number[] {
  if (parsed === null) {
    parsed = JOE_KUO_TABLE.trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number));
  }
  return parsed[dim - 1];
}

/**
 * The 32 direction numbers V_1..V_32 of one dimension as 32-bit integers, V_j = m_j 2^(32-j),
 * extended past the table's initial m values by the primitive polynomial's recurrence
 * (Bratley & Fox 1988; Joe & Kuo 2008): V_j = V_{j-s} ^ (V_{j-s} >> s) ^ XOR_k a_k V_{j-k}.
 */
export function sobolDirectionNumbers(index: number): Uint32Array {
  if (!Number.isInteger(index) || index < 0 || index >= SOBOL_MAX_DIM) {
    throw new InvalidArgumentError(
      'index',
      index,
      `a Sobol dimension index is 0 to ${SOBOL_MAX_DIM - 1}`,
    );
  }
  const v = new Uint32Array(BITS);
  if (index === 0) {
    // The first dimension is van der Corput's sequence in base 2: every m_j = 1.
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
    return v;
  }
  const [poly, ...m] = joeKuoRow(index);
  const s = m.length;
  for (let j = 0; j < s; j++) v[j] = m[j] * 2 ** (BITS - 1 - j);
  for (let j = s; j < BITS; j++) {
    let x = v[j - s] ^ (v[j - s] >>> s);
    // a_k is bit (s - k) of the polynomial (its leading and constant bits are both 1).
    for (let k = 1; k < s; k++) if ((poly >>> (s - k)) & 1) x ^= v[j - k];
    v[j] = x >>> 0;
  }
  return v;
}

function checkDim(dim: number): void {
  if (!Number.isInteger(dim) || dim < 1 || dim > SOBOL_MAX_DIM) {
    throw new InvalidArgumentError(
      'dim',
      dim,
      `a Sobol sequence has 1 to ${SOBOL_MAX_DIM} dimensions`,
    );
  }
}

function parity32(x: number): number {
  let v = x >>> 0;
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return v & 1;
}

/**
 * Linear matrix scramble (Matousek 1998): each output bit is its own input bit XOR a random
 * combination of the more significant input bits, i.e. a random lower-triangular binary
 * matrix with unit diagonal acting on the digits. It keeps the (t, m, s)-net structure.
 */
function linearScramble(v: Uint32Array, rowMasks: Uint32Array): void {
  for (let j = 0; j < v.length; j++) {
    let out = 0;
    for (let i = 0; i < BITS; i++) out |= parity32(rowMasks[i] & v[j]) << (BITS - 1 - i);
    v[j] = out >>> 0;
  }
}

/**
 * Sobol's sequence with Joe-Kuo direction numbers, built by Gray code (Antonov & Saleev 1979),
 * so point n is the XOR of the direction numbers of the set bits of gray(n) and any point can
 * be computed directly from its index. Unscrambled, it equals SciPy's `qmc.Sobol(d,
 * scramble=False)`; scrambled, it gets SciPy's randomisation: a linear matrix scramble plus a
 * random digital shift per dimension, seeded per dimension so adding a dimension leaves the
 * others unchanged.
 */
export class SobolSequence {
  readonly dim: number;
  private readonly v: Uint32Array[];
  private readonly shift: Uint32Array;

  constructor(dim: number, given: QmcSequenceOptions = {}) {
    checkDim(dim);
    const options = sequenceOptions(given, 'SobolSequence');
    this.dim = dim;
    this.v = Array.from({ length: dim }, (_, d) => sobolDirectionNumbers(d));
    this.shift = new Uint32Array(dim);
    if (options.scramble === true) {
      const base = createRng(options.seed);
      for (let d = 0; d < dim; d++) {
        const rng = base.fork(`sobol:${d}`);
        const rows = new Uint32Array(BITS);
        for (let i = 0; i < BITS; i++) {
          const above = i === 0 ? 0 : ~(2 ** (BITS - i) - 1) >>> 0;
          rows[i] = ((rng.uint32() & above) | (2 ** (BITS - 1 - i))) >>> 0;
        }
        linearScramble(this.v[d], rows);
        this.shift[d] = rng.uint32();
      }
    }
  }

  /** Point number `index` (0-based, below 2^32). */
  point(index: number): Float64Array {
    checkIndex(index);
    const gray = (index ^ Math.floor(index / 2)) >>> 0;
    const out = new Float64Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      const v = this.v[d];
      let x = this.shift[d];
      for (let j = 0, g = gray; g !== 0; j++, g >>>= 1) if (g & 1) x ^= v[j];
      out[d] = (x >>> 0) * SCALE;
    }
    return out;
  }

  /** `count` consecutive points from `start`, by the Gray-code recurrence x_{n+1} = x_n ^ V_c(n). */
  points(start: number, count: number): Float64Array[] {
    checkIndex(start, 'start');
    if (!Number.isInteger(count) || count < 0 || start + count > 2 ** BITS) {
      throw new InvalidArgumentError(
        'count',
        count,
        `must be an integer >= 0 with start + count <= 2^${BITS} (start = ${start})`,
      );
    }
    if (count === 0) return [];
    const first = this.point(start);
    const x = Uint32Array.from(first, (u) => u / SCALE);
    const out = [first];
    for (let n = start; n < start + count - 1; n++) {
      // c(n): the position of the lowest zero bit of n, the one Gray code flips next.
      let c = 0;
      while (Math.floor(n / 2 ** c) % 2 === 1) c++;
      const p = new Float64Array(this.dim);
      for (let d = 0; d < this.dim; d++) {
        x[d] ^= this.v[d][c];
        p[d] = x[d] * SCALE;
      }
      out.push(p);
    }
    return out;
  }
}

function checkIndex(index: number, param = 'index'): void {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** BITS) {
    throw new InvalidArgumentError(param, index, `a point index is an integer in [0, 2^${BITS})`);
  }
}
