import { checkOptionNames, type FrozenTrial, type Pruner, type StudyView } from '@tunekit/core';
import { BestTrialTracker } from './best-trial.js';
import { signedRankTest } from './signed-rank.js';
import { checkInt, checkRange } from './validate.js';

export interface WilcoxonPrunerOptions {
  /** Prune when the test is this sure (p below it) that the trial is worse than the best. Default 0.1. */
  readonly pThreshold?: number | undefined;
  /** Paired steps needed before the first test (never fewer than 2). Default 2. */
  readonly nStartupSteps?: number | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'pThreshold',
  'nStartupSteps',
] as const satisfies readonly (keyof WilcoxonPrunerOptions)[];

/**
 * For objectives that average many per-instance evaluations (folds, inputs, seeds), each
 * reported as its own step: prunes when a one-sided Wilcoxon signed-rank test over the steps
 * the trial shares with the best COMPLETE trial says, at level pThreshold, that the trial is
 * worse (Optuna's WilcoxonPruner, 3.6+ with the 4.x startup rule). For safety a trial whose
 * mean is not worse than the best trial's mean is never pruned, and trials with NaN or
 * infinite values are never pruned.
 */
export class WilcoxonPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'WilcoxonPruner';
  readonly pThreshold: number;
  readonly nStartupSteps: number;
  /** The best COMPLETE trial of each view, updated from the trials changed since the last call. */
  readonly #best = new BestTrialTracker();

  constructor(given: WilcoxonPrunerOptions = {}) {
    // null from JavaScript callers reads as no options, as for every pruner with optional ones.
    const options: WilcoxonPrunerOptions = given ?? {};
    checkOptionNames(options, OPTION_NAMES, 'WilcoxonPruner');
    this.pThreshold = checkRange('pThreshold', options.pThreshold ?? 0.1, 0, 1);
    this.nStartupSteps = checkInt('nStartupSteps', options.nStartupSteps ?? 2, 0);
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const current = trial.intermediateValues;
    if (current.size === 0) return false;
    for (const v of current.values()) if (!Number.isFinite(v)) return false;
    const best = this.#best.best(study);
    if (best === undefined || best.intermediateValues.size === 0) return false;
    for (const v of best.intermediateValues.values()) if (!Number.isFinite(v)) return false;

    const shared = [...current.keys()]
      .filter((s) => best.intermediateValues.has(s))
      .sort((a, b) => a - b);
    const diffs = shared.map(
      (s) => (current.get(s) as number) - (best.intermediateValues.get(s) as number),
    );
    if (diffs.length < Math.max(2, this.nStartupSteps)) return false;

    const maximize = study.direction === 'maximize';
    const meanBest = mean(best.intermediateValues.values());
    const meanCurrent = mean(current.values());
    const averageIsBest = maximize ? meanBest <= meanCurrent : meanBest >= meanCurrent;
    const { pValue } = signedRankTest(diffs, maximize ? 'less' : 'greater');
    if (pValue < this.pThreshold && averageIsBest) return false;
    return pValue < this.pThreshold;
  }
}

function mean(values: Iterable<number>): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    s += v;
    n += 1;
  }
  return s / n;
}
