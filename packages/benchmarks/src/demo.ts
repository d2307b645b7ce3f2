/**
 * The README's main job: tune mixed7 (seven parameters of every kind, optimum 0) with tunekit's
 * best sampler for it, printing progress and the best trial. `pnpm demo [--trials N] [--seed S]`.
 */
import { createStudy } from '@tunekit/core';
import { TpeSampler } from '@tunekit/sampler-tpe';
import { mixed7 } from './problems/mixed7.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v;
}

const nTrials = flag('trials', mixed7.budget ?? 150);
const seed = flag('seed', 0);
const started = performance.now();

const study = await createStudy({ studyName: 'demo-mixed7', sampler: new TpeSampler({ seed }) });
console.log(
  `tuning ${mixed7.name} (optimum ${mixed7.optimum}) with ${study.sampler.name}, ${nTrials} trials, seed ${seed}`,
);

await study.optimize((trial) => mixed7.objective(trial.suggest(mixed7.space)), {
  nTrials,
  callbacks: [
    (s, t) => {
      if ((t.number + 1) % 25 === 0 || t.number === 0) {
        const best = s.bestTrial;
        console.log(
          `trial ${String(t.number + 1).padStart(4)}  value ${t.value?.toFixed(5)}  best ${best.value?.toFixed(5)} (trial ${best.number})`,
        );
      }
    },
  ],
});

const best = study.bestTrial;
console.log(
  `\nbest value ${best.value} at trial ${best.number} (${(performance.now() - started).toFixed(0)} ms in all)`,
);
console.log('best params', best.params);
