import { checkOptionNames } from '@tunekit/core';
import {
  COMMON_OPTION_NAMES,
  PercentilePruner,
  type PercentilePrunerCommonOptions,
} from './percentile.js';

export type MedianPrunerOptions = PercentilePrunerCommonOptions;

/** Prunes a trial whose best intermediate value is worse than the median of COMPLETE trials at the same step. */
export class MedianPruner extends PercentilePruner {
  override readonly name: string = 'MedianPruner';

  constructor(options: MedianPrunerOptions = {}) {
    checkOptionNames(options, COMMON_OPTION_NAMES, 'MedianPruner');
    super({ ...options, percentile: 50 });
  }
}
