import { InvalidArgumentError } from '../errors.js';

/**
 * Returns f(x) and, when `grad` is given, writes ∇f(x) into it. The line search asks for
 * values only and then for the gradient at the accepted point, so an objective whose
 * gradient is dear (a GP's marginal likelihood needs the inverse for it, the value only the
 * factor) pays for it once per iteration. A point where f cannot be evaluated returns NaN
 * (or an infinity): the line search shortens a step that lands there. Wherever f is finite,
 * the gradient must be too: it is asked for only at accepted points, too late to step back.
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array | null) => number;

/**
 * Curvature pairs, oldest first: the steps s_k = x_{k+1} - x_k and the gradient changes
 * y_k = ∇f(x_{k+1}) - ∇f(x_k) from which L-BFGS builds its inverse-Hessian estimate.
 */
export interface LbfgsHistory {
  readonly s: readonly Float64Array[];
  readonly y: readonly Float64Array[];
}

export interface LbfgsOptions {
  /** Lower bounds, one per variable; give `upper` with it. Default: unbounded. */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds, one per variable; give `lower` with it. Default: unbounded. */
  readonly upper?: ArrayLike<number>;
  /** Stop when the largest projected-gradient component is below this. Default 1e-5. */
  readonly gradientTolerance?: number;
  /**
   * Stop when one step lowers f by at most this times max(1, |f|). Default 1e-12; SciPy's
   * L-BFGS-B default (factr 1e7) is `1e7 * Number.EPSILON`.
   */
  readonly relativeTolerance?: number;
  /** Default 200. */
  readonly maxIterations?: number;
  /** Number of (s, y) curvature pairs kept. Default 10. */
  readonly memory?: number;
  /**
   * The `history` of an earlier run on a nearby problem (the same function after a small
   * change of its data, say), to start from its curvature instead of a steepest-descent step:
   * a warm start from that run's `x` then needs a few iterations instead of a full run. Pairs
   * whose s·y is not clearly positive (above 1e-12 y·y, the test new pairs pass) are left out,
   * and only the last `memory` are used. Copied, not modified.
   */
  readonly history?: LbfgsHistory;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Calls of the objective, with or without the gradient. */
  readonly evaluations: number;
  /**
   * Whether a tolerance was met, rather than the iteration limit, a failed line search or a
   * start where f is not finite.
   */
  readonly converged: boolean;
  /** The curvature pairs at the end, for a warm start of a later run (`options.history`). */
  readonly history: LbfgsHistory;
}

function nonNegative(param: string, value: number): void {
  if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    throw new InvalidArgumentError(param, value, 'must be a finite number >= 0');
  }
}

function count(param: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(param, value, `must be an integer >= ${min}`);
  }
}

function checkBounds(n: number, lower?: ArrayLike<number>, upper?: ArrayLike<number>): void {
  if (lower === undefined && upper === undefined) return;
  if (lower === undefined || upper === undefined) {
    const [given, missing] = lower === undefined ? ['upper', 'lower'] : ['lower', 'upper'];
    throw new InvalidArgumentError(missing, undefined, `must be given with ${given}`);
  }
  for (const [param, b] of [
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (b.length !== n) {
      throw new InvalidArgumentError(`${param}.length`, b.length, `must equal x0.length = ${n}`);
    }
  }
  for (let i = 0; i < n; i++) {
    // Written so that NaN bounds fail too.
    if (!(lower[i] <= upper[i])) {
      throw new InvalidArgumentError(
        `lower[${i}]`,
        lower[i],
        `must be <= upper[${i}] = ${upper[i]}`,
      );
    }
  }
}

function checkHistory(n: number, history: LbfgsHistory | undefined): void {
  if (history === undefined) return;
  if (history.s.length !== history.y.length) {
    throw new InvalidArgumentError(
      'history.y.length',
      history.y.length,
      `must equal history.s.length = ${history.s.length}`,
    );
  }
  for (const key of ['s', 'y'] as const) {
    history[key].forEach((v, j) => {
      if (v.length !== n) {
        throw new InvalidArgumentError(
          `history.${key}[${j}].length`,
          v.length,
          `must equal x0.length = ${n}`,
        );
      }
    });
  }
}

function project(x: Float64Array, lower?: ArrayLike<number>, upper?: ArrayLike<number>): void {
  if (lower === undefined || upper === undefined) return;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lower[i]) x[i] = lower[i];
    else if (x[i] > upper[i]) x[i] = upper[i];
  }
}

// A plain left-to-right sum: the optimisers' trajectories, and so the samplers' results,
// depend on the rounding of these few short products.
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Minimises `fun` from `x0` by limited-memory BFGS, with optional box bounds handled by
 * projection (the L-BFGS-B idea without its Cauchy-point machinery): variables at a bound
 * whose gradient pushes outwards are frozen for the step, the quasi-Newton direction is taken
 * on the others, and a backtracking line search follows the projected path. A non-finite
 * f(x0) returns at once with `converged` false. Bad options throw `InvalidArgumentError`.
 */
export function minimizeLbfgs(
  fun: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  const { lower, upper } = options;
  const gtol = options.gradientTolerance ?? 1e-5;
  const rtol = options.relativeTolerance ?? 1e-12;
  const maxIter = options.maxIterations ?? 200;
  const m = options.memory ?? 10;
  checkBounds(n, lower, upper);
  nonNegative('gradientTolerance', gtol);
  nonNegative('relativeTolerance', rtol);
  count('maxIterations', maxIter, 0);
  count('memory', m, 1);
  checkHistory(n, options.history);
  const bounded = lower !== undefined && upper !== undefined;

  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho: number[] = [];
  if (options.history !== undefined) {
    const { s, y } = options.history;
    for (let j = 0; j < s.length; j++) {
      const sy = dot(s[j], y[j]);
      // The same test as for a new pair (written so that NaN fails it).
      if (!(sy > 1e-12 * dot(y[j], y[j]))) continue;
      sHist.push(Float64Array.from(s[j]));
      yHist.push(Float64Array.from(y[j]));
      rho.push(1 / sy);
    }
    const extra = sHist.length - m;
    if (extra > 0) {
      sHist.splice(0, extra);
      yHist.splice(0, extra);
      rho.splice(0, extra);
    }
  }
  const history: LbfgsHistory = { s: sHist, y: yHist };

  const x = Float64Array.from(x0);
  project(x, lower, upper);
  const g = new Float64Array(n);
  let f = fun(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) {
    return { x, value: f, iterations: 0, evaluations, converged: false, history };
  }

  const alpha = new Float64Array(m);
  const free = new Uint8Array(n);
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);

  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    let pgMax = 0;
    for (let i = 0; i < n; i++) {
      const atLower = bounded && x[i] <= lower[i] && g[i] > 0;
      const atUpper = bounded && x[i] >= upper[i] && g[i] < 0;
      free[i] = atLower || atUpper ? 0 : 1;
      if (free[i]) pgMax = Math.max(pgMax, Math.abs(g[i]));
    }
    if (pgMax < gtol) {
      converged = true;
      break;
    }
    iterations++;

    // Two-loop recursion on the free variables.
    for (let i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
    const k = sHist.length;
    for (let j = k - 1; j >= 0; j--) {
      let sd = 0;
      for (let i = 0; i < n; i++) if (free[i]) sd += sHist[j][i] * dir[i];
      alpha[j] = rho[j] * sd;
      for (let i = 0; i < n; i++) if (free[i]) dir[i] -= alpha[j] * yHist[j][i];
    }
    if (k > 0) {
      const gamma = dot(sHist[k - 1], yHist[k - 1]) / dot(yHist[k - 1], yHist[k - 1]);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    } else {
      // First step: at most unit length in x, a scale-free guess the line search corrects.
      let norm = 0;
      for (let i = 0; i < n; i++) norm += dir[i] * dir[i];
      const scale = 1 / Math.max(1, Math.sqrt(norm));
      for (let i = 0; i < n; i++) dir[i] *= scale;
    }
    for (let j = 0; j < k; j++) {
      let yd = 0;
      for (let i = 0; i < n; i++) if (free[i]) yd += yHist[j][i] * dir[i];
      const beta = rho[j] * yd;
      for (let i = 0; i < n; i++) if (free[i]) dir[i] += (alpha[j] - beta) * sHist[j][i];
    }
    let slope = dot(dir, g);
    if (!(slope < 0)) {
      // Not a descent direction (stale curvature): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = free[i] ? -g[i] / Math.max(1, pgMax) : 0;
      slope = dot(dir, g);
    }

    // Backtracking (Armijo) along the projected path x(t) = P(x + t·dir); each retry takes
    // the minimiser of the quadratic through f(0), f'(0) and f(t), kept within [0.1t, 0.5t].
    let t = 1;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * dir[i];
      project(xNew, lower, upper);
      fNew = fun(xNew, null);
      evaluations++;
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += g[i] * (xNew[i] - x[i]);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * Math.min(decrease, 0)) {
        accepted = true;
        break;
      }
      const curvature = fNew - f - slope * t;
      const tq =
        Number.isFinite(fNew) && curvature > 0 ? (-slope * t * t) / (2 * curvature) : 0.1 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, tq));
    }
    if (!accepted) break;
    fun(xNew, gNew);
    evaluations++;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rho.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rho.push(1 / sy);
    }
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (fOld - f <= rtol * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
  }
  return { x, value: f, iterations, evaluations, converged, history };
}
