/**
 * A small Gaussian-process regressor for the terminator: isotropic Matern 5/2 kernel on the
 * unit cube, unit signal variance (targets are standardised), lengthscale and noise picked
 * from a grid by the log marginal likelihood. Sized for the tens of points a regret bound uses.
 */
export interface GaussianProcess {
  readonly lengthscale: number;
  readonly noise: number;
  /** Posterior mean and variance of the latent function at x. */
  predict(x: ArrayLike<number>): { mean: number; variance: number };
}

const LENGTHSCALES = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2.5];
const NOISES = [1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.15, 0.4];

function matern52(a: ArrayLike<number>, b: ArrayLike<number>, lengthscale: number): number {
  let d2 = 0;
  for (let i = 0; i < a.length; i++) d2 += (a[i] - b[i]) ** 2;
  const r = Math.sqrt(5 * d2) / lengthscale;
  return (1 + r + (r * r) / 3) * Math.exp(-r);
}

/** Lower Cholesky factor of a symmetric positive definite matrix (row-major), or null. */
function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L x = b in place (L lower triangular). */
function forward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves L^T x = b in place. */
function backward(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Fits the GP to points x (each in [0,1]^d) and standardised targets y. */
export function fitGaussianProcess(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
): GaussianProcess {
  const n = x.length;
  let best: {
    ll: number;
    lengthscale: number;
    noise: number;
    l: Float64Array;
    alpha: Float64Array;
  } | null = null;
  for (const lengthscale of LENGTHSCALES) {
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = matern52(x[i], x[j], lengthscale);
        k[i * n + j] = v;
        k[j * n + i] = v;
      }
    }
    for (const noise of NOISES) {
      const a = Float64Array.from(k);
      for (let i = 0; i < n; i++) a[i * n + i] += noise;
      const l = cholesky(a, n);
      if (l === null) continue;
      const alpha = backward(l, n, forward(l, n, Float64Array.from(y)));
      let ll = 0;
      for (let i = 0; i < n; i++) ll -= 0.5 * y[i] * alpha[i] + Math.log(l[i * n + i]);
      if (best === null || ll > best.ll) best = { ll, lengthscale, noise, l, alpha };
    }
  }
  if (best === null) throw new Error('no kernel setting gave a positive definite Gram matrix');
  const { lengthscale, noise, l, alpha } = best;
  return {
    lengthscale,
    noise,
    predict(p: ArrayLike<number>) {
      const ks = new Float64Array(n);
      for (let i = 0; i < n; i++) ks[i] = matern52(p, x[i], lengthscale);
      let mean = 0;
      for (let i = 0; i < n; i++) mean += ks[i] * alpha[i];
      const v = forward(l, n, ks);
      let q = 0;
      for (let i = 0; i < n; i++) q += v[i] * v[i];
      return { mean, variance: Math.max(1 - q, 1e-12) };
    },
  };
}
