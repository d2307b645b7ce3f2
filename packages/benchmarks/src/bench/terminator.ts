/**
 * pnpm bench:terminator [--dims 1,3] [--noise 10,1,0.1,0.01] [--seeds 20] [--trials 100]
 *                       [--folds 5] [--cost 100,400,1000] [--cost-dim 5] [--warm-fit]
 *                       [--per-run]
 * When does `terminatorCallback` stop a study, and is the stop justified? A TPE study
 * minimises sum x_i^2 over [-5, 5]^d; each trial reports `folds` fold scores, f(x) plus
 * Gaussian noise of sd `noise`, and returns their mean. Each study runs all its trials
 * without the callback. The callback is then evaluated as `optimize` would call it, after
 * each trial, up to its first stop. Per dimension and noise level it prints:
 * - how many runs stopped, and the median number of trials at the stop;
 * - for the stopped runs, the median true regret f(x) of the trial the study picks (best by
 *   its noisy value) and the median statistical error it was compared with;
 * - how many stops came while that regret was still above the error (a premature stop);
 * - the median regret after all trials, for scale.
 * `--warm-fit` runs the callback with `warmStart: true` (each kernel fit from where the
 * previous one ended); `--per-run` prints each run's stop trial and error on stderr, to
 * compare the two.
 * `--cost` times one `regretBound` evaluation (2,048 random points) at that many COMPLETE
 * trials in `--cost-dim` dimensions, cold and warm.
 */
import { parseArgs } from 'node:util';
import {
  createRng,
  createStudy,
  type FrozenTrial,
  float,
  makeFrozenTrial,
  makeStudyView,
} from '@tunekit/core';
import { regretBound, reportCrossValidationScores, terminatorCallback } from '@tunekit/pruners';
import { TpeSampler } from '@tunekit/sampler-tpe';
import { quantile } from '../stats.js';

const median = (values: readonly number[]): number => quantile(values, 0.5);

const { values: args } = parseArgs({
  options: {
    dims: { type: 'string', default: '1,3' },
    noise: { type: 'string', default: '10,1,0.1,0.01' },
    seeds: { type: 'string', default: '20' },
    trials: { type: 'string', default: '100' },
    folds: { type: 'string', default: '5' },
    cost: { type: 'string', default: '100,400,1000' },
    'cost-dim': { type: 'string', default: '5' },
    'warm-fit': { type: 'boolean', default: false },
    'per-run': { type: 'boolean', default: false },
  },
});
const list = (s: string): number[] => s.split(',').filter(Boolean).map(Number);
const nSeeds = Number(args.seeds);
const nTrials = Number(args.trials);
const nFolds = Number(args.folds);
const callbackOptions = { warmStart: args['warm-fit'] };

function trueValue(t: FrozenTrial): number {
  return Object.values(t.params).reduce<number>((s, x) => s + (x as number) ** 2, 0);
}

/** A finished study: the TPE trials, with fold scores from their own seeded stream. */
async function runStudy(dim: number, sd: number, seed: number): Promise<FrozenTrial[]> {
  const rng = createRng(1000 + seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
  const study = await createStudy({ sampler: new TpeSampler({ seed }) });
  await study.optimize(
    (trial) => {
      let f = 0;
      for (let i = 0; i < dim; i++) f += trial.suggestFloat(`x${i}`, -5, 5) ** 2;
      const scores = Array.from({ length: nFolds }, () => f + sd * normal());
      reportCrossValidationScores(trial, scores);
      return scores.reduce((a, b) => a + b, 0) / nFolds;
    },
    { nTrials },
  );
  return study.trials;
}

/** The first trial count at which the callback stops, with what it compared. */
async function firstStop(
  trials: readonly FrozenTrial[],
): Promise<{ n: number; error: number } | undefined> {
  // One callback for the whole study, as `optimize` keeps it (with warmStart it carries its
  // kernel fit from one evaluation to the next).
  let error = Number.NaN;
  const callback = terminatorCallback({ ...callbackOptions, onEvaluate: (e) => (error = e.error) });
  for (let n = 1; n <= trials.length; n++) {
    let stopped = false;
    const view = makeStudyView({ trials: trials.slice(0, n), onStop: () => (stopped = true) });
    await callback(view, trials[n - 1]);
    if (stopped) return { n, error };
  }
  return undefined;
}

function pickedRegret(trials: readonly FrozenTrial[]): number {
  const best = trials.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
  return trueValue(best);
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : '-');

console.log(
  `TPE, ${nTrials} trials, ${nFolds} fold scores, ${nSeeds} seeds; terminatorCallback defaults${args['warm-fit'] ? ' with warmStart' : ''}`,
);
console.log(
  '| dims | fold noise sd | runs stopped | trials at stop (median) | regret of picked trial at stop | error at stop | premature stops | regret after all trials |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const dim of list(args.dims)) {
  for (const sd of list(args.noise)) {
    const stops: { n: number; regret: number; error: number }[] = [];
    const finalRegrets: number[] = [];
    for (let seed = 0; seed < nSeeds; seed++) {
      const trials = await runStudy(dim, sd, seed);
      finalRegrets.push(pickedRegret(trials));
      const stop = await firstStop(trials);
      if (args['per-run']) {
        console.error(
          `run ${dim} ${sd} ${seed}: stop ${stop?.n ?? '-'} error ${stop?.error ?? '-'}`,
        );
      }
      if (stop !== undefined) {
        stops.push({ ...stop, regret: pickedRegret(trials.slice(0, stop.n)) });
      }
    }
    const premature = stops.filter((s) => s.regret > s.error).length;
    console.log(
      `| ${dim} | ${sd} | ${stops.length}/${nSeeds} | ${fmt(median(stops.map((s) => s.n)))} | ${fmt(median(stops.map((s) => s.regret)))} | ${fmt(median(stops.map((s) => s.error)))} | ${premature} | ${fmt(median(finalRegrets))} |`,
    );
  }
}

const costDim = Number(args['cost-dim']);
if (list(args.cost).length > 0) {
  console.log(
    `\nOne regretBound evaluation, ${costDim}-D, 2,048 random points (median of 3); cold: a fit from Optuna's start (regretBound); warm: the callback's evaluation after one at a trial fewer:`,
  );
  for (const n of list(args.cost)) {
    const rng = createRng(n);
    const dist = float(0, 1);
    const trials = Array.from({ length: n }, (_, number) => {
      const params: Record<string, number> = {};
      let f = 0;
      for (let k = 0; k < costDim; k++) {
        params[`x${k}`] = rng.random();
        f += (params[`x${k}`] - 0.3) ** 2;
      }
      const distributions = Object.fromEntries(Object.keys(params).map((k) => [k, dist]));
      return makeFrozenTrial({
        number,
        state: 'COMPLETE',
        values: [f + 0.05 * rng.random()],
        params,
        distributions,
      });
    });
    const times = [0, 1, 2].map(() => {
      const start = performance.now();
      regretBound(trials, 'minimize', { seed: 1 });
      return performance.now() - start;
    });
    const warmTimes: number[] = [];
    for (let r = 0; r < 3; r++) {
      // errorEstimate 0: the callback evaluates the bound and never stops.
      const callback = terminatorCallback({ errorEstimate: 0, seed: 1, warmStart: true });
      const view = (k: number) => makeStudyView({ trials: trials.slice(0, k) });
      await callback(view(n - 1), trials[n - 2]);
      const start = performance.now();
      await callback(view(n), trials[n - 1]);
      warmTimes.push(performance.now() - start);
    }
    console.log(
      `- ${n} COMPLETE trials: cold ${median(times).toFixed(0)} ms, warm ${median(warmTimes).toFixed(0)} ms`,
    );
  }
}
