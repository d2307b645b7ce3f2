import type { SplitRng } from '@tunekit/evaluators';
import type { Tree } from './tree.js';

/** The forest's training data, prepared once and shared by all trees. */
export interface TrainingSet {
  readonly n: number;
  readonly p: number;
  /** Column-major features: `cols[f * n + r]`. */
  readonly cols: Float64Array;
  /** Per feature, the rows sorted by that feature (ties by row): `order[f * n + i]`. */
  readonly order: Int32Array;
  /** Class codes (classification) or undefined. */
  readonly codes: Int32Array | undefined;
  /** Number of classes (1 for regression). */
  readonly k: number;
  /** Targets (regression) or undefined. */
  readonly y: Float64Array | undefined;
}

export type Criterion = 'gini' | 'entropy' | 'squaredError';

export interface GrowOptions {
  readonly criterion: Criterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features examined per split (non-constant ones; more are drawn while they turn out constant). */
  readonly maxFeatures: number;
}

/** Two feature values closer than this are not split between (scikit-learn's FEATURE_THRESHOLD). */
const FEATURE_THRESHOLD = 1e-7;

function xlogx(v: number): number {
  return v > 0 ? v * Math.log(v) : 0;
}

/**
 * Grows one CART tree on the rows with positive weight (bootstrap counts), best-first in
 * depth-first order from an explicit stack. Split search: each node keeps, for every feature,
 * its rows in sorted order (segments of one presorted buffer, stably partitioned after each
 * split), so candidate thresholds are scanned in one linear pass with O(1) criterion updates.
 * Features are drawn per split without replacement; constant ones do not count towards
 * `maxFeatures` (as in scikit-learn). `importance` receives the tree's weighted impurity
 * decreases per feature, normalised to sum 1 within the tree (nothing for a single-leaf tree).
 */
export function growTree(
  ts: TrainingSet,
  weights: Float64Array,
  o: GrowOptions,
  rng: SplitRng,
  importance: Float64Array,
): Tree {
  const { n, p, cols, order, codes, k, y } = ts;
  const classify = codes !== undefined;
  const K = classify ? k : 1;
  let m = 0;
  for (let r = 0; r < n; r++) if (weights[r] > 0) m++;
  const sorted = new Int32Array(p * m);
  for (let f = 0; f < p; f++) {
    let j = f * m;
    for (let i = f * n, end = i + n; i < end; i++) {
      const r = order[i];
      if (weights[r] > 0) sorted[j++] = r;
    }
  }
  const tmp = new Int32Array(m);
  const goesLeft = new Uint8Array(n);
  const perm = Int32Array.from({ length: p }, (_, i) => i);
  const nodeCounts = new Float64Array(K);
  const leftCounts = new Float64Array(K);
  const gini = o.criterion === 'gini';

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const impurity: number[] = [];
  const wsum: number[] = [];
  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    impurity.push(0);
    wsum.push(0);
    for (let c = 0; c < K; c++) value.push(0);
    return feature.length - 1;
  };

  // stack of (start, end, depth, node)
  const stack: number[] = [0, m, 0, newNode()];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const depth = stack.pop() as number;
    const e = stack.pop() as number;
    const s = stack.pop() as number;
    const nNode = e - s;

    // Node statistics from feature 0's segment (any feature holds the same rows).
    let wTotal = 0;
    let imp: number;
    let sumY = 0;
    if (classify) {
      nodeCounts.fill(0);
      for (let i = s; i < e; i++) {
        const r = sorted[i];
        nodeCounts[codes[r]] += weights[r];
        wTotal += weights[r];
      }
      let sq = 0;
      let ent = 0;
      for (let c = 0; c < K; c++) {
        const q = nodeCounts[c] / wTotal;
        value[id * K + c] = q;
        sq += q * q;
        if (q > 0) ent -= q * Math.log2(q);
      }
      imp = o.criterion === 'gini' ? 1 - sq : ent;
    } else {
      const yy = y as Float64Array;
      for (let i = s; i < e; i++) {
        const r = sorted[i];
        sumY += weights[r] * yy[r];
        wTotal += weights[r];
      }
      const mean = sumY / wTotal;
      let ss = 0;
      for (let i = s; i < e; i++) {
        const r = sorted[i];
        ss += weights[r] * (yy[r] - mean) ** 2;
      }
      value[id] = mean;
      imp = ss / wTotal;
    }
    impurity[id] = imp;
    wsum[id] = wTotal;
    if (
      depth >= o.maxDepth ||
      nNode < o.minSamplesSplit ||
      nNode < 2 * o.minSamplesLeaf ||
      imp <= 1e-15
    )
      continue;

    // Split search.
    let bestProxy = Number.NEGATIVE_INFINITY;
    let bestFeature = -1;
    let bestPos = -1;
    let bestThreshold = 0;
    let found = 0;
    const msl = o.minSamplesLeaf;
    for (let i = 0; i < p && found < o.maxFeatures; i++) {
      const j = i + rng.below(p - i);
      const f = perm[j];
      perm[j] = perm[i];
      perm[i] = f;
      const base = f * m;
      const colBase = f * n;
      if (
        cols[colBase + sorted[base + e - 1]] <=
        cols[colBase + sorted[base + s]] + FEATURE_THRESHOLD
      )
        continue;
      found++;
      // One pass over the sorted rows, moving each from the right child to the left one and
      // updating the criterion's sufficient statistics in O(1).
      let wL = 0;
      let wR = wTotal;
      let sqL = 0;
      let sqR = 0;
      let eL = 0;
      let eR = 0;
      let sL = 0;
      if (classify) {
        leftCounts.fill(0);
        for (let c = 0; c < K; c++) {
          sqR += nodeCounts[c] * nodeCounts[c];
          eR += xlogx(nodeCounts[c]);
        }
      }
      for (let i2 = s; i2 < e - 1; i2++) {
        const r = sorted[base + i2];
        const w = weights[r];
        if (!classify) {
          sL += w * (y as Float64Array)[r];
        } else {
          const c = (codes as Int32Array)[r];
          const lc = leftCounts[c];
          const rc = nodeCounts[c] - lc;
          if (gini) {
            sqL += w * (2 * lc + w);
            sqR += w * (w - 2 * rc);
          } else {
            eL += xlogx(lc + w) - xlogx(lc);
            eR += xlogx(rc - w) - xlogx(rc);
          }
          leftCounts[c] = lc + w;
        }
        wL += w;
        wR -= w;
        const nL = i2 - s + 1;
        if (nL < msl) continue;
        if (nNode - nL < msl) break;
        const xv = cols[colBase + r];
        const xn = cols[colBase + sorted[base + i2 + 1]];
        if (xn <= xv + FEATURE_THRESHOLD) continue;
        // Proxies of scikit-learn's impurity improvement (larger is better).
        const proxy = !classify
          ? (sL * sL) / wL + ((sumY - sL) * (sumY - sL)) / wR
          : gini
            ? sqL / wL + sqR / wR
            : eL - xlogx(wL) + eR - xlogx(wR);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestPos = i2;
          const t = (xv + xn) / 2;
          bestThreshold = t === xn || !Number.isFinite(t) ? xv : t;
        }
      }
    }
    if (bestFeature < 0) continue;

    // Partition every feature's segment stably: rows of the left child first.
    const mid = bestPos + 1;
    const bb = bestFeature * m;
    for (let i = s; i < e; i++) goesLeft[sorted[bb + i]] = i < mid ? 1 : 0;
    for (let f = 0; f < p; f++) {
      if (f === bestFeature) continue;
      const base = f * m;
      let li = base + s;
      let ri = 0;
      for (let i = base + s, end = base + e; i < end; i++) {
        const r = sorted[i];
        if (goesLeft[r] === 1) sorted[li++] = r;
        else tmp[ri++] = r;
      }
      sorted.set(tmp.subarray(0, ri), li);
    }
    const l = newNode();
    const rgt = newNode();
    feature[id] = bestFeature;
    threshold[id] = bestThreshold;
    left[id] = l;
    right[id] = rgt;
    stack.push(mid, e, depth + 1, rgt, s, mid, depth + 1, l);
  }

  let treeTotal = 0;
  const local = new Float64Array(p);
  for (let id = 0; id < feature.length; id++) {
    if (left[id] === -1) continue;
    const gain =
      wsum[id] * impurity[id] -
      wsum[left[id]] * impurity[left[id]] -
      wsum[right[id]] * impurity[right[id]];
    local[feature[id]] += gain;
    treeTotal += gain;
  }
  if (treeTotal > 0) for (let f = 0; f < p; f++) importance[f] += local[f] / treeTotal;

  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    outputs: K,
  };
}
