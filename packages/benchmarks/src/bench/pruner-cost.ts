/**
 * pnpm bench:pruner-cost [--trials 1000] [--steps 100] [--pruners none,median,sh,hyperband,wilcoxon]
 *                        [--mode improving|random] [--window 0.1] [--seed 0]
 * The pruners' own cost per call: a study of `trials` trials, in memory, each reporting a
 * trivial value at each of `steps` steps and calling shouldPrune after each report, as
 * createStudy/optimize run it. Prints the study's total time and the median microseconds of
 * a shouldPrune call over the last `window` (a fraction) of the trials, where the study is
 * largest. Mode 'improving' (the default) makes every trial better than the ones before it at
 * every step, so nothing is pruned and every trial runs all its steps: the worst case for a
 * pruner's cost; 'random' draws noisy curves (seeded) that get pruned as usual.
 * 'none' runs without a pruner (the runtime's own cost); 'sh' is SuccessiveHalvingPruner with
 * minResource 1, 'hyperband' HyperbandPruner with minResource 1 and maxResource `steps`.
 */
import { parseArgs } from 'node:util';
import { createStudy, type Pruner, type Trial, TrialPruned } from '@tunekit/core';
import {
  HyperbandPruner,
  MedianPruner,
  SuccessiveHalvingPruner,
  WilcoxonPruner,
} from '@tunekit/pruners';
import { RandomSampler } from '@tunekit/sampler-random';
import { quantile } from '../stats.js';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '100' },
    pruners: { type: 'string', default: 'none,median,sh,hyperband,wilcoxon' },
    mode: { type: 'string', default: 'improving' },
    window: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '0' },
  },
});
const nTrials = Number(args.trials);
const nSteps = Number(args.steps);
const windowShare = Number(args.window);
const seed = Number(args.seed);
const mode = args.mode;
if (mode !== 'improving' && mode !== 'random') throw new Error(`unknown --mode ${mode}`);

const factories: Record<string, { label: string; make: () => Pruner | undefined }> = {
  none: { label: 'none', make: () => undefined },
  median: { label: 'MedianPruner', make: () => new MedianPruner() },
  sh: {
    label: 'SuccessiveHalvingPruner(minResource 1)',
    make: () => new SuccessiveHalvingPruner({ minResource: 1 }),
  },
  hyperband: {
    label: `HyperbandPruner(1, ${nSteps})`,
    make: () => new HyperbandPruner({ minResource: 1, maxResource: nSteps }),
  },
  wilcoxon: { label: 'WilcoxonPruner', make: () => new WilcoxonPruner() },
};

interface Result {
  readonly seconds: number;
  readonly usPerCall: number;
  readonly pruned: number;
  readonly calls: number;
}

async function run(name: string): Promise<Result> {
  const factory = factories[name];
  if (factory === undefined) throw new Error(`unknown pruner ${name}`);
  const study = await createStudy({
    pruner: factory.make(),
    sampler: new RandomSampler({ seed }),
    studyName: `pruner-cost-${name}`,
  });
  // A small LCG, so that 'random' curves are the same for every pruner and run.
  let state = (seed * 2654435761 + 12345) % 2147483648;
  const rnd = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lateFrom = Math.floor(nTrials * (1 - windowShare));
  const late: number[] = [];
  let pruned = 0;
  let calls = 0;
  const objective = (trial: Trial): number => {
    const x = trial.suggestFloat('x', 0, 1);
    const base = mode === 'improving' ? nTrials - trial.number : x * 10;
    let v = 0;
    for (let s = 0; s < nSteps; s++) {
      v = base + 1 / (s + 1) + (mode === 'random' ? rnd() * 0.1 : 0);
      trial.report(v, s);
      const t0 = performance.now();
      const stop = trial.shouldPrune();
      const dt = performance.now() - t0;
      calls++;
      if (trial.number >= lateFrom) late.push(dt * 1000);
      if (stop) {
        pruned++;
        throw new TrialPruned();
      }
    }
    return v;
  };
  const start = performance.now();
  await study.optimize(objective, { nTrials });
  const seconds = (performance.now() - start) / 1000;
  late.sort((a, b) => a - b);
  return { seconds, usPerCall: late.length > 0 ? quantile(late, 0.5) : Number.NaN, pruned, calls };
}

console.log(
  `${nTrials} trials x ${nSteps} steps, mode ${mode}; shouldPrune median over trials >= ${Math.floor(nTrials * (1 - windowShare))}`,
);
console.log('pruner                                     study s   us/call (late)   pruned');
for (const name of args.pruners.split(',')) {
  const r = await run(name.trim());
  const label = factories[name.trim()].label;
  console.log(
    `${label.padEnd(42)} ${r.seconds.toFixed(2).padStart(7)}   ${r.usPerCall.toFixed(1).padStart(14)}   ${String(r.pruned).padStart(6)}`,
  );
}
