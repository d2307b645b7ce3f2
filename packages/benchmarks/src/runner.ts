import { runStudy } from './drive.js';
import type { AnyProblem } from './problems/problem.js';
import { randomRegret } from './random-regret.js';
import type { SamplerFactory } from './samplers.js';
import { bestSoFar, normalisedAuc, type Summary, summarize } from './stats.js';

export interface BenchmarkOptions {
  /** Samplers by display name, each made fresh per run from the run's seed. */
  readonly samplers: Readonly<Record<string, SamplerFactory>>;
  readonly problems: readonly AnyProblem[];
  /** A count n (seeds 0..n-1) or the seeds themselves. */
  readonly seeds: number | readonly number[];
  /** Trials per run; default each problem's own budget, else 100. */
  readonly budget?: number;
  /** Called after every run (progress reporting). */
  readonly onRun?: (run: RunRecord) => void;
}

/** One study: a sampler on a problem with a seed. */
export interface RunRecord {
  readonly problem: string;
  readonly sampler: string;
  readonly seed: number;
  /** Objective value of every trial, in order. */
  readonly values: number[];
  /** Best value at the end of the budget. */
  readonly best: number;
  /** Normalised area under the best-so-far regret curve (0 best, ~1 random-point level). */
  readonly auc: number;
  readonly elapsedMs: number;
}

export interface SamplerResult {
  readonly runs: RunRecord[];
  readonly best: Summary;
  readonly auc: Summary;
}

export interface ProblemResult {
  readonly problem: string;
  readonly optimum: number;
  readonly direction: 'minimize' | 'maximize';
  readonly budget: number;
  /** Mean regret of a random point: the AUC's unit. */
  readonly aucScale: number;
  readonly samplers: Record<string, SamplerResult>;
}

export interface BenchmarkResult {
  readonly seeds: readonly number[];
  readonly problems: ProblemResult[];
}

/** Runs every sampler on every problem for every seed and summarises the runs. */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const seeds =
    typeof options.seeds === 'number'
      ? Array.from({ length: options.seeds }, (_, i) => i)
      : [...options.seeds];
  const problems: ProblemResult[] = [];
  for (const problem of options.problems) {
    const budget = options.budget ?? problem.budget ?? 100;
    const scale = randomRegret(problem);
    const samplers: Record<string, SamplerResult> = {};
    for (const [name, make] of Object.entries(options.samplers)) {
      const runs: RunRecord[] = [];
      for (const seed of seeds) {
        const start = performance.now();
        const values = await runStudy(make(seed, { problem, budget }), problem, budget);
        const curve = bestSoFar(values, problem.direction);
        const run: RunRecord = {
          problem: problem.name,
          sampler: name,
          seed,
          values,
          best: curve[curve.length - 1],
          auc: normalisedAuc(curve, problem.optimum, scale),
          elapsedMs: performance.now() - start,
        };
        runs.push(run);
        options.onRun?.(run);
      }
      samplers[name] = {
        runs,
        best: summarize(runs.map((r) => r.best)),
        auc: summarize(runs.map((r) => r.auc)),
      };
    }
    problems.push({
      problem: problem.name,
      optimum: problem.optimum,
      direction: problem.direction,
      budget,
      aucScale: scale,
      samplers,
    });
  }
  return { seeds, problems };
}
