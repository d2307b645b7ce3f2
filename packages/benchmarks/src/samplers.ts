import type { Sampler } from '@tunekit/core';
import * as cmaes from '@tunekit/sampler-cmaes';
import * as gp from '@tunekit/sampler-gp';
import * as grid from '@tunekit/sampler-grid';
import * as qmc from '@tunekit/sampler-qmc';
import * as random from '@tunekit/sampler-random';
import * as tpe from '@tunekit/sampler-tpe';
import { type CategoricalChoice, fromUnit } from '@tunekit/search-space';
import type { AnyProblem } from './problems/problem.js';

/** What a run is about, for samplers that need it (a grid must know the space and budget). */
export interface RunContext {
  readonly problem: AnyProblem;
  readonly budget: number;
}

/** Makes a fresh sampler for one run from the run's seed (and, if it needs them, the problem and budget). */
export type SamplerFactory = (seed: number, context?: RunContext) => Sampler;

type SamplerClass = new (options: Record<string, unknown>) => Sampler;

/** The class a plugin exports under `name`, or undefined while the plugin exports nothing yet. */
function exported(pkg: object, name: string): SamplerClass | undefined {
  const c = (pkg as Record<string, unknown>)[name];
  return typeof c === 'function' ? (c as SamplerClass) : undefined;
}

/** A factory `seed => new Class({ seed, ...options })`, or nothing when the class is missing. */
function entry(
  pkg: object,
  className: string,
  options: Record<string, unknown> = {},
): SamplerFactory | undefined {
  const C = exported(pkg, className);
  return C === undefined ? undefined : (seed) => new C({ ...options, seed });
}

/**
 * A grid of at most `budget` points: every categorical choice, and for each numeric param the
 * same number m of cell centres of its unit axis, m as large as the budget allows.
 */
export function gridFor(problem: AnyProblem, budget: number): Record<string, CategoricalChoice[]> {
  const dists = problem.space.distributions;
  const names = problem.space.names;
  let categories = 1;
  let numeric = 0;
  for (const n of names) {
    const d = dists[n];
    if (d.type === 'categorical') categories *= d.choices.length;
    else numeric++;
  }
  const m =
    numeric === 0 ? 1 : Math.max(1, Math.floor((budget / categories) ** (1 / numeric) + 1e-9));
  const out: Record<string, CategoricalChoice[]> = {};
  for (const n of names) {
    const d = dists[n];
    if (d.type === 'categorical') out[n] = [...d.choices];
    else
      out[n] = [
        ...new Set(Array.from({ length: m }, (_, i) => fromUnit(d, (i + 0.5) / m) as number)),
      ];
  }
  return out;
}

function gridEntry(): SamplerFactory | undefined {
  const C = exported(grid, 'GridSampler') as unknown as
    | (new (
        points: Record<string, CategoricalChoice[]>,
        options: { seed: number },
      ) => Sampler)
    | undefined;
  if (C === undefined) return undefined;
  return (seed, context) => {
    if (context === undefined) throw new Error('the grid sampler needs the problem and budget');
    return new C(gridFor(context.problem, context.budget), { seed });
  };
}

/**
 * Every sampler the benchmark knows, by the name used on the command line. To add one, add a
 * line; a plugin that does not export its class yet is skipped.
 */
const candidates: Record<string, SamplerFactory | undefined> = {
  random: entry(random, 'RandomSampler'),
  grid: gridEntry(),
  // tunekit's defaults (multivariate, Scott bandwidths).
  tpe: entry(tpe, 'TpeSampler'),
  // Univariate TPE: Optuna 3.1's default TPESampler.
  'tpe-univariate': entry(tpe, 'TpeSampler', { multivariate: false }),
  'tpe-multivariate': entry(tpe, 'TpeSampler', { multivariate: true }),
  // Optuna 3.1's TPESampler(multivariate=True): range-based bandwidths.
  'tpe-optuna-multivariate': entry(tpe, 'TpeSampler', { multivariate: true, bandwidth: 'range' }),
  gp: entry(gp, 'GpSampler'),
  cmaes: entry(cmaes, 'CmaEsSampler'),
  'cmaes-sep': entry(cmaes, 'CmaEsSampler', { separable: true }),
  // Scrambled with the seed: each seed is another point set, so the seeds are separate runs.
  qmc: entry(qmc, 'QmcSampler', { scramble: true }),
  // The default, unscrambled (Optuna's QMCSampler default and its reference column): the same
  // points for every seed from trial 1 on (trial 0, drawn at random, fixes the space).
  'qmc-unscrambled': entry(qmc, 'QmcSampler'),
};

/** The available samplers (those whose plugin exports its class). */
export const samplerRegistry: Readonly<Record<string, SamplerFactory>> = Object.fromEntries(
  Object.entries(candidates).filter((e): e is [string, SamplerFactory] => e[1] !== undefined),
);
