import { categorical, float, space } from '@tunekit/search-space';

/** Default search space of `gaussianNB`: the smoothing on a log scale (scikit-learn's usual logspace(-9, 0) grid, widened). */
export const gaussianNBSpace = space({
  varSmoothing: float(1e-12, 1, { log: true }),
});

/** Default search space of `multinomialNB`: smoothing on a log scale, learned or uniform priors. */
export const multinomialNBSpace = space({
  alpha: float(1e-3, 10, { log: true }),
  fitPrior: categorical([true, false] as const),
});
