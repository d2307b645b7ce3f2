import type { BenchmarkResult } from './runner.js';
import { blockVerdicts, probabilityBetter, quantile } from './stats.js';
import { fmt } from './table.js';

/**
 * A markdown table that asks whether sampler `a` is at least as good as sampler `b`, problem
 * by problem, over all seeds and over consecutive blocks of `blockSize` seeds: the medians,
 * the probability that a run of `a` ends better than a run of `b` on the same problem, and
 * the share of blocks in which `a`'s median is at least as good (on that problem, then on
 * every problem at once). With many seeds it shows how often a small-seed comparison would
 * reach the verdict that all the seeds support.
 */
export function formatComparison(
  result: BenchmarkResult,
  a: string,
  b: string,
  blockSize = 10,
): string {
  const bySeed = (runs: readonly { seed: number; best: number }[]) =>
    [...runs].sort((x, y) => x.seed - y.seed).map((r) => r.best);
  const lines = [
    `${a} against ${b} over ${result.seeds.length} seeds; blocks of ${blockSize} consecutive seeds`,
    '',
    `| problem | median ${a} | median ${b} | P(${a} run better than ${b} run) | blocks where ${a}'s median is at least as good |`,
    '| --- | --- | --- | --- | --- |',
  ];
  let everywhere: boolean[] | undefined;
  for (const p of result.problems) {
    const ra = p.samplers[a];
    const rb = p.samplers[b];
    if (ra === undefined || rb === undefined)
      throw new Error(`compare: both ${a} and ${b} must be among the samplers run`);
    const va = bySeed(ra.runs);
    const vb = bySeed(rb.runs);
    const blocks = blockVerdicts(va, vb, blockSize, p.direction);
    everywhere = everywhere === undefined ? blocks : everywhere.map((ok, i) => ok && blocks[i]);
    lines.push(
      `| ${p.problem} | ${fmt(quantile(va, 0.5))} | ${fmt(quantile(vb, 0.5))} | ${probabilityBetter(va, vb, p.direction).toFixed(3)} | ${blocks.filter(Boolean).length} of ${blocks.length} |`,
    );
  }
  if (everywhere !== undefined && everywhere.length > 0)
    lines.push(
      '',
      `blocks where ${a}'s median is at least as good on every problem: ${everywhere.filter(Boolean).length} of ${everywhere.length}`,
    );
  return lines.join('\n');
}
