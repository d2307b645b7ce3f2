import type { FrozenTrial, Pruner, StudyView } from '@tunekit/core';

/** Never prunes: the way to turn pruning off explicitly. */
export class NopPruner implements Pruner {
  prune(_study: StudyView, _trial: FrozenTrial): boolean {
    return false;
  }
}
