/**
 * The prior on the kernel hyperparameters of the MAP fit. Signal and noise follow Optuna 4's
 * GPSampler (optuna/_gp/prior.py): Gamma(2, rate 1) on the signal variance s and
 * Gamma(1.1, rate 30) on the noise variance σ² (constants dropped). The length scales do
 * not: Optuna puts -(0.1/λ + 0.1·λ) on each inverse squared length scale λ, which lets a
 * fit declare an axis irrelevant (ℓ of 3 or more) from a handful of trials; the search then
 * pins that axis to a bound and spends trials at corners of the cube (2 of 20 hartmann6
 * runs stopped near -1.7 that way). Here each length scale ℓ = λ^{-1/2} gets Gamma(3, rate
 * 6) (mode 1/3, mean 1/2; BoTorch's default for unit-cube inputs), under which no run
 * stopped above -3.14 (see the README's benchmarks).
 *
 * Parameters are handled in the raw, unconstrained form the optimiser works on:
 * θ = [log λ_1 … log λ_d, log s, log(σ² - minNoise)].
 */

export interface ValueAndGradient {
  readonly value: number;
  /** Gradient with respect to the raw parameters θ. */
  readonly grad: Float64Array;
}

/** Gamma(shape, rate) log density up to its normalising constant. */
function gammaLogDensity(x: number, shape: number, rate: number): number {
  return (shape - 1) * Math.log(x) - rate * x;
}

/** Log prior density (up to a constant) and its gradient in θ (with ℓ = e^{-θ/2}). */
export function logPrior(theta: Float64Array, d: number, minNoise: number): ValueAndGradient {
  const grad = new Float64Array(d + 2);
  let value = 0;
  for (let k = 0; k < d; k++) {
    const lengthscale = Math.exp(-0.5 * theta[k]);
    value += gammaLogDensity(lengthscale, 3, 6);
    grad[k] = -1 + 3 * lengthscale;
  }
  const s = Math.exp(theta[d]);
  value += gammaLogDensity(s, 2, 1);
  grad[d] = 1 - s;
  const excess = Math.exp(theta[d + 1]);
  const noise = minNoise + excess;
  value += gammaLogDensity(noise, 1.1, 30);
  grad[d + 1] = (0.1 / noise - 30) * excess;
  return { value, grad };
}
