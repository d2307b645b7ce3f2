import { createRng, hashString } from '@tunekit/core';
import { float, int, type Params, space } from '@tunekit/search-space';

/**
 * A synthetic training run for multi-fidelity benchmarks: four hyperparameters of an
 * imaginary network, a validation loss that decays from a common start towards the
 * configuration's final value at a configuration-dependent speed, with noise.
 *
 *   loss(step) = final + (start - final) * exp(-(step + 1) / tau) + noise,  start = final + 1
 *
 * Low learning rates converge slowly but (down to 1e-2) to better losses, so curves cross
 * and early values mislead, as with real training: at step 1 the best configuration
 * (lr 1e-2) is still behind lr 1e-1, and catches up at step 11 (other hyperparameters at
 * their best; at step 18 with momentum 0). The closer two final losses, the later the
 * crossing: lr 1.5e-2, 2% worse, leads the best until step 24.
 */
export const learningCurveSpace = space({
  lr: float(1e-4, 1, { log: true }),
  width: int(16, 512, { log: true }),
  dropout: float(0, 0.6),
  momentum: float(0, 0.99),
});

export type LearningCurveParams = Params<typeof learningCurveSpace>;

export interface LearningCurveProblem {
  readonly name: string;
  readonly space: typeof learningCurveSpace;
  readonly direction: 'minimize';
  /** Steps of a full run (reported as steps 0..maxSteps-1). */
  readonly maxSteps: number;
  /** The loss the run converges to (no noise, infinite steps). */
  finalValue(p: LearningCurveParams): number;
  /** Time constant of the decay, in steps. */
  tau(p: LearningCurveParams): number;
  /** The noise-free loss after step `step` (0-based). */
  expected(p: LearningCurveParams, step: number): number;
  /**
   * The observed curve of one run: noise (standard deviation `noise`) drawn from a generator
   * seeded by `runSeed`, so a run is reproducible.
   */
  curve(p: LearningCurveParams, runSeed: number): number[];
  /** The best noise-free loss at the last step (the optimum of the benchmark). */
  readonly optimum: number;
  /** Standard deviation of the noise added to each reported loss. */
  readonly noise: number;
  /** The one time constant of every curve, or undefined for the configuration-dependent one. */
  readonly fixedTau: number | undefined;
}

const HEAD_START = 1;
const BEST: LearningCurveParams = { lr: 1e-2, width: 128, dropout: 0.25, momentum: 0.9 };

function finalValue(p: LearningCurveParams): number {
  const lr = (Math.log10(p.lr) + 2) ** 2 * 0.06;
  const width = (Math.log2(p.width) - 7) ** 2 * 0.012;
  const dropout = (p.dropout - 0.25) ** 2 * 0.8;
  const momentum = (p.momentum - 0.9) ** 2 * 0.4;
  // A mild interaction: large widths want more dropout.
  const inter = 0.05 * Math.max(0, Math.log2(p.width) - 7) * Math.max(0, 0.3 - p.dropout);
  return 0.1 + lr + width + dropout + momentum + inter;
}

function tau(p: LearningCurveParams): number {
  // Slower for small learning rates, faster with momentum; between 2 and 40 steps.
  const t = 6 * (1e-2 / p.lr) ** 0.15 * (1.3 - 0.5 * p.momentum);
  return Math.min(40, Math.max(2, t));
}

export interface LearningCurveOptions {
  /** Steps of a full run. Default 100. */
  readonly maxSteps?: number;
  /** Standard deviation of the noise added to each reported loss. Default 0.01. */
  readonly noise?: number;
  /**
   * One time constant for every configuration, in steps, instead of the
   * configuration-dependent one. Every curve then lies the same height above its final loss
   * at a given step, so curves never cross (noise aside): a diagnostic variant, to tell how
   * much of a pruner's loss comes from misleading early values.
   */
  readonly fixedTau?: number;
}

export function makeLearningCurveProblem(options: LearningCurveOptions = {}): LearningCurveProblem {
  const maxSteps = options.maxSteps ?? 100;
  const noise = options.noise ?? 0.01;
  const { fixedTau } = options;
  if (!(Number.isFinite(noise) && noise >= 0))
    throw new RangeError(`noise must be a finite standard deviation >= 0, got ${noise}`);
  if (fixedTau !== undefined && !(Number.isFinite(fixedTau) && fixedTau > 0))
    throw new RangeError(`fixedTau must be a finite, positive number of steps, got ${fixedTau}`);
  const tauOf = fixedTau === undefined ? tau : () => fixedTau;
  const expected = (p: LearningCurveParams, step: number) => {
    const f = finalValue(p);
    return f + HEAD_START * Math.exp(-(step + 1) / tauOf(p));
  };
  return {
    name: `learning-curve-${maxSteps}${fixedTau === undefined ? '' : `-tau${fixedTau}`}`,
    space: learningCurveSpace,
    direction: 'minimize',
    maxSteps,
    finalValue,
    tau: tauOf,
    expected,
    curve(p, runSeed) {
      const rng = createRng(hashString(`${runSeed}`));
      return Array.from({ length: maxSteps }, (_, s) => expected(p, s) + noise * rng.normal());
    },
    optimum: expected(BEST, maxSteps - 1),
    noise,
    fixedTau,
  };
}

/** The default instance: 100 steps, noise 0.01. */
export const learningCurve: LearningCurveProblem = makeLearningCurveProblem();
