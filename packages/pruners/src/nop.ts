import type { FrozenTrial, Pruner, StudyView } from '@tunekit/core';

/** Never prunes: the way to turn pruning off explicitly. */
export class NopPruner implements Pruner {
  /** The pruner's name, for messages and logs. */
  readonly name: string = 'NopPruner';
  /** Never looks at other trials, so the runtime need not re-read the study after reports. */
  readonly readsOtherTrials = false;

  prune(_study: StudyView, _trial: FrozenTrial): boolean {
    return false;
  }
}
