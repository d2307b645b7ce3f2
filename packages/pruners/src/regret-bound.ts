import {
  checkOptionNames,
  createRng,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  fromUnit,
  InvalidArgumentError,
  type StudyDirection,
  toUnit,
} from '@tunekit/core';
import { fitGaussianProcess, type KernelFit } from './gaussian-process.js';
import { checkInt, checkOneOf } from './validate.js';

export interface RegretBoundOptions {
  /** Share of the COMPLETE trials (the best ones) the GP is fitted to. Default 0.5. */
  readonly topTrialsRatio?: number | undefined;
  /**
   * At least this many trials (or all) are used. Default 20. In `terminatorCallback` it is
   * also the COMPLETE trials needed before any evaluation: Optuna's `Terminator` and
   * `RegretBoundEvaluator` each take a `min_n_trials` (both 20); here one value sets both.
   */
  readonly minNTrials?: number | undefined;
  /** Random points at which the upper confidence bound is maximised. Default 2048. */
  readonly nSamples?: number | undefined;
  /** Confidence parameter of the bound (1 - delta). Default 0.1. */
  readonly delta?: number | undefined;
  readonly seed?: number | undefined;
}

/** Every option name of `regretBound`: any other is refused (`checkOptionNames`). */
export const REGRET_BOUND_OPTION_NAMES = [
  'topTrialsRatio',
  'minNTrials',
  'nSamples',
  'delta',
  'seed',
] as const satisfies readonly (keyof RegretBoundOptions)[];

/**
 * Throws InvalidArgumentError for an option the bound cannot use. A NaN ratio or a delta of
 * 0 or less gives a NaN or infinite bound, which would silently keep a terminator from ever
 * stopping; the bound holds with probability 1 - delta, which says nothing for delta >= 1.
 * A ratio of 0 (use the top minNTrials) or above 1 (all trials) works, as in Optuna.
 */
export function checkRegretBoundOptions(options: RegretBoundOptions): void {
  const { topTrialsRatio: ratio, delta, seed } = options;
  if (ratio !== undefined && !(typeof ratio === 'number' && Number.isFinite(ratio) && ratio >= 0)) {
    throw new InvalidArgumentError('topTrialsRatio', ratio, 'must be a finite number >= 0');
  }
  if (options.minNTrials !== undefined) checkInt('minNTrials', options.minNTrials, 1);
  if (options.nSamples !== undefined) checkInt('nSamples', options.nSamples, 0);
  if (delta !== undefined && !(typeof delta === 'number' && delta > 0 && delta < 1)) {
    throw new InvalidArgumentError('delta', delta, 'must be a number in (0, 1) (a probability)');
  }
  if (seed !== undefined && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new InvalidArgumentError('seed', seed, 'must be a finite number');
  }
}

/**
 * An upper confidence bound on the regret of the best trial (how much better the optimum may
 * plausibly be), after Makarova et al. (2022) as Optuna 4's RegretBoundEvaluator computes it:
 * fit its GP (see gaussian-process.ts) to the top trials (standardised values, parameters on
 * the unit cube of the parameters all trials share), then max UCB over the top trials and
 * random points minus max LCB over the top trials, with beta = 2 log(d n^2 pi^2 / (6 delta)) / 5
 * for n top trials, scaled back to the objective.
 * Undefined when no COMPLETE trial or no shared parameter exists. Trials that are not an
 * array, or a direction other than 'minimize' or 'maximize', are an InvalidArgumentError.
 */
export function regretBound(
  trials: readonly FrozenTrial[],
  direction: StudyDirection,
  options: RegretBoundOptions = {},
): number | undefined {
  if (!Array.isArray(trials)) {
    throw new InvalidArgumentError('trials', trials, 'must be an array of trials');
  }
  // The values are signed by `direction === 'minimize'`, so a misspelt one would maximise.
  checkOneOf('direction', direction, ['minimize', 'maximize']);
  checkOptionNames(options, REGRET_BOUND_OPTION_NAMES, 'regretBound');
  // null from JavaScript callers reads as no options, as for every pruner with optional ones.
  return regretBoundFrom(trials, direction, options ?? {})?.bound;
}

/** Where an evaluation's kernel fit ended, with the axes it was fitted on. */
export interface RegretBoundFit {
  readonly names: readonly string[];
  readonly categorical: readonly boolean[];
  readonly kernel: KernelFit;
}

/**
 * regretBound, with its GP's kernel fit started from `warm` (where an earlier evaluation's
 * fit ended) when that fit has the same axes, and returning where this one's ended. The
 * terminator evaluates the bound after every trial, and one trial more barely moves the
 * optimum of the kernel fit.
 */
export function regretBoundFrom(
  trials: readonly FrozenTrial[],
  direction: StudyDirection,
  options: RegretBoundOptions,
  warm?: RegretBoundFit,
): { bound: number; fit: RegretBoundFit } | undefined {
  checkRegretBoundOptions(options);
  const set = trainingSet(
    trials,
    direction,
    options.topTrialsRatio ?? 0.5,
    options.minNTrials ?? 20,
  );
  if (set === undefined) return undefined;
  const { x: xs, y, categorical, std, space, names } = set;
  const sameAxes =
    warm !== undefined &&
    warm.names.length === names.length &&
    warm.names.every((name, i) => name === names[i] && warm.categorical[i] === categorical[i]);
  const gp = fitGaussianProcess(xs, y, categorical, sameAxes ? warm.kernel : undefined);

  const d = names.length;
  const delta = options.delta ?? 0.1;
  const beta = (2 * Math.log((d * xs.length ** 2 * Math.PI ** 2) / 6 / delta)) / 5;
  const sqrtBeta = Math.sqrt(Math.max(beta, 0));
  let maxUcb = Number.NEGATIVE_INFINITY;
  let maxLcb = Number.NEGATIVE_INFINITY;
  const top = gp.trainingPosterior();
  for (let i = 0; i < xs.length; i++) {
    const sd = Math.sqrt(top.variance[i]);
    maxUcb = Math.max(maxUcb, top.mean[i] + sqrtBeta * sd);
    maxLcb = Math.max(maxLcb, top.mean[i] - sqrtBeta * sd);
  }
  const rng = createRng(options.seed ?? 0);
  const nSamples = options.nSamples ?? 2048;
  const points = new Float64Array(nSamples * d);
  const bounds = new Float64Array(nSamples);
  for (let s = 0; s < nSamples; s++) {
    // Random points of the space: on its grid for discrete and categorical axes, as Optuna.
    const point = points.subarray(s * d, (s + 1) * d);
    for (let i = 0; i < d; i++) {
      point[i] = toUnit(space[names[i]], fromUnit(space[names[i]], rng.random()));
    }
    const { mean, varianceBound } = gp.meanAndVarianceBound(point);
    // A NaN bound sorts first, so the exact UCB carries the NaN into the result as before.
    bounds[s] = mean + sqrtBeta * Math.sqrt(varianceBound);
    if (Number.isNaN(bounds[s])) bounds[s] = Number.POSITIVE_INFINITY;
  }
  // The exact UCB costs a forward solve (n^2 / 2); the bound costs O(n d). Visiting the
  // points from the largest bound down, the first whose bound cannot beat the maximum so far
  // ends the search. On the problem of `bench:terminator --cost` about 6% of the 2,048 points
  // need the solve; on a coarse grid, where points repeat, up to about 25%.
  const order = Uint32Array.from({ length: nSamples }, (_, s) => s).sort(
    (a, b) => bounds[b] - bounds[a],
  );
  for (const s of order) {
    if (!(bounds[s] > maxUcb)) break;
    const { mean, variance } = gp.predict(points.subarray(s * d, (s + 1) * d));
    maxUcb = Math.max(maxUcb, mean + sqrtBeta * Math.sqrt(variance));
  }
  return {
    bound: (maxUcb - maxLcb) * std,
    fit: { names, categorical, kernel: gp.kernelFit },
  };
}

/** What the bound's GP is fitted to. */
export interface TrainingSet {
  /** The top trials' parameters on the unit cube, axes in `names` order. */
  readonly x: readonly number[][];
  /** Their values in the maximisation form, standardised. */
  readonly y: readonly number[];
  readonly categorical: readonly boolean[];
  /** The standard deviation the values were divided by (at least 1e-10). */
  readonly std: number;
  readonly space: Readonly<Record<string, Distribution>>;
  readonly names: readonly string[];
}

/**
 * The top max(floor(n * ratio), minNTrials) COMPLETE trials (all n if fewer; ties at the
 * threshold kept, as Optuna), or undefined when no COMPLETE trial or no shared parameter
 * exists.
 */
export function trainingSet(
  trials: readonly FrozenTrial[],
  direction: StudyDirection,
  ratio: number,
  minNTrials: number,
): TrainingSet | undefined {
  const complete = trials.filter(
    (t) => t.state === 'COMPLETE' && t.value !== undefined && Number.isFinite(t.value),
  );
  if (complete.length === 0) return undefined;
  const space = intersectionSpace(complete);
  const names = Object.keys(space).sort();
  if (names.length === 0) return undefined;

  const sign = direction === 'minimize' ? -1 : 1;
  const all = complete.map((t) => ({
    x: names.map((name) => toUnit(space[name], t.params[name])),
    y: sign * (t.value as number),
  }));
  const n = all.length;
  const topN = Math.min(Math.max(Math.floor(n * ratio), minNTrials), n);
  const threshold = [...all.map((p) => p.y)].sort((a, b) => b - a)[topN - 1];
  const top = all.filter((p) => p.y >= threshold);

  const mean = top.reduce((s, p) => s + p.y, 0) / top.length;
  const std = Math.max(
    1e-10,
    Math.sqrt(top.reduce((s, p) => s + (p.y - mean) ** 2, 0) / top.length),
  );
  return {
    x: top.map((p) => p.x),
    y: top.map((p) => (p.y - mean) / std),
    categorical: names.map((name) => space[name].type === 'categorical'),
    std,
    space,
    names,
  };
}

/** The parameters every trial has, with the same distribution in all of them. */
function intersectionSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  const out: Record<string, Distribution> = { ...trials[0].distributions };
  for (const t of trials.slice(1)) {
    for (const name of Object.keys(out)) {
      const d = t.distributions[name];
      if (d === undefined || !distributionsEqual(d, out[name])) delete out[name];
    }
  }
  return out;
}
