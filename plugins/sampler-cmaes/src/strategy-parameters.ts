import { checkDimension, checkPopsize } from './checks.js';
import { checkBoolean } from './cma-options.js';

/**
 * The default strategy parameters of CMA-ES, as in Table 1 of N. Hansen, "The CMA Evolution
 * Strategy: A Tutorial" (arXiv:1604.00772, 2016/2023), including the negative (active)
 * recombination weights; sep-CMA (Ros & Hansen 2008) uses the positive weights only and
 * learning rates scaled by (n + 2) / 3.
 */
export interface StrategyParameters {
  readonly n: number;
  /** Population size lambda. */
  readonly popsize: number;
  /** Parents mu = floor(lambda / 2). */
  readonly mu: number;
  /** lambda weights: the first mu positive and summing to 1, the rest <= 0 (all 0 for sep-CMA). */
  readonly weights: Float64Array;
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  readonly c1: number;
  readonly cMu: number;
  /** Learning rate of the mean, c_m = 1. */
  readonly cm: number;
  /** E||N(0, I)|| ~ sqrt(n) (1 - 1/(4n) + 1/(21 n^2)). */
  readonly chiN: number;
}

/** lambda = 4 + floor(3 ln n). Throws InvalidArgumentError unless n is an integer >= 1. */
export function defaultPopsize(n: number): number {
  checkDimension('n', n);
  return 4 + Math.floor(3 * Math.log(n));
}

/**
 * Throws InvalidArgumentError unless n is an integer >= 1 and popsize an integer >= 2 (the
 * rule of `CmaEs.create`): below that the weights are NaN or the arrays cannot be made.
 */
export function strategyParameters(
  n: number,
  popsize?: number,
  separable = false,
): StrategyParameters {
  checkDimension('n', n);
  if (popsize !== undefined) checkPopsize('popsize', popsize);
  checkBoolean('separable', separable);
  const lambda = popsize ?? defaultPopsize(n);
  const mu = Math.floor(lambda / 2);
  const raw = Array.from(
    { length: lambda },
    (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1),
  );
  let sumPos = 0;
  let sumPos2 = 0;
  let sumNeg = 0;
  let sumNeg2 = 0;
  for (const w of raw) {
    if (w > 0) {
      sumPos += w;
      sumPos2 += w * w;
    } else {
      sumNeg -= w;
      sumNeg2 += w * w;
    }
  }
  const muEff = (sumPos * sumPos) / sumPos2;
  const muEffNeg = sumNeg > 0 ? (sumNeg * sumNeg) / sumNeg2 : 0;

  const alphaCov = 2;
  let c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  let cMu = Math.min(
    1 - c1,
    (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2),
  );
  if (separable) {
    // Ros & Hansen 2008: a diagonal C has n, not n^2/2, free parameters, so it may learn faster.
    const scale = (n + 2) / 3;
    c1 *= scale;
    cMu = Math.min(1 - c1, cMu * scale);
  }
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);

  // Negative weights: scaled by the smallest of the three bounds of the tutorial.
  const alphaMuNeg = 1 + c1 / cMu;
  const alphaMuEffNeg = 1 + (2 * muEffNeg) / (muEff + 2);
  const alphaPosDefNeg = (1 - c1 - cMu) / (n * cMu);
  const negScale = Math.min(alphaMuNeg, alphaMuEffNeg, alphaPosDefNeg) / (sumNeg > 0 ? sumNeg : 1);

  const weights = new Float64Array(lambda);
  raw.forEach((w, i) => {
    weights[i] = w > 0 ? w / sumPos : separable ? 0 : w * negScale;
  });
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { n, popsize: lambda, mu, weights, muEff, cSigma, dSigma, cc, c1, cMu, cm: 1, chiN };
}
