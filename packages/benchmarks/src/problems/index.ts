import { ackley5 } from './ackley.js';
import { branin } from './branin.js';
import { hartmann6 } from './hartmann6.js';
import { levy5 } from './levy.js';
import { mixed7 } from './mixed7.js';
import type { AnyProblem } from './problem.js';
import { rosenbrock5 } from './rosenbrock.js';
import { styblinskiTang5 } from './styblinski-tang.js';

export { ackley, ackley5 } from './ackley.js';
export {
  type BoxProblemSpec,
  type BoxSpace,
  boxProblem,
  boxSpace,
  constantPoint,
  vectorOf,
} from './box.js';
export { branin } from './branin.js';
export { hartmann6 } from './hartmann6.js';
export { levy, levy5 } from './levy.js';
export { mixed7 } from './mixed7.js';
export type { AnyProblem, Problem } from './problem.js';
export { rosenbrock, rosenbrock5 } from './rosenbrock.js';
export { STYBLINSKI_TANG_ARGMIN, styblinskiTang, styblinskiTang5 } from './styblinski-tang.js';

/** The problems of the reference table (Optuna 3.1 figures), in its order. */
export const referenceProblems: readonly AnyProblem[] = [
  branin,
  hartmann6,
  rosenbrock5,
  mixed7,
] as never;

/** Every built-in problem by name. */
export const problemsByName: Readonly<Record<string, AnyProblem>> = Object.fromEntries(
  (
    [
      branin,
      hartmann6,
      rosenbrock5,
      mixed7,
      ackley5,
      styblinskiTang5,
      levy5,
    ] as unknown as AnyProblem[]
  ).map((p) => [p.name, p]),
);
