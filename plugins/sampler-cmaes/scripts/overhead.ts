/** Per-trial cost of CmaEsSampler through createStudy: trivial objective, 10 floats. */
import { createStudy } from '@tunekit/core';
import { CmaEsSampler } from '../src/index.js';

const nTrials = Number(process.argv[2] ?? 1000);
const study = await createStudy({ sampler: new CmaEsSampler({ seed: 0 }) });
const marks: number[] = [];
const t0 = performance.now();
await study.optimize(
  (t) => {
    marks.push(performance.now());
    let s = 0;
    for (let i = 0; i < 10; i++) s += (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2;
    return s;
  },
  { nTrials },
);
const total = performance.now() - t0;
const last = (marks[marks.length - 1] - marks[marks.length - 101]) / 100;
console.log(
  `${nTrials} trials: ${(total / 1000).toFixed(2)} s in all, ${last.toFixed(2)} ms per trial over the last 100, best ${study.bestValue.toExponential(3)}`,
);
