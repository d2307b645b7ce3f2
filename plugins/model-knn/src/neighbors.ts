import type { DenseMatrix } from '@tunekit/evaluators';

/** The k nearest training rows of each query row, nearest first (row-major, k per query). */
export interface Neighbors {
  readonly k: number;
  readonly index: Int32Array;
  readonly distance: Float64Array;
}

/**
 * Brute-force k-nearest-neighbour search under the Minkowski distance of order `p`.
 * Candidates are compared on sum |d|^p (the root is monotone) and abandoned as soon as their
 * partial sum exceeds the current k-th best. Equal distances keep the lower training index
 * first, so the result is deterministic and independent of the query order.
 */
export function kNeighbors(
  train: DenseMatrix,
  query: DenseMatrix,
  k: number,
  p: number,
): Neighbors {
  const { data: T, rows: n, cols: d } = train;
  const Q = query.data;
  const m = query.rows;
  const index = new Int32Array(m * k);
  const distance = new Float64Array(m * k);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let q = 0; q < m; q++) {
    const qo = q * d;
    let count = 0;
    let worst = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      const to = j * d;
      let s = 0;
      if (p === 2) {
        for (let f = 0; f < d && s <= worst; f++) {
          const diff = Q[qo + f] - T[to + f];
          s += diff * diff;
        }
      } else if (p === 1) {
        for (let f = 0; f < d && s <= worst; f++) s += Math.abs(Q[qo + f] - T[to + f]);
      } else {
        for (let f = 0; f < d && s <= worst; f++) s += Math.abs(Q[qo + f] - T[to + f]) ** p;
      }
      if (count === k && s >= worst) continue;
      // Insert after every entry with a distance <= s: ties keep the earlier training row first.
      let pos = count < k ? count : k - 1;
      while (pos > 0 && bestD[pos - 1] > s) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = s;
      bestI[pos] = j;
      if (count < k) count++;
      if (count === k) worst = bestD[k - 1];
    }
    const o = q * k;
    for (let i = 0; i < k; i++) {
      index[o + i] = bestI[i];
      distance[o + i] = p === 1 ? bestD[i] : p === 2 ? Math.sqrt(bestD[i]) : bestD[i] ** (1 / p);
    }
  }
  return { k, index, distance };
}

/**
 * Neighbour weights of one query (scikit-learn's `_get_weights`): 1 each for 'uniform';
 * 1/distance for 'distance', except that when some neighbours sit at distance 0 exactly,
 * those get weight 1 and all others 0.
 */
export function neighborWeights(
  nb: Neighbors,
  q: number,
  weights: 'uniform' | 'distance',
  out: Float64Array,
): void {
  const o = q * nb.k;
  if (weights === 'uniform') {
    out.fill(1);
    return;
  }
  let exact = false;
  for (let i = 0; i < nb.k; i++) if (nb.distance[o + i] === 0) exact = true;
  for (let i = 0; i < nb.k; i++) {
    const dist = nb.distance[o + i];
    out[i] = exact ? (dist === 0 ? 1 : 0) : 1 / dist;
  }
}
