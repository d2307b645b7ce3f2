import { InvalidArgumentError } from '../errors.js';
import { checkOrder } from './check.js';

/**
 * Σ_{t<len} a[ai + t]·b[bi + t], in four running sums: the latency of one chain of additions,
 * not arithmetic, is what limits a single-sum loop (about twice slower in V8). Unchecked: the
 * kernels of this module call it n² times with ranges they have checked once.
 */
export function dotUnchecked(
  a: Float64Array,
  ai: number,
  b: Float64Array,
  bi: number,
  len: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += a[ai + t] * b[bi + t];
    s1 += a[ai + t + 1] * b[bi + t + 1];
    s2 += a[ai + t + 2] * b[bi + t + 2];
    s3 += a[ai + t + 3] * b[bi + t + 3];
  }
  for (; t < len; t++) s0 += a[ai + t] * b[bi + t];
  return s0 + s1 + (s2 + s3);
}

/**
 * The dot product of the `len` entries of `a` from `ai` and of `b` from `bi`, summed in four
 * running sums. A range that does not fit in its array throws instead of summing undefined
 * into NaN.
 */
export function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  checkOrder(len, 'len', 'the number of entries');
  checkOrder(ai, 'ai', 'an offset into a');
  checkOrder(bi, 'bi', 'an offset into b');
  if (ai + len > a.length) {
    throw new InvalidArgumentError('ai + len', ai + len, `must be at most a.length = ${a.length}`);
  }
  if (bi + len > b.length) {
    throw new InvalidArgumentError('bi + len', bi + len, `must be at most b.length = ${b.length}`);
  }
  return dotUnchecked(a, ai, b, bi, len);
}
