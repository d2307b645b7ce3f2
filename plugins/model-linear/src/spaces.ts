import { categorical, float, space } from '@tunekit/search-space';

/** Default search space of `linearRegression`: only whether to fit an intercept (OLS has no penalty to tune). */
export const linearRegressionSpace = space({
  fitIntercept: categorical([true, false] as const),
});

/** Default search space of `ridge`: the penalty weight over eight decades. */
export const ridgeSpace = space({
  alpha: float(1e-4, 1e4, { log: true }),
});

/** Default search space of `lasso`. */
export const lassoSpace = space({
  alpha: float(1e-5, 10, { log: true }),
});

/** Default search space of `elasticNet`: penalty weight (log) and the L1 share. */
export const elasticNetSpace = space({
  alpha: float(1e-5, 10, { log: true }),
  l1Ratio: float(0.05, 1),
});

/** Default search space of `logisticRegression`: C over eight decades and the penalty kind (l1Ratio is used by 'elasticnet'). */
export const logisticRegressionSpace = space({
  C: float(1e-4, 1e4, { log: true }),
  penalty: categorical(['l2', 'l1', 'elasticnet'] as const),
  l1Ratio: float(0, 1),
});
