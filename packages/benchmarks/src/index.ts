export { formatComparison } from './compare.js';
export { contractLoop, runStudy } from './drive.js';
export {
  type AnyProblem,
  ackley,
  ackley5,
  type BoxProblemSpec,
  type BoxSpace,
  boxProblem,
  boxSpace,
  branin,
  constantPoint,
  hartmann6,
  levy,
  levy5,
  mixed7,
  type Problem,
  problemsByName,
  referenceProblems,
  rosenbrock,
  rosenbrock5,
  STYBLINSKI_TANG_ARGMIN,
  styblinskiTang,
  styblinskiTang5,
  vectorOf,
} from './problems/index.js';
export { randomRegret } from './random-regret.js';
export { optunaBudget, optunaReference } from './reference.js';
export {
  type BenchmarkOptions,
  type BenchmarkResult,
  type ProblemResult,
  type RunRecord,
  runBenchmark,
  type SamplerResult,
} from './runner.js';
export { gridFor, type RunContext, type SamplerFactory, samplerRegistry } from './samplers.js';
export {
  bestSoFar,
  blockVerdicts,
  normalisedAuc,
  probabilityBetter,
  quantile,
  type Summary,
  summarize,
} from './stats.js';
export { formatTable, optunaFigure } from './table.js';
