import { categorical, float, int, space } from '@tunekit/search-space';

/**
 * Axes both forests share. Forest size is a cost knob more than an accuracy one, so it spans
 * 50..500 on a log scale; maxFeatures as a fraction covers the sqrt/log2 rules on typical
 * feature counts.
 */
const forestAxes = {
  nEstimators: int(50, 500, { log: true }),
  maxDepth: int(2, 32, { log: true }),
  minSamplesSplit: int(2, 20, { log: true }),
  minSamplesLeaf: int(1, 10, { log: true }),
  maxFeatures: float(0.05, 1),
  bootstrap: categorical([true, false] as const),
};

/** Default search space of `randomForestClassifier`: the shared axes plus the split criterion. */
export const randomForestClassifierSpace = space({
  ...forestAxes,
  criterion: categorical(['gini', 'entropy'] as const),
});

/** Default search space of `randomForestRegressor` (squared error is its only criterion). */
export const randomForestRegressorSpace = space(forestAxes);
