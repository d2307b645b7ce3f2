import { categorical, float, space } from '@tunekit/search-space';

/**
 * Default search space of `svc`: the classic log-scaled C x gamma grid (Hsu, Chang and Lin's
 * practical guide) plus the kernel choice; gamma is a number here ('scale' is the default
 * outside tuning).
 */
export const svcSpace = space({
  C: float(1e-3, 1e3, { log: true }),
  gamma: float(1e-4, 10, { log: true }),
  kernel: categorical(['rbf', 'linear', 'poly', 'sigmoid'] as const),
});

/** Default search space of `svr`: C, gamma and the tube width, all log-scaled. */
export const svrSpace = space({
  C: float(1e-2, 1e3, { log: true }),
  gamma: float(1e-4, 10, { log: true }),
  epsilon: float(1e-3, 10, { log: true }),
  kernel: categorical(['rbf', 'linear', 'poly'] as const),
});
