import {
  checkOptionNames,
  type FrozenTrial,
  InvalidArgumentError,
  type JsonValue,
  type StudyDirection,
} from '@tunekit/core';
import { type StoppableStudy, type StudyCallback, trialsIn } from './callback-study.js';
import {
  checkRegretBoundOptions,
  REGRET_BOUND_OPTION_NAMES,
  type RegretBoundFit,
  type RegretBoundOptions,
  regretBoundFrom,
} from './regret-bound.js';
import { bestCompleteTrial } from './steps.js';
import { checkAtLeast } from './validate.js';

/** Every option name of `terminatorCallback`: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  ...REGRET_BOUND_OPTION_NAMES,
  'errorEstimate',
  'scoresAttr',
  'stdAttr',
  'onEvaluate',
  'warmStart',
] as const satisfies readonly (keyof TerminatorCallbackOptions)[];

export interface TerminatorCallbackOptions extends RegretBoundOptions {
  /** A fixed statistical error to compare the regret bound with; overrides the user attrs. */
  readonly errorEstimate?: number | undefined;
  /** User attr holding the best trial's per-fold scores. Default 'cvScores'. */
  readonly scoresAttr?: string | undefined;
  /**
   * User attr holding the best trial's statistical error, compared with the bound as it is
   * (read when the trial has no fold scores). Default 'cvStd'. From the standard deviation s
   * of k fold scores (dividing by k, numpy's default), store s * sqrt(1/k + 1/(k - 1)), as
   * the fold-score path computes; s alone overstates it (1.49 times at k = 5), and the study
   * stops early.
   */
  readonly stdAttr?: string | undefined;
  /** Called after each evaluation, with what was compared (for logging and plots). */
  readonly onEvaluate?: ((info: TerminatorEvaluation) => void) | undefined;
  /**
   * Start each evaluation's kernel fit where the previous one's ended (its parameters and the
   * minimiser's curvature) instead of from Optuna's fixed start. Default false, as Optuna.
   * With true, a fit takes a few iterations instead of about a dozen (about 3.5 times less
   * time per evaluation at 1,000 trials), but the likelihood often has several local optima
   * and the fit stays in the one it found before: its bound, and so the stop, can differ from
   * Optuna's, and depends on the evaluations before it (a resumed study or another worker
   * starts cold).
   * The fit carried over is the callback's own, so give each study its own callback; a fit on
   * other axes (another search space) is not used.
   */
  readonly warmStart?: boolean | undefined;
}

export interface TerminatorEvaluation {
  readonly trialNumber: number;
  readonly regretBound: number;
  readonly error: number;
  readonly stop: boolean;
}

/**
 * Stops the study when the plausible room left for improvement (an upper confidence bound
 * on the best trial's regret, from a GP over the top trials) falls below the statistical
 * error of the objective itself, so further search would chase noise: Optuna's Terminator
 * (Makarova et al. 2022). The error is `errorEstimate`, else Optuna's cross-validation error
 * of the best trial, std(scores) * sqrt(1/k + 1/(k - 1)) from its `cvScores` user attr, else
 * the error stored in its `cvStd` user attr, as it is. Nothing is decided before minNTrials
 * (default 20) COMPLETE trials or while the best trial has no error to read.
 */
export function terminatorCallback(given: TerminatorCallbackOptions = {}): StudyCallback {
  // null from JavaScript callers reads as no options, as for every pruner with optional ones.
  const options: TerminatorCallbackOptions = given ?? {};
  checkOptionNames(options, OPTION_NAMES, 'terminatorCallback');
  checkRegretBoundOptions(options);
  const minNTrials = options.minNTrials ?? 20;
  if (options.errorEstimate !== undefined) checkAtLeast('errorEstimate', options.errorEstimate, 0);
  const warmStart = options.warmStart ?? false;
  if (typeof warmStart !== 'boolean') {
    throw new InvalidArgumentError('warmStart', warmStart, 'must be a boolean');
  }
  // Read only after minNTrials COMPLETE trials: a bad onEvaluate would fail the study there,
  // and a bad attr name silently find no scores or error, so the study would never stop.
  const { onEvaluate } = options;
  if (onEvaluate !== undefined && onEvaluate !== null && typeof onEvaluate !== 'function') {
    throw new InvalidArgumentError('onEvaluate', onEvaluate, 'must be a function');
  }
  checkAttrName('scoresAttr', options.scoresAttr);
  checkAttrName('stdAttr', options.stdAttr);
  let warm: RegretBoundFit | undefined;
  return async (study: StoppableStudy, trial: FrozenTrial) => {
    const complete = await trialsIn(study, ['COMPLETE']);
    if (complete.length < minNTrials) return;
    const error = options.errorEstimate ?? statisticalError(complete, study.direction, options);
    if (error === undefined) return;
    const result = regretBoundFrom(
      complete,
      study.direction,
      { ...options, seed: (options.seed ?? 0) + complete.length },
      warm,
    );
    if (result === undefined) return;
    if (warmStart) warm = result.fit;
    const bound = result.bound;
    const stop = bound < error;
    options.onEvaluate?.({ trialNumber: trial.number, regretBound: bound, error, stop });
    if (stop) study.stop();
  };
}

/** The statistical error of the best COMPLETE trial read from its user attrs, if reported. */
export function statisticalError(
  complete: readonly FrozenTrial[],
  direction: StudyDirection,
  options: { scoresAttr?: string; stdAttr?: string } = {},
): number | undefined {
  const best = bestCompleteTrial(complete, direction);
  if (best === undefined) return undefined;
  const scores = numbers(best.userAttrs[options.scoresAttr ?? 'cvScores']);
  if (scores !== undefined && scores.length > 1 && scores.every(Number.isFinite))
    return crossValidationError(scores);
  const std = best.userAttrs[options.stdAttr ?? 'cvStd'];
  return typeof std === 'number' && Number.isFinite(std) ? std : undefined;
}

/** What `reportCrossValidationScores` needs of a trial: core's `Trial` fits. */
export interface ScoresTrial {
  setUserAttr(key: string, value: JsonValue): void;
}

/**
 * Records a trial's per-fold scores where `terminatorCallback` reads them (the `cvScores`
 * user attr, or `scoresAttr`): Optuna's `report_cross_validation_scores`. Pass
 * `crossValidate(...).testScores` or any k >= 2 finite fold scores.
 */
export function reportCrossValidationScores(
  trial: ScoresTrial,
  scores: readonly number[],
  options: { scoresAttr?: string } = {},
): void {
  checkScores(scores);
  checkAttrName('scoresAttr', options.scoresAttr);
  trial.setUserAttr(options.scoresAttr ?? 'cvScores', [...scores]);
}

/** A user attr name, when given: null or undefined stands for the default, as in `??`. */
function checkAttrName(param: string, name: string | undefined): void {
  if (name === undefined || name === null) return;
  if (typeof name !== 'string' || name === '') {
    throw new InvalidArgumentError(param, name, 'must be a non-empty string (a user attr name)');
  }
}

/** k >= 2 finite fold scores (Optuna asserts k > 1: one score has no spread). */
function checkScores(scores: readonly number[]): void {
  if (!Array.isArray(scores) || scores.length < 2) {
    throw new InvalidArgumentError(
      'scores',
      scores,
      'must hold at least 2 fold scores (the error needs their spread)',
    );
  }
  if (!scores.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new InvalidArgumentError('scores', scores, 'every score must be a finite number');
  }
}

/**
 * Optuna's CrossValidationErrorEvaluator: the standard deviation of the k fold scores
 * (ddof 0) scaled by sqrt(1/k + 1/(k - 1)), the corrected resampled variance of k-fold CV.
 */
export function crossValidationError(scores: readonly number[]): number {
  checkScores(scores);
  const k = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / k;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / k;
  return Math.sqrt((1 / k + 1 / (k - 1)) * variance);
}

function numbers(v: JsonValue | undefined): number[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
}
