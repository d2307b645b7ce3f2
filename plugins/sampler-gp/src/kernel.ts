/**
 * The Matérn-5/2 ARD kernel on unit-cube inputs, with a Hamming term for categorical
 * axes: k(a, b) = s · m(r²), r² = Σ_d λ_d · δ_d(a, b)², where λ_d are the inverse squared
 * length scales, δ_d = a_d - b_d on numeric axes and δ_d = [a_d ≠ b_d] on categorical axes
 * (which hold the choice index), and m(r²) = (1 + √5·r + 5r²/3) · e^{-√5·r}.
 */

const SQRT5 = Math.sqrt(5);

/** Matérn-5/2 correlation as a function of the squared scaled distance. */
export function matern52(r2: number): number {
  const sr = SQRT5 * Math.sqrt(r2);
  return (1 + sr + (5 / 3) * r2) * Math.exp(-sr);
}

/**
 * dm/d(r²) = -(5/6)(1 + √5·r)e^{-√5·r}: finite at r = 0, which is why the kernel is
 * differentiated with respect to r² rather than r.
 */
export function matern52Derivative(r2: number): number {
  const sr = SQRT5 * Math.sqrt(r2);
  return (-5 / 6) * (1 + sr) * Math.exp(-sr);
}

/** Kernel hyperparameters on their natural scale. */
export interface KernelParams {
  /** λ_d = 1/ℓ_d², one per input axis. */
  readonly inverseSquaredLengthscales: Float64Array;
  /** s, the prior variance of the latent function. */
  readonly signalVariance: number;
  /** σ², the observation noise variance. */
  readonly noiseVariance: number;
}

/** r² between row `i` of `a` and row `j` of `b` (both row-major with `d` columns). */
export function squaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  d: number,
  lambda: Float64Array,
  isCategorical: Uint8Array,
): number {
  const oa = i * d;
  const ob = j * d;
  let r2 = 0;
  for (let k = 0; k < d; k++) {
    const diff = a[oa + k] - b[ob + k];
    r2 += lambda[k] * (isCategorical[k] ? (diff === 0 ? 0 : 1) : diff * diff);
  }
  return r2;
}

/** k(a, b) without noise, for two single points. */
export function kernel(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  params: KernelParams,
  isCategorical: Uint8Array,
): number {
  const d = isCategorical.length;
  const r2 = squaredDistance(
    Float64Array.from(a),
    0,
    Float64Array.from(b),
    0,
    d,
    params.inverseSquaredLengthscales,
    isCategorical,
  );
  return params.signalVariance * matern52(r2);
}
