import {
  type CreateStudyOptions,
  createStudy as createCoreStudy,
  type LoadStudyOptions,
  loadStudy as loadCoreStudy,
  type Study,
} from '@tunekit/core';
import { MedianPruner } from '@tunekit/pruners';
import { TpeSampler } from '@tunekit/sampler-tpe';

/**
 * `createStudy` from @tunekit/core with tunekit's defaults filled in: the TPE sampler and the
 * Median pruner, as Optuna defaults to. Anything given explicitly wins.
 */
export function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  return createCoreStudy({
    ...options,
    sampler: options.sampler ?? new TpeSampler(),
    pruner: options.pruner ?? new MedianPruner(),
  });
}

/** `loadStudy` from @tunekit/core with the same defaults as `createStudy`. */
export function loadStudy(options: LoadStudyOptions): Promise<Study> {
  return loadCoreStudy({
    ...options,
    sampler: options.sampler ?? new TpeSampler(),
    pruner: options.pruner ?? new MedianPruner(),
  });
}
