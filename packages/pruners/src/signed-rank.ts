import { checkOneOf } from './validate.js';

/** Which side the alternative hypothesis puts the differences on. */
export type Alternative = 'greater' | 'less';

export interface SignedRankResult {
  /** Sum of the ranks of positive differences (zeros split half to each side). */
  readonly rPlus: number;
  readonly pValue: number;
  readonly method: 'exact' | 'permutation' | 'asymptotic';
}

/**
 * One-sample Wilcoxon signed-rank test of the differences `d` with zero_method 'zsplit', as
 * scipy.stats.wilcoxon(d, alternative, zero_method='zsplit') with method 'auto' does it
 * (scipy >= 1.13): the exact null distribution when n <= 50 and there are no ties or zeros;
 * with ties or zeros, all 2^n sign flips when n <= 13, else the normal approximation with
 * the tie correction; the normal approximation (no continuity correction) when n > 50.
 * An `alternative` other than 'greater' or 'less' is an InvalidArgumentError: there is no
 * two-sided test.
 */
export function signedRankTest(d: readonly number[], alternative: Alternative): SignedRankResult {
  // Every branch below tests for 'greater' only, so anything else would run as 'less'.
  checkOneOf('alternative', alternative, ['greater', 'less']);
  const n = d.length;
  // NaN propagates (scipy's nan_policy 'propagate'): it has no rank, and sorting with it
  // would rank the other differences arbitrarily.
  if (n === 0 || d.some(Number.isNaN))
    return { rPlus: Number.NaN, pValue: Number.NaN, method: 'asymptotic' };
  const { ranks, tieGroups } = averageRanks(d.map(Math.abs));
  const rPlus = signedSum(d, ranks);
  const hasZeros = d.some((x) => x === 0);
  const hasTies = tieGroups.some((t) => t > 1);
  if (n <= 50 && !hasTies && !hasZeros) {
    const k = Math.round(rPlus);
    const p = alternative === 'greater' ? exactSf(k, n) : exactCdf(k, n);
    return { rPlus, pValue: p, method: 'exact' };
  }
  if (n <= 13)
    return { rPlus, pValue: signFlipPValue(d, ranks, rPlus, alternative), method: 'permutation' };
  const mean = (n * (n + 1)) / 4;
  const tieCorrection = tieGroups.reduce((acc, t) => acc + t ** 3 - t, 0);
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  const z = (rPlus - mean) / se;
  const p = alternative === 'greater' ? normalSf(z) : normalSf(-z);
  return { rPlus, pValue: p, method: 'asymptotic' };
}

/** r+ with zsplit: ranks of positive differences plus half the ranks of zeros. */
function signedSum(d: readonly number[], ranks: readonly number[]): number {
  let r = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] > 0) r += ranks[i];
    else if (d[i] === 0) r += ranks[i] / 2;
  }
  return r;
}

/** Average ranks (1-based) of the values, and the sizes of the groups of equal values. */
function averageRanks(xs: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  const tieGroups: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]] === xs[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    tieGroups.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieGroups };
}

const exactCounts = new Map<number, Float64Array>();

/** counts[k] = number of subsets of {1..n} summing to k (exact in doubles up to n = 50). */
function subsetSumCounts(n: number): Float64Array {
  let c = exactCounts.get(n);
  if (c !== undefined) return c;
  const max = (n * (n + 1)) / 2;
  c = new Float64Array(max + 1);
  c[0] = 1;
  for (let i = 1; i <= n; i++) for (let k = max; k >= i; k--) c[k] += c[k - i];
  exactCounts.set(n, c);
  return c;
}

/** P(W+ <= k) under the null. */
function exactCdf(k: number, n: number): number {
  const c = subsetSumCounts(n);
  let s = 0;
  for (let i = 0; i <= Math.min(k, c.length - 1); i++) s += c[i];
  return s / 2 ** n;
}

/** P(W+ >= k) under the null. */
function exactSf(k: number, n: number): number {
  const c = subsetSumCounts(n);
  let s = 0;
  for (let i = Math.max(k, 0); i < c.length; i++) s += c[i];
  return s / 2 ** n;
}

/**
 * Exact permutation p-value over all 2^n sign flips of d (zeros stay split), as scipy's
 * permutation_test with its relative tolerance for ties with the observed statistic.
 */
function signFlipPValue(
  d: readonly number[],
  ranks: readonly number[],
  observed: number,
  alternative: Alternative,
): number {
  const n = d.length;
  let zeroHalf = 0;
  const flippable: number[] = [];
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) zeroHalf += ranks[i] / 2;
    else flippable.push(ranks[i]);
  }
  const gamma = Math.abs(observed) * 100 * Number.EPSILON;
  const total = 2 ** n;
  let hits = 0;
  for (let mask = 0; mask < total; mask++) {
    let stat = zeroHalf;
    // Bits of zero positions flip nothing; only the non-zero ranks matter.
    for (let j = 0; j < flippable.length; j++) if (mask & (1 << j)) stat += flippable[j];
    if (alternative === 'greater' ? stat >= observed - gamma : stat <= observed + gamma) hits++;
  }
  return hits / total;
}

/** Upper tail of the standard normal, accurate in both tails (erfc by a Chebyshev fit). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
