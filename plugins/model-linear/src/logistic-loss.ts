/**
 * The smooth part of scikit-learn's logistic-regression objective,
 *   sum_i logloss(y_i, W x_i + b) + l2 / 2 * ||W||^2
 * (the intercept is not penalised). Parameters are packed as W (k rows of p) then b (k) when
 * an intercept is fitted; k = 1 for a binary problem (sigmoid), else the number of classes
 * (softmax over all k, as scikit-learn's multinomial model).
 */
export interface LogisticProblem {
  readonly X: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly k: number;
  readonly codes: Int32Array;
  readonly fitIntercept: boolean;
}

export function parameterCount(pr: LogisticProblem): number {
  return pr.k * pr.p + (pr.fitIntercept ? pr.k : 0);
}

/** Value of the smooth objective at theta; its gradient goes into `grad`. */
export function logisticValueGrad(
  pr: LogisticProblem,
  l2: number,
  theta: Float64Array,
  grad: Float64Array,
): number {
  const { X, n, p, k, codes, fitIntercept } = pr;
  grad.fill(0);
  let value = 0;
  const z = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let c = 0; c < k; c++) {
      let s = fitIntercept ? theta[k * p + c] : 0;
      const w = c * p;
      for (let j = 0; j < p; j++) s += theta[w + j] * X[o + j];
      z[c] = s;
    }
    if (k === 1) {
      const y = codes[i];
      const zi = z[0];
      // log(1 + e^z) - y z, computed without overflow
      value += (zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - y * zi;
      z[0] = sigmoid(zi) - y;
    } else {
      let max = z[0];
      for (let c = 1; c < k; c++) if (z[c] > max) max = z[c];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
      value += max + Math.log(sum) - z[codes[i]];
      for (let c = 0; c < k; c++) z[c] = Math.exp(z[c] - max) / sum - (c === codes[i] ? 1 : 0);
    }
    for (let c = 0; c < k; c++) {
      const gz = z[c];
      if (gz === 0) continue;
      const w = c * p;
      for (let j = 0; j < p; j++) grad[w + j] += gz * X[o + j];
      if (fitIntercept) grad[k * p + c] += gz;
    }
  }
  if (l2 > 0) {
    for (let j = 0; j < k * p; j++) {
      value += 0.5 * l2 * theta[j] * theta[j];
      grad[j] += l2 * theta[j];
    }
  }
  return value;
}

/** Linear scores W x + b of each row (n x k, row-major). */
export function decision(
  X: Float64Array,
  n: number,
  p: number,
  k: number,
  coef: Float64Array,
  intercept: Float64Array,
): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = intercept[c];
      for (let j = 0; j < p; j++) s += coef[c * p + j] * X[i * p + j];
      out[i * k + c] = s;
    }
  }
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Upper bound estimate of the smooth part's Lipschitz constant: curvature bound of the loss
 * (1/4 for the sigmoid, 1/2 for the softmax) times the largest eigenvalue of [X 1]^T [X 1]
 * (power iteration), plus the l2 weight.
 */
export function lipschitzEstimate(pr: LogisticProblem, l2: number): number {
  const { X, n, p, fitIntercept } = pr;
  const q = p + (fitIntercept ? 1 : 0);
  let v = new Float64Array(q).fill(1 / Math.sqrt(q));
  let lambda = 0;
  for (let it = 0; it < 30; it++) {
    const next = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      let s = fitIntercept ? v[p] : 0;
      for (let j = 0; j < p; j++) s += X[i * p + j] * v[j];
      for (let j = 0; j < p; j++) next[j] += s * X[i * p + j];
      if (fitIntercept) next[p] += s;
    }
    let norm = 0;
    for (const x of next) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    lambda = norm;
    v = next.map((x) => x / norm);
  }
  return (pr.k === 1 ? 0.25 : 0.5) * lambda * 1.05 + l2;
}
