import { erfcx, normalCdf, normalPdf } from './special.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

/** log(1 - e^a) for a < 0, accurate on both sides of -ln 2 (Mächler's log1mexp). */
function log1mexp(a: number): number {
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

/**
 * 1 - |z|·Φ(z)/φ(z) for z <= -100 from the asymptotic series of Mills' ratio,
 * 1/z² - 3/z⁴ + 15/z⁶ - ...; six terms reach double precision there.
 */
function tailGap(z: number): number {
  const w = 1 / (z * z);
  let term = w;
  let sum = w;
  for (let k = 2; k <= 7; k++) {
    term *= -(2 * k - 1) * w;
    sum += term;
  }
  return sum;
}

/** Value and derivative of h(z) = log(φ(z) + z·Φ(z)), the log EI of a standard normal. */
export interface StandardLogEi {
  readonly value: number;
  /** dh/dz = Φ(z) / (φ(z) + z·Φ(z)) > 0 (about -z far in the lower tail, 1/z far above). */
  readonly grad: number;
}

/**
 * h(z) = log E[max(0, Z + z)], Z ~ N(0, 1), and its derivative. Below z = -1 the form
 * log φ(z) + log(1 - |z|·√(π/2)·erfcx(|z|/√2)) of Ament et al. (2023, eq. 9) avoids the
 * underflow and cancellation of the direct formula; below z = -100 the gap
 * 1 - |z|·Φ/φ comes from its asymptotic series, so the value stays finite and monotone.
 */
export function standardLogEi(z: number): StandardLogEi {
  if (z > -1) {
    const cdf = normalCdf(z);
    const ei = z * cdf + normalPdf(z);
    return { value: Math.log(ei), grad: cdf / ei };
  }
  const logPdf = -0.5 * z * z - LOG_SQRT_2PI;
  if (z < -100) {
    const gap = tailGap(z);
    const mills = (1 - gap) / -z;
    return { value: logPdf + Math.log(gap), grad: mills / gap };
  }
  // Mills ratio Φ(z)/φ(z) for z < 0.
  const mills = SQRT_HALF_PI * erfcx(-z * Math.SQRT1_2);
  const logGap = log1mexp(Math.log(-z * mills));
  return { value: logPdf + logGap, grad: mills / Math.exp(logGap) };
}

/**
 * log EI of a maximisation at a posterior N(mean, variance) over the incumbent `best`,
 * log(σ) + h((mean - best)/σ).
 */
export function logExpectedImprovement(mean: number, variance: number, best: number): number {
  const sigma = Math.sqrt(variance);
  return Math.log(sigma) + standardLogEi((mean - best) / sigma).value;
}
