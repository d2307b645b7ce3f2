import { optunaBudget, optunaReference } from './reference.js';
import type { BenchmarkResult } from './runner.js';
import type { Summary } from './stats.js';

/** A number in 4 significant digits (quartiles in 3), as the reference table prints them. */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(digits)).toString();
}

/**
 * The Optuna figure a tunekit sampler is judged against: the same kind of sampler, and for
 * tunekit's default TPE the better (lower median) of Optuna's two TPE columns. Optuna's QMC
 * column ran its default, unscrambled, so only `qmc-unscrambled` has one.
 */
export function optunaFigure(problem: string, sampler: string): Summary | undefined {
  const ref = optunaReference[problem];
  if (ref === undefined || sampler === 'qmc') return undefined;
  const same: Record<string, string> = {
    'tpe-univariate': 'tpe',
    'tpe-optuna-multivariate': 'tpe-multivariate',
    'qmc-unscrambled': 'qmc',
  };
  if (sampler === 'tpe' || sampler === 'tpe-multivariate') {
    const a = ref.tpe;
    const b = ref['tpe-multivariate'];
    return a.median <= b.median ? a : b;
  }
  return ref[same[sampler] ?? sampler];
}

function cell(s: Summary): string {
  return `${fmt(s.median)} (${fmt(s.q25, 3)} / ${fmt(s.q75, 3)})`;
}

/**
 * A markdown table: per problem and sampler, the median (25th / 75th percentile) over seeds of
 * the best value at the budget and of the normalised AUC, with Optuna 3.1's best-value figure
 * for the same sampler kind where the reference has one (see `optunaFigure`), at the
 * reference's budget only.
 */
export function formatTable(result: BenchmarkResult): string {
  const referenceSeeds = result.seeds.length === 10 && result.seeds.every((s, i) => s === i);
  const otherBudget = result.problems.some(
    (p) => optunaBudget[p.problem] !== undefined && optunaBudget[p.problem] !== p.budget,
  );
  const lines = [
    `seeds: ${result.seeds.length} (${result.seeds[0]}..${result.seeds[result.seeds.length - 1]})`,
    // The medians move a lot between seed sets, so say when a row is not like for like.
    ...(referenceSeeds ? [] : ["(Optuna 3.1's figures are over seeds 0..9, not these seeds)"]),
    ...(otherBudget ? ["(Optuna 3.1's figures are left out where the budget is not its own)"] : []),
    '',
    '| problem | budget | optimum | sampler | best value | normalised AUC | Optuna 3.1 best |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of result.problems) {
    for (const [name, s] of Object.entries(p.samplers)) {
      const ref = optunaBudget[p.problem] === p.budget ? optunaFigure(p.problem, name) : undefined;
      lines.push(
        `| ${p.problem} | ${p.budget} | ${fmt(p.optimum, 6)} | ${name} | ${cell(s.best)} | ${cell(s.auc)} | ${ref ? cell(ref) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}
