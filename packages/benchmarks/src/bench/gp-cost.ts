/**
 * pnpm bench:gp-cost [--trials 300] [--dim 6] [--seed 0] [--window 20] [--categorical 0]
 * Cost per trial of GpSampler: runs the sampler protocol (beforeTrial, relative space,
 * sampleRelative, sampleIndependent, takeSystemAttrs stored on the trial, afterTrial) in memory on a d-dimensional float space
 * (plus one categorical parameter of `categorical` choices, when given) with a cheap smooth
 * objective and prints the sampler's time per trial at checkpoints and over the last
 * `window` trials. The objective and storage cost nothing here, so the
 * figures are the sampler's own overhead. Target: <= 500 ms per trial at 300 trials in 6-D.
 * Both wall-clock and CPU time (user + system of this process) are shown: on a shared,
 * oversubscribed machine the wall-clock figure includes time spent waiting for a core.
 * scripts/optuna-gp-cost.py runs Optuna's GPSampler on the same problem.
 */
import { parseArgs } from 'node:util';
import { type FrozenTrial, makeFrozenTrial, makeStudyView, type ParamValue } from '@tunekit/core';
import { GpSampler } from '@tunekit/sampler-gp';
import { categorical, type Distribution, float } from '@tunekit/search-space';
import { quantile } from '../stats.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '300' },
    dim: { type: 'string', default: '6' },
    seed: { type: 'string', default: '0' },
    window: { type: 'string', default: '20' },
    categorical: { type: 'string', default: '0' },
  },
});
const nTrials = Number(args.trials);
const dim = Number(args.dim);
const windowSize = Number(args.window);
const nChoices = Number(args.categorical);

const names = Array.from({ length: dim }, (_, i) => `x${i}`);
const floatDist: Distribution = float(0, 1);
const choices = Array.from({ length: nChoices }, (_, c) => `c${c}`);
const dists: Record<string, Distribution> = Object.fromEntries(
  names.map((n) => [n, floatDist] as const),
);
if (nChoices > 0) dists.choice = categorical(choices);
// A multimodal but cheap objective so that the GP keeps a non-trivial length-scale fit; each
// choice adds its own offset in [0, 0.3), in no order the encoding could exploit.
const objective = (p: Record<string, ParamValue>): number =>
  names.reduce(
    (s, n, i) =>
      s + ((p[n] as number) - 0.3 - 0.05 * i) ** 2 - 0.1 * Math.cos(8 * (p[n] as number)),
    nChoices > 0 ? (0.3 * ((choices.indexOf(p.choice as string) * 7919) % nChoices)) / nChoices : 0,
  );

const sampler = new GpSampler({ seed: Number(args.seed) });
const finished: FrozenTrial[] = [];
const costs: number[] = [];
const cpuCosts: number[] = [];
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let number = 0; number < nTrials; number++) {
  let running = makeFrozenTrial({ number });
  const view = () => makeStudyView({ trials: [...finished, running] });
  const start = performance.now();
  const cpuStart = cpuMs();
  sampler.beforeTrial(view(), running);
  const space = sampler.inferRelativeSearchSpace(view(), running);
  const relative =
    Object.keys(space).length > 0 ? sampler.sampleRelative(view(), running, space) : {};
  const params: Record<string, ParamValue> = {};
  const used: Record<string, Distribution> = {};
  for (const [name, dist] of Object.entries(dists)) {
    params[name] = (
      name in relative ? relative[name] : sampler.sampleIndependent(view(), running, name, dist)
    ) as ParamValue;
    used[name] = dist;
    running = makeFrozenTrial({ number, params: { ...params }, distributions: { ...used } });
  }
  // Stored on the trial as the runtime stores them: the next fit starts from `gp:fit`.
  const systemAttrs = sampler.takeSystemAttrs(running) ?? {};
  costs.push(performance.now() - start);
  cpuCosts.push(cpuMs() - cpuStart);
  const value = objective(params);
  const done = makeFrozenTrial({
    number,
    params,
    distributions: used,
    values: [value],
    state: 'COMPLETE',
    systemAttrs,
  });
  finished.push(done);
  sampler.afterTrial(makeStudyView({ trials: finished }), done, 'COMPLETE', [value]);
  if ((number + 1) % 50 === 0) {
    console.log(
      `trial ${number + 1}: ${mean(costs.slice(-10)).toFixed(1)} ms wall, ${mean(cpuCosts.slice(-10)).toFixed(1)} ms CPU per trial (mean of the last 10)`,
    );
  }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function describe(xs: readonly number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  return `mean ${mean(xs).toFixed(1)}, median ${quantile(sorted, 0.5).toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)}`;
}

console.log(
  `\nGpSampler, ${dim}-D floats${nChoices > 0 ? ` and ${nChoices} choices` : ''}, ${nTrials} trials, ms per trial over the last ${windowSize}:`,
);
console.log(`  wall clock: ${describe(costs.slice(-windowSize))}`);
console.log(`  CPU:        ${describe(cpuCosts.slice(-windowSize))}`);
console.log(`  total sampler time ${(costs.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s wall`);
// For comparison with scripts/optuna-gp-cost.py, which runs Optuna's GPSampler on this problem.
const best = Math.min(...finished.map((t) => t.values?.[0] ?? Number.POSITIVE_INFINITY));
console.log(`  best value ${best.toFixed(4)}`);
