import { type FloatDistribution, float, type Space, space } from '@tunekit/search-space';
import type { Problem } from './problem.js';

/** The space of a box problem. */
export type BoxSpace = Space<Record<string, FloatDistribution>>;

/** The space of n floats x0..x{n-1}, each in [low, high]. */
export function boxSpace(n: number, low: number, high: number): BoxSpace {
  const dists: Record<string, FloatDistribution> = {};
  for (let i = 0; i < n; i++) dists[`x${i}`] = float(low, high);
  return space(dists);
}

/** The params x0..x{n-1} of a box problem as an array. */
export function vectorOf(params: Readonly<Record<string, unknown>>, n: number): number[] {
  const x: number[] = [];
  for (let i = 0; i < n; i++) x.push(params[`x${i}`] as number);
  return x;
}

/** The point with every coordinate equal to v, as box params. */
export function constantPoint(n: number, v: number): Record<string, number> {
  const p: Record<string, number> = {};
  for (let i = 0; i < n; i++) p[`x${i}`] = v;
  return p;
}

/** What defines an n-D box problem. */
export interface BoxProblemSpec {
  /** Name stem; the dimension is appended (`ackley` -> `ackley5`). */
  readonly stem: string;
  readonly n: number;
  /** Smallest dimension the function is defined for. */
  readonly minN: number;
  readonly low: number;
  readonly high: number;
  readonly f: (x: number[]) => number;
  readonly optimum: number;
  /** The coordinate every argmin coordinate equals. */
  readonly argCoordinate: number;
  readonly budget?: number;
}

/** A minimised problem on [low, high]^n with params x0..x{n-1}; checks n. */
export function boxProblem(spec: BoxProblemSpec): Problem<BoxSpace> {
  const { n } = spec;
  if (!Number.isInteger(n) || n < spec.minN) {
    throw new RangeError(`${spec.stem}: n must be an integer >= ${spec.minN}, got ${n}`);
  }
  return {
    name: `${spec.stem}${n}`,
    space: boxSpace(n, spec.low, spec.high),
    objective: (params) => spec.f(vectorOf(params, n)),
    optimum: spec.optimum,
    direction: 'minimize',
    budget: spec.budget,
    argOptimum: constantPoint(n, spec.argCoordinate),
  };
}
