import type { MinimizeResult } from './lbfgs.js';

/**
 * FISTA (Beck and Teboulle 2009) for  smooth(theta) + l1 * ||theta[0..nPenalized)||_1,
 * with backtracking on the Lipschitz constant and the adaptive restart of O'Donoghue and
 * Candes (momentum is dropped whenever it points uphill). Stops when the largest entry of the
 * gradient mapping L (y - prox(y - grad / L)) is at most `tol`: the proximal analogue of the
 * projected-gradient test used for the smooth penalties.
 */
export function fista(
  smooth: (theta: Float64Array, grad: Float64Array) => number,
  dim: number,
  nPenalized: number,
  l1: number,
  lipschitz: number,
  maxIter: number,
  tol: number,
): MinimizeResult {
  let L = lipschitz;
  let theta = new Float64Array(dim);
  const y = new Float64Array(dim);
  let next = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const scratch = new Float64Array(dim);
  let t = 1;
  let value = Number.NaN;
  for (let iter = 1; iter <= maxIter; iter++) {
    const fy = smooth(y, grad);
    let mapping = 0;
    for (let bt = 0; bt < 50; bt++) {
      const thr = l1 / L;
      let lin = 0;
      let sq = 0;
      mapping = 0;
      for (let i = 0; i < dim; i++) {
        const u = y[i] - grad[i] / L;
        const v = i < nPenalized ? Math.sign(u) * Math.max(Math.abs(u) - thr, 0) : u;
        next[i] = v;
        const d = v - y[i];
        lin += grad[i] * d;
        sq += d * d;
        mapping = Math.max(mapping, Math.abs(d));
      }
      value = smooth(next, scratch);
      if (value <= fy + lin + 0.5 * L * sq + 1e-12 * Math.abs(fy)) break;
      L *= 2;
    }
    mapping *= L;
    if (mapping <= tol) {
      return {
        x: next,
        value: value + l1 * l1Norm(next, nPenalized),
        nIter: iter,
        converged: true,
      };
    }
    let uphill = 0;
    for (let i = 0; i < dim; i++) uphill += (y[i] - next[i]) * (next[i] - theta[i]);
    const tNext = uphill > 0 ? 1 : (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = uphill > 0 ? 0 : (t - 1) / tNext;
    for (let i = 0; i < dim; i++) y[i] = next[i] + momentum * (next[i] - theta[i]);
    [theta, next] = [next, theta];
    t = tNext;
  }
  return {
    x: theta,
    value: value + l1 * l1Norm(theta, nPenalized),
    nIter: maxIter,
    converged: false,
  };
}

function l1Norm(x: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(x[i]);
  return s;
}
