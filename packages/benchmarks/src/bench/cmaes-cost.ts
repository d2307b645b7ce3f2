/**
 * pnpm bench:cmaes-cost [--cases 10:5000:full,200:1000:sep,300:200:full] [--seed 0] [--window 100]
 * Cost per trial of CmaEsSampler early and late in a study: each case `dims:trials:full|sep`
 * runs an in-memory study on a d-dimensional float box with a cheap objective, and prints the
 * sampler's own time per trial (every sampler hook, timed) and the wall time per trial (with
 * the runtime and storage), over the first window of trials (generation 0 and on), the next
 * one and the last one (windows of a tenth of the study, at most `window` trials). Without per-trial scans of the
 * whole history and decompositions redone on every trial, early and late are about the same.
 * Both wall-clock and CPU time (user + system of this process) are shown: on a shared,
 * oversubscribed machine the wall-clock figure includes time spent waiting for a core.
 */
import { parseArgs } from 'node:util';
import type { FrozenTrial, Sampler, StudyView, TrialState } from '@tunekit/core';
import { CmaEsSampler } from '@tunekit/sampler-cmaes';
import type { Distribution } from '@tunekit/search-space';
import { runStudy } from '../drive.js';
import { boxSpace } from '../problems/box.js';
import type { AnyProblem } from '../problems/problem.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10:5000:full,200:1000:sep,300:200:full' },
    seed: { type: 'string', default: '0' },
    window: { type: 'string', default: '100' },
  },
});
const seed = Number(args.seed);
const maxWindow = Number(args.window);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Delegates to `inner`, adding the time of every hook to the trial it is for. */
function timed(inner: Sampler, spent: number[]): Sampler {
  const time = <T>(trial: FrozenTrial, f: () => T): T => {
    const start = performance.now();
    try {
      return f();
    } finally {
      spent[trial.number] = (spent[trial.number] ?? 0) + performance.now() - start;
    }
  };
  return {
    name: inner.name,
    inferRelativeSearchSpace: (study: StudyView, trial: FrozenTrial) =>
      time(trial, () => inner.inferRelativeSearchSpace?.(study, trial) ?? {}),
    sampleRelative: (study: StudyView, trial: FrozenTrial, space: Record<string, Distribution>) =>
      time(trial, () => inner.sampleRelative?.(study, trial, space) ?? {}),
    sampleIndependent: (study: StudyView, trial: FrozenTrial, name: string, dist: Distribution) =>
      time(trial, () => inner.sampleIndependent(study, trial, name, dist)),
    beforeTrial: (study: StudyView, trial: FrozenTrial) =>
      time(trial, () => inner.beforeTrial?.(study, trial)),
    afterTrial: (study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]) =>
      time(trial, () => inner.afterTrial?.(study, trial, state, values)),
    takeSystemAttrs: (trial: FrozenTrial) => time(trial, () => inner.takeSystemAttrs?.(trial)),
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(
  '| case | trials | window | sampler ms/trial | wall ms/trial | CPU ms/trial | total s |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const spec of (args.cases as string).split(',')) {
  const [dimsText, trialsText, kind = 'full'] = spec.split(':');
  const dims = Number(dimsText);
  const nTrials = Number(trialsText);
  const separable = kind === 'sep';
  const problem: AnyProblem = {
    name: `shifted-sphere${dims}`,
    space: boxSpace(dims, -5, 5),
    objective: (p) =>
      Object.values(p).reduce(
        (s: number, v, i) => s + ((v as number) - 1) ** 2 + (i % 3) * Math.sin(v as number) ** 2,
        0,
      ),
    optimum: 0,
    direction: 'minimize',
  };
  const spent: number[] = [];
  const wall: number[] = [];
  const cpu: number[] = [];
  const sampler = timed(
    new CmaEsSampler({ seed, separable, warnIndependentSampling: false }),
    spent,
  );
  const start = performance.now();
  const cpuStart = cpuMs();
  await runStudy(sampler, problem, nTrials, () => {
    wall.push(performance.now());
    cpu.push(cpuMs());
  });
  const total = (performance.now() - start) / 1000;
  const w = Math.max(2, Math.min(maxWindow, Math.floor(nTrials / 10)));
  // First: generation 0 (and more); early: the window after it (popsize <= w in the defaults).
  const windows: [string, number, number][] = [
    ['first', 0, w],
    ['early', w, 2 * w],
    ['late', nTrials - w, nTrials],
  ];
  for (const [label, from, to] of windows) {
    const own = mean(spent.slice(from, to));
    const perWall = (wall[to - 1] - (from === 0 ? start : wall[from - 1])) / (to - from);
    const perCpu = (cpu[to - 1] - (from === 0 ? cpuStart : cpu[from - 1])) / (to - from);
    console.log(
      `| ${kind} ${dims}-D | ${nTrials} | ${label} ${from}-${to} | ${own.toFixed(2)} | ${perWall.toFixed(2)} | ${perCpu.toFixed(2)} | ${label === 'first' ? total.toFixed(1) : ''} |`,
    );
  }
}
