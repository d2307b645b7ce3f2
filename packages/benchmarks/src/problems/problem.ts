import type { StudyDirection } from '@tunekit/core';
import type { Params, Space } from '@tunekit/search-space';

/** A benchmark problem: a search space, an objective on it, and what is known about its optimum. */
export interface Problem<S extends Space = Space> {
  readonly name: string;
  readonly space: S;
  readonly objective: (params: Params<S>) => number;
  /** The best value the objective can take. */
  readonly optimum: number;
  readonly direction: StudyDirection;
  /** Default number of trials when a benchmark run does not set one. */
  readonly budget?: number;
  /** A point where the optimum is attained (one of them when there are several). */
  readonly argOptimum?: Params<S>;
}

/** A problem with its space type erased, as runners handle them. */
export type AnyProblem = Problem<Space>;
