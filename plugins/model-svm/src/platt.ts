/**
 * Platt scaling and pairwise coupling, following the algorithms libsvm documents: the
 * Newton method with backtracking of Lin, Lin and Weng (2007) for the sigmoid
 * P(y = +1 | f) = 1 / (1 + exp(A f + B)), and the second method of Wu, Lin and Weng (2004)
 * to turn pairwise probabilities into class probabilities.
 */
export interface Sigmoid {
  readonly A: number;
  readonly B: number;
}

/** Fits A, B on decision values `dec` with targets `positive[i]` (true for the +1 class). */
export function sigmoidTrain(dec: ArrayLike<number>, positive: ArrayLike<boolean>): Sigmoid {
  const n = dec.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) if (positive[i]) prior1++;
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (positive[i] ? hi : lo));
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  const objective = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = dec[i] * a + b;
      f += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let fval = objective(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = dec[i] * A + B;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const nf = objective(A + step * dA, B + step * dB);
      if (nf < fval + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        fval = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { A, B };
}

export function sigmoidPredict(f: number, s: Sigmoid): number {
  const z = f * s.A + s.B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * Class probabilities from pairwise ones: r[i][j] = P(i | i or j), r[j][i] = 1 - r[i][j].
 * Solves min_p p^T Q p with sum(p) = 1 by libsvm's fixed-point iteration.
 */
export function coupleProbabilities(r: number[][]): number[] {
  const k = r.length;
  const Q = Array.from({ length: k }, () => new Float64Array(k));
  const p = new Float64Array(k).fill(1 / k);
  const Qp = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = -r[j][t] * r[t][j];
    }
  }
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t][j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t][t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return Array.from(p);
}
