export type { StoppableStudy, StudyCallback } from './callback-study.js';
export { HyperbandPruner, type HyperbandPrunerOptions } from './hyperband.js';
export {
  type IterativeObjectiveOptions,
  iterativeObjective,
  type ReportingTrial,
  runWithReports,
} from './iterative.js';
export { type MaxTrialsCallbackOptions, maxTrialsCallback } from './max-trials.js';
export { MedianPruner, type MedianPrunerOptions } from './median.js';
export { NopPruner } from './nop.js';
export { PatientPruner, type PatientPrunerOptions } from './patient.js';
export {
  PercentilePruner,
  type PercentilePrunerCommonOptions,
  type PercentilePrunerOptions,
} from './percentile.js';
export { type RegretBoundOptions, regretBound } from './regret-bound.js';
export { type Alternative, type SignedRankResult, signedRankTest } from './signed-rank.js';
export { type StagnationCallbackOptions, stagnationCallback } from './stagnation.js';
export {
  completedRungKey,
  decodeRungValue,
  encodeRungValue,
  SuccessiveHalvingPruner,
  type SuccessiveHalvingPrunerOptions,
} from './successive-halving.js';
export {
  crossValidationError,
  reportCrossValidationScores,
  type ScoresTrial,
  type TerminatorCallbackOptions,
  type TerminatorEvaluation,
  terminatorCallback,
} from './terminator.js';
export { ThresholdPruner, type ThresholdPrunerOptions } from './threshold.js';
export { WilcoxonPruner, type WilcoxonPrunerOptions } from './wilcoxon.js';
