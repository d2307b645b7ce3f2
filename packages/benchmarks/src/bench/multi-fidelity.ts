/**
 * pnpm bench:pruners [--seeds 5] [--trials 200] [--sampler tpe|random]
 *                    [--pruners none,median,asha,hyperband] [--json out.json]
 *
 * Multi-fidelity benchmark: a synthetic learning-curve problem (100 steps per full run,
 * noisy), tuned with 200 trials per study, without pruning and with each pruner, over
 * seeds. Prints, per pruner, the median (min / max) over seeds of the best final loss a
 * trial trained to the end reached (noise-free, so that the measurement does not depend on
 * lucky noise), its gap to no pruning, the noise-free final loss of the trial the study picks
 * as best (by its noisy final value), and the steps spent.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createStudy, type Pruner, type Sampler } from '@tunekit/core';
import {
  HyperbandPruner,
  MedianPruner,
  runWithReports,
  SuccessiveHalvingPruner,
} from '@tunekit/pruners';
import { RandomSampler } from '@tunekit/sampler-random';
import { TpeSampler } from '@tunekit/sampler-tpe';
import { type LearningCurveParams, learningCurve } from '../problems/learning-curve.js';
import { quantile } from '../stats.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    trials: { type: 'string', default: '200' },
    sampler: { type: 'string', default: 'tpe' },
    pruners: { type: 'string', default: 'none,median,asha,hyperband' },
    json: { type: 'string' },
  },
});

const prunerFactories: Record<string, () => Pruner | undefined> = {
  none: () => undefined,
  median: () => new MedianPruner(),
  asha: () => new SuccessiveHalvingPruner(),
  // First judgement after 4 of 100 steps instead of 1 (early losses mostly say how fast a
  // run starts, not where it ends), promoting the top third.
  'asha-r4-eta3': () => new SuccessiveHalvingPruner({ minResource: 4, reductionFactor: 3 }),
  hyperband: () => new HyperbandPruner(),
  'hyperband-r4': () => new HyperbandPruner({ minResource: 4 }),
};

const samplerFactories: Record<string, (seed: number) => Sampler> = {
  tpe: (seed) => new TpeSampler({ seed }),
  random: (seed) => new RandomSampler({ seed }),
};

interface Run {
  readonly pruner: string;
  readonly seed: number;
  /** Lowest noise-free loss at the last step over the COMPLETE trials. */
  readonly bestFinal: number;
  /** Noise-free loss at the last step of study.bestTrial (chosen by its noisy value). */
  readonly pickedFinal: number;
  readonly steps: number;
  readonly complete: number;
  readonly pruned: number;
  readonly seconds: number;
}

async function runOnce(
  prunerName: string,
  samplerName: string,
  seed: number,
  nTrials: number,
): Promise<Run> {
  const problem = learningCurve;
  const study = await createStudy({
    studyName: `multi-fidelity-${seed}`,
    direction: 'minimize',
    sampler: samplerFactories[samplerName](seed),
    pruner: prunerFactories[prunerName](),
  });
  let steps = 0;
  const t0 = performance.now();
  await study.optimize(
    async (trial) => {
      const params = trial.suggest(problem.space) as LearningCurveParams;
      // The run's noise depends on the seed and trial number only, so every pruner sees the
      // same curve for the same configuration at the same trial.
      const curve = problem.curve(params, seed * 100_003 + trial.number);
      return runWithReports(trial, problem.maxSteps, (s) => {
        steps += 1;
        return curve[s];
      });
    },
    { nTrials },
  );
  const seconds = (performance.now() - t0) / 1000;
  const finalOf = (params: object) =>
    problem.expected(params as LearningCurveParams, problem.maxSteps - 1);
  const bestFinal = Math.min(
    ...study.trials.filter((t) => t.state === 'COMPLETE').map((t) => finalOf(t.params)),
  );
  const pickedFinal = finalOf(study.bestTrial.params);
  const states = study.trials.map((t) => t.state);
  return {
    pruner: prunerName,
    seed,
    bestFinal,
    pickedFinal,
    steps,
    complete: states.filter((s) => s === 'COMPLETE').length,
    pruned: states.filter((s) => s === 'PRUNED').length,
    seconds,
  };
}

function fmt(v: number, digits = 4): string {
  return Number(v.toPrecision(digits)).toString();
}

async function main(): Promise<void> {
  const nSeeds = Number(args.seeds);
  const nTrials = Number(args.trials);
  const samplerName = args.sampler;
  if (samplerFactories[samplerName] === undefined)
    throw new Error(`unknown sampler ${samplerName}`);
  const pruners = args.pruners.split(',').map((s) => s.trim());
  for (const p of pruners)
    if (prunerFactories[p] === undefined) throw new Error(`unknown pruner ${p}`);
  const seeds = Array.from({ length: nSeeds }, (_, i) => i);
  const runs: Run[] = [];
  for (const seed of seeds) {
    for (const p of pruners) {
      const r = await runOnce(p, samplerName, seed, nTrials);
      runs.push(r);
      console.error(
        `seed ${seed} ${p}: best ${fmt(r.bestFinal)} picked ${fmt(r.pickedFinal)} steps ${r.steps} (${r.pruned} pruned) in ${r.seconds.toFixed(1)}s`,
      );
    }
  }
  const full = nTrials * learningCurve.maxSteps;
  const baseline = new Map(runs.filter((r) => r.pruner === 'none').map((r) => [r.seed, r]));
  const lines = [
    `learning-curve problem: ${learningCurve.maxSteps} steps per run, optimum ${fmt(learningCurve.optimum)}; ${nTrials} trials, sampler ${samplerName}, seeds 0..${nSeeds - 1}`,
    '',
    '| pruner | best final loss reached, median (min / max) | gap to no pruning, median (max) | final loss of the picked trial, median | steps spent, median | share of full resource | pruned trials, median |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of pruners) {
    const rs = runs.filter((r) => r.pruner === p);
    const best = rs.map((r) => r.bestFinal);
    const gaps = rs
      .filter((r) => baseline.has(r.seed))
      .map(
        (r) =>
          (r.bestFinal - (baseline.get(r.seed) as Run).bestFinal) /
          (baseline.get(r.seed) as Run).bestFinal,
      );
    const picked = quantile(
      rs.map((r) => r.pickedFinal),
      0.5,
    );
    const steps = quantile(
      rs.map((r) => r.steps),
      0.5,
    );
    lines.push(
      `| ${p} | ${fmt(quantile(best, 0.5))} (${fmt(Math.min(...best))} / ${fmt(Math.max(...best))}) | ${gaps.length ? `${(100 * quantile(gaps, 0.5)).toFixed(2)}% (${(100 * Math.max(...gaps)).toFixed(2)}%)` : ''} | ${fmt(picked)} | ${steps} | ${(steps / full).toFixed(3)} | ${quantile(
        rs.map((r) => r.pruned),
        0.5,
      )} |`,
    );
  }
  console.log(lines.join('\n'));
  if (args.json !== undefined) writeFileSync(args.json, JSON.stringify(runs, null, 2));
}

await main();
