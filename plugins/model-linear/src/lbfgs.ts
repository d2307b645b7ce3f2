/** Objective and gradient: writes the gradient at x into `grad` and returns the value. */
export type ValueAndGradient = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly nIter: number;
  readonly converged: boolean;
}

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.5) with a backtracking Armijo line
 * search; a curvature pair is stored only when s.y > 0, which keeps the implicit Hessian
 * positive definite without a Wolfe search. Stops when the largest gradient component is at
 * most `gtol` (scipy's pgtol test, which scikit-learn's lbfgs solver uses) or after `maxIter`
 * iterations.
 */
export function lbfgs(
  fg: ValueAndGradient,
  x0: Float64Array,
  maxIter: number,
  gtol: number,
  memory = 10,
): MinimizeResult {
  const dim = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(dim);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(dim);
  const alphaK = new Float64Array(memory);
  let xNew = new Float64Array(dim);
  let gNew = new Float64Array(dim);
  let iter = 0;
  while (iter < maxIter) {
    if (maxAbs(g) <= gtol) return { x, value: f, nIter: iter, converged: true };
    iter++;
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < dim; i++) d[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alphaK[k] = rho[k] * dot(S[k], d);
      axpy(-alphaK[k], Y[k], d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < dim; i++) d[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], d);
      axpy(alphaK[k] - beta, S[k], d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < dim; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    let step = S.length === 0 ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-300)) : 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < dim; i++) xNew[i] = x[i] + step * d[i];
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      // Quadratic interpolation of the step, kept within [0.1, 0.5] of the previous one.
      const q = (-slope * step * step) / (2 * (fNew - f - slope * step));
      step = Number.isFinite(q) ? Math.min(Math.max(q, 0.1 * step), 0.5 * step) : 0.5 * step;
    }
    if (!accepted) return { x, value: f, nIter: iter, converged: maxAbs(g) <= gtol };
    const s = new Float64Array(dim);
    const yv = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
    }
    const sy = dot(s, yv);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    const fOld = f;
    f = fNew;
    // scipy's factr test: relative reduction of f at machine precision means no more progress.
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= 2.2e-16 * 10) {
      return { x, value: f, nIter: iter, converged: maxAbs(g) <= gtol };
    }
  }
  return { x, value: f, nIter: iter, converged: maxAbs(g) <= gtol };
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

export function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}
