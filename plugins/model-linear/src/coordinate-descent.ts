import type { DenseMatrix } from '@tunekit/evaluators';

export interface CdResult {
  readonly coef: Float64Array;
  readonly nIter: number;
  readonly dualGap: number;
  readonly converged: boolean;
}

/**
 * Elastic-net coordinate descent on (already centred) data, minimising
 *   1/(2n) ||y - Xw||^2 + alpha * l1Ratio * ||w||_1 + alpha * (1 - l1Ratio) / 2 * ||w||^2,
 * i.e. scikit-learn's objective. Stopping follows scikit-learn's cd_fast: after a sweep whose
 * largest coefficient change is below tol times the largest coefficient, the duality gap is
 * computed and the loop ends once it is below tol * ||y||^2.
 */
export function elasticNetCd(
  X: DenseMatrix,
  y: Float64Array,
  alpha: number,
  l1Ratio: number,
  tol: number,
  maxIter: number,
): CdResult {
  const { rows: n, cols: p } = X;
  // Column-major copy: each coordinate step walks one column.
  const cols = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) cols[j * n + i] = X.data[i * p + j];
  const normSq = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[j * n + i] ** 2;
    normSq[j] = s;
  }
  // The unnormalised problem 1/2 ||y - Xw||^2 + l1 ||w||_1 + l2/2 ||w||^2 has the same minimiser.
  const l1 = alpha * l1Ratio * n;
  const l2 = alpha * (1 - l1Ratio) * n;
  const w = new Float64Array(p);
  const R = Float64Array.from(y);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const gapTol = tol * yy;
  let gap = Number.POSITIVE_INFINITY;
  let iter = 0;
  let converged = false;
  while (iter < maxIter) {
    iter++;
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      if (normSq[j] === 0) continue;
      const o = j * n;
      const old = w[j];
      let rho = 0;
      for (let i = 0; i < n; i++) rho += cols[o + i] * R[i];
      rho += old * normSq[j];
      const mag = Math.abs(rho) - l1;
      const next = mag > 0 ? (Math.sign(rho) * mag) / (normSq[j] + l2) : 0;
      const delta = next - old;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) R[i] -= delta * cols[o + i];
        w[j] = next;
      }
      dwMax = Math.max(dwMax, Math.abs(delta));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter) {
      gap = dualityGap(cols, n, p, y, R, w, l1, l2);
      if (gap < gapTol) {
        converged = true;
        break;
      }
    }
  }
  return { coef: w, nIter: iter, dualGap: gap, converged };
}

/** Duality gap of the unnormalised elastic-net problem at w with residual R = y - Xw. */
function dualityGap(
  cols: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  R: Float64Array,
  w: Float64Array,
  l1: number,
  l2: number,
): number {
  let dualNorm = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[j * n + i] * R[i];
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]));
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  // Scale the residual into the dual feasible set when the l1 constraint is violated.
  const k = dualNorm > l1 ? l1 / dualNorm : 1;
  const gap = dualNorm > l1 ? 0.5 * (rNorm2 + rNorm2 * k * k) : rNorm2;
  return gap + l1 * l1Norm - k * ry + 0.5 * l2 * (1 + k * k) * wNorm2;
}
