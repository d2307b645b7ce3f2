/**
 * Per-trial overhead of the study runtime: RandomSampler, in-memory storage, a trivial
 * objective of 10 parameters (or `params`), 10,000 trials per repetition. Prints trials/s for each repetition
 * and the median, min and max (the spread shows how noisy the machine is).
 *
 * Reference: Optuna 3.1 RandomSampler in memory runs about 1,400 trials/s on this machine.
 * Run: pnpm bench   (or: tsx --conditions=@tunekit/source src/bench/random-throughput.ts [reps] [trials] [params])
 * Many parameters show whether a suggestion's cost grows with the parameters before it
 * (Optuna 3.1 here, 1,000 parameters: about 37 ms per trial).
 */
import { createStudy, type Trial } from '@tunekit/core';
import { RandomSampler } from '@tunekit/sampler-random';

const reps = Number(process.argv[2] ?? 7);
const nTrials = Number(process.argv[3] ?? 10_000);
const nParams = Number(process.argv[4] ?? 10);

function objective(trial: Trial): number {
  let sum = 0;
  for (let i = 0; i < nParams; i++) {
    const x = trial.suggestFloat(`x${i}`, -10, 10);
    sum += x * x;
  }
  return sum;
}

async function once(seed: number): Promise<number> {
  const study = await createStudy({ sampler: new RandomSampler({ seed }) });
  const t0 = performance.now();
  await study.optimize(objective, { nTrials });
  const ms = performance.now() - t0;
  if (study.trials.length !== nTrials)
    throw new Error(`expected ${nTrials} trials, got ${study.trials.length}`);
  return (nTrials / ms) * 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// One unmeasured run lets the JIT settle.
await once(0);
const rates: number[] = [];
for (let r = 0; r < reps; r++) {
  const rate = await once(r + 1);
  rates.push(rate);
  console.log(`rep ${r + 1}: ${Math.round(rate).toLocaleString('en-US')} trials/s`);
}
const med = median(rates);
const min = Math.min(...rates);
const max = Math.max(...rates);
console.log(
  `random sampler, in memory, ${nTrials.toLocaleString('en-US')} trials, ${nParams} floats: median ${Math.round(med).toLocaleString('en-US')} trials/s ` +
    `(min ${Math.round(min).toLocaleString('en-US')}, max ${Math.round(max).toLocaleString('en-US')}, spread ${Math.round(((max - min) / med) * 100)}% of median; ` +
    `Optuna 3.1: ~1,400 trials/s; goal >= 30,000)`,
);
