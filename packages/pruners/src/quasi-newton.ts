/**
 * Unconstrained limited-memory BFGS for the terminator's few kernel parameters. Kept in this
 * package because pruners depend on core and search-space only.
 */

/** The value and gradient at x, or null where the function cannot be evaluated. */
export type ValueAndGradient = (
  x: Float64Array,
) => { value: number; gradient: Float64Array } | null;

export interface QuasiNewtonResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
}

const MEMORY = 10;
const ARMIJO = 1e-4;
// scipy's L-BFGS-B default: stop when the relative decrease is below factr * machine epsilon.
const RELATIVE_DECREASE = 1e7 * Number.EPSILON;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Minimises from x0 until the largest gradient component is at most gtol (scipy's pgtol
 * rule), the value stops decreasing, or maxIterations. A step into a region where the
 * function cannot be evaluated (or has a non-finite value or gradient) is shortened like one
 * that does not decrease it enough. Throws when x0 itself cannot be evaluated.
 */
export function minimizeQuasiNewton(
  fn: ValueAndGradient,
  x0: ArrayLike<number>,
  options: { gtol: number; maxIterations?: number },
): QuasiNewtonResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  const start = fn(x);
  if (start === null || !Number.isFinite(start.value) || !start.gradient.every(Number.isFinite)) {
    throw new Error('the starting point cannot be evaluated');
  }
  let { value, gradient } = start;
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const maxIterations = options.maxIterations ?? 200;
  let iterations = 0;
  // Written so that a NaN gradient does not pass for convergence.
  while (iterations < maxIterations && !(maxAbs(gradient) <= options.gtol)) {
    iterations++;
    // Two-loop recursion: direction = -H gradient.
    const q = Float64Array.from(gradient);
    const alphas = new Float64Array(ss.length);
    for (let k = ss.length - 1; k >= 0; k--) {
      alphas[k] = dot(ss[k], q) / dot(ys[k], ss[k]);
      for (let i = 0; i < n; i++) q[i] -= alphas[k] * ys[k][i];
    }
    const last = ss.length - 1;
    // Without history, a first step of length 1 along the steepest descent, as scipy takes.
    const h0 =
      last >= 0 ? dot(ss[last], ys[last]) / dot(ys[last], ys[last]) : 1 / Math.sqrt(dot(q, q));
    for (let i = 0; i < n; i++) q[i] *= h0;
    for (let k = 0; k < ss.length; k++) {
      const beta = dot(ys[k], q) / dot(ys[k], ss[k]);
      for (let i = 0; i < n; i++) q[i] += ss[k][i] * (alphas[k] - beta);
    }
    const direction = q.map((v) => -v);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // The curvature pairs went stale: restart from the steepest descent.
      ss.length = 0;
      ys.length = 0;
      const norm = Math.sqrt(dot(gradient, gradient));
      for (let i = 0; i < n; i++) direction[i] = -gradient[i] / norm;
      slope = dot(direction, gradient);
    }
    let step = 1;
    let next: { value: number; gradient: Float64Array } | null = null;
    let xNext = x;
    for (let tries = 0; tries < 60; tries++) {
      xNext = x.map((v, i) => v + step * direction[i]);
      const r = fn(xNext);
      if (
        r !== null &&
        Number.isFinite(r.value) &&
        r.gradient.every(Number.isFinite) &&
        r.value <= value + ARMIJO * step * slope
      ) {
        next = r;
        break;
      }
      step *= 0.5;
    }
    if (next === null) break;
    const s = xNext.map((v, i) => v - x[i]);
    const y = next.gradient.map((v, i) => v - gradient[i]);
    if (dot(s, y) > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      ss.push(s);
      ys.push(y);
      if (ss.length > MEMORY) {
        ss.shift();
        ys.shift();
      }
    }
    const decrease = value - next.value;
    x = xNext;
    value = next.value;
    gradient = next.gradient;
    if (decrease <= RELATIVE_DECREASE * Math.max(Math.abs(value), Math.abs(value + decrease), 1)) {
      break;
    }
  }
  return { x, value, iterations };
}
