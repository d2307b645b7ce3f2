export {
  checkChoice,
  checkInt,
  checkNumber,
  type Label,
  type Matrix,
} from './check.js';
export {
  type CrossValidateOptions,
  type CrossValidateReport,
  type CrossValidateResult,
  crossValidate,
  type FoldOrder,
  type MetricSummary,
} from './cross-validate.js';
export {
  type DenseMatrix,
  type EncodedLabels,
  encodeLabels,
  toDense,
  toRows,
  toTargets,
} from './dense.js';
export { EvaluatorError, NotFittedError, TrialPrunedError } from './errors.js';
export type { Estimator, EstimatorFactory, EstimatorType, TrialLike } from './estimator.js';
export {
  type LearningCurveOptions,
  type LearningCurveResult,
  learningCurve,
} from './learning-curve.js';
export {
  type AccuracyOptions,
  accuracyScore,
  type BalancedAccuracyOptions,
  balancedAccuracyScore,
  matthewsCorrcoef,
} from './metrics/classification.js';
export { type ConfusionMatrixOptions, confusionMatrix } from './metrics/confusion-matrix.js';
export { type LogLossOptions, logLoss } from './metrics/log-loss.js';
export {
  type Average,
  type FbetaOptions,
  f1Score,
  fbetaScore,
  type PrfOptions,
  precisionScore,
  recallScore,
  type ZeroDivision,
} from './metrics/precision-recall-f.js';
export {
  type AveragePrecisionOptions,
  averagePrecisionScore,
  type RocAucOptions,
  rocAucScore,
} from './metrics/ranking.js';
export {
  explainedVarianceScore,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  type R2Options,
  r2Score,
  rootMeanSquaredError,
} from './metrics/regression.js';
export {
  type PermutationTestOptions,
  type PermutationTestResult,
  permutationTestScore,
} from './permutation-test.js';
export type { Task } from './resolve-cv.js';
export { childSeed, createSplitRng, type SplitRng } from './rng.js';
export { applyStandardScaler, fitStandardScaler, type StandardScaler } from './scaler.js';
export {
  getScorer,
  type Scorer,
  type ScorerName,
  type ScorerNeeds,
  type ScorerOutput,
  type Scoring,
  scorers,
} from './scorers.js';
export { type GroupKFoldOptions, groupKFold } from './splitters/group-k-fold.js';
export { type KFoldOptions, kFold } from './splitters/k-fold.js';
export { leaveOneOut } from './splitters/leave-one-out.js';
export { type PredefinedSplitOptions, predefinedSplit } from './splitters/predefined-split.js';
export {
  type RepeatedKFoldOptions,
  type RepeatedStratifiedKFoldOptions,
  repeatedKFold,
  repeatedStratifiedKFold,
} from './splitters/repeated.js';
export { type ShuffleSplitOptions, shuffleSplit } from './splitters/shuffle-split.js';
export {
  type StratifiedGroupKFoldOptions,
  stratifiedGroupKFold,
} from './splitters/stratified-group-k-fold.js';
export {
  type StratifiedKFoldOptions,
  stratifiedKFold,
  type TooFewMembersPolicy,
} from './splitters/stratified-k-fold.js';
export { stratifiedShuffleSplit } from './splitters/stratified-shuffle-split.js';
export {
  type TimeSeriesSplitOptions,
  timeSeriesSplit,
} from './splitters/time-series-split.js';
export {
  type TrainTestSplitOptions,
  type TrainTestSplitResult,
  trainTestSplit,
} from './splitters/train-test-split.js';
export type { Fold, Sized, Splitter } from './splitters/types.js';
export { type TargetType, typeOfTarget } from './target.js';
export {
  type ValidationCurveOptions,
  type ValidationCurveResult,
  validationCurve,
} from './validation-curve.js';
