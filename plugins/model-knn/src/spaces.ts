import { categorical, int, space } from '@tunekit/search-space';

/** Default search space of `knnClassifier`: k on a log scale, both weightings, Manhattan or Euclidean. */
export const knnClassifierSpace = space({
  nNeighbors: int(1, 50, { log: true }),
  weights: categorical(['uniform', 'distance'] as const),
  p: categorical([1, 2] as const),
});

/** Default search space of `knnRegressor` (same axes as the classifier's). */
export const knnRegressorSpace = space({
  nNeighbors: int(1, 50, { log: true }),
  weights: categorical(['uniform', 'distance'] as const),
  p: categorical([1, 2] as const),
});
