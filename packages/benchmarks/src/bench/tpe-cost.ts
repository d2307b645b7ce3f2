/**
 * pnpm bench:tpe-cost [--trials 1000] [--window 100] [--seed 0]
 * The sampler's cost per trial late in a study: a 10-float space, a trivial objective, and the
 * mean wall time per trial over the last `window` trials, univariate and multivariate TPE.
 * Optuna 3.1 on the reference machine: 91 ms per trial over trials 900-1000 (univariate).
 */
import { parseArgs } from 'node:util';
import { TpeSampler, type TpeSamplerOptions } from '@tunekit/sampler-tpe';
import { runStudy } from '../drive.js';
import { boxSpace } from '../problems/box.js';
import type { AnyProblem } from '../problems/problem.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    window: { type: 'string', default: '100' },
    seed: { type: 'string', default: '0' },
  },
});
const nTrials = Number(args.trials);
const window = Number(args.window);
const seed = Number(args.seed);

const trivial: AnyProblem = {
  name: 'sum10',
  space: boxSpace(10, -10, 10),
  objective: (p) => Object.values(p).reduce((s: number, v) => s + (v as number) ** 2, 0),
  optimum: 0,
  direction: 'minimize',
};

const modes: [string, TpeSamplerOptions][] = [
  ['univariate', { multivariate: false }],
  ['multivariate', { multivariate: true }],
  ['multivariate (range bandwidth, as Optuna)', { multivariate: true, bandwidth: 'range' }],
];

// CPU time is reported beside wall time because the machines this runs on are often shared:
// wall time then includes waiting for a core, CPU time does not.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const span = `${nTrials - window}-${nTrials}`;
console.log(
  `| TPE mode | wall time, ${nTrials} trials | wall ms per trial, trials ${span} | CPU ms per trial, trials ${span} |`,
);
console.log('| --- | --- | --- | --- |');
for (const [label, options] of modes) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  await runStudy(new TpeSampler({ ...options, seed }), trivial, nTrials, () => {
    wall.push(performance.now());
    cpu.push(cpuMs());
  });
  const total = performance.now() - start;
  const last = nTrials - 1;
  const perWall = (wall[last] - wall[last - window]) / window;
  const perCpu = (cpu[last] - cpu[last - window]) / window;
  console.log(
    `| ${label} | ${(total / 1000).toFixed(2)} s | ${perWall.toFixed(2)} ms | ${perCpu.toFixed(2)} ms |`,
  );
}
