/**
 * Overhead of crossValidate itself: 5 stratified folds of a trivial estimator (predicts the
 * training majority class) on 100,000 rows x 20 features. The estimator's own fit/predict time
 * is measured separately and subtracted; the rest is input checks, splitting, row gathering and
 * scoring. Budget: under 100 ms.
 *
 * Run: pnpm bench:cv  (or: cd packages/evaluators && pnpm bench)
 */
import { crossValidate, type Estimator, stratifiedKFold } from '@tunekit/evaluators';

const N = 100_000;
const D = 20;
let state = 12345;
const rand = (): number => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
};
const X = Array.from({ length: N }, () => Array.from({ length: D }, rand));
const y = Array.from({ length: N }, () => (rand() < 0.3 ? 1 : rand() < 0.5 ? 2 : 0));

let estimatorMs = 0;
const majority = (): Estimator => {
  let label = 0;
  return {
    fit(_X, yt) {
      const t = performance.now();
      const counts = new Map<number, number>();
      for (const v of yt) counts.set(v, (counts.get(v) ?? 0) + 1);
      label = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      estimatorMs += performance.now() - t;
    },
    predict(Xs) {
      const t = performance.now();
      const out = new Array<number>(Xs.length).fill(label);
      estimatorMs += performance.now() - t;
      return out;
    },
  };
};

const runs: number[] = [];
const totals: number[] = [];
for (let rep = 0; rep < 7; rep++) {
  estimatorMs = 0;
  const t0 = performance.now();
  await crossValidate(majority, X, y, {
    cv: stratifiedKFold({ nSplits: 5 }),
    scoring: ['accuracy', 'f1Macro'],
  });
  const total = performance.now() - t0;
  totals.push(total);
  runs.push(total - estimatorMs);
}
// The first runs include JIT warm-up; report the median of the rest.
const median = (a: number[]): number => {
  const s = a.slice(2).sort((p, q) => p - q);
  return s[s.length >> 1];
};
const overhead = median(runs);
console.log(
  `crossValidate overhead, 5 stratified folds, ${N.toLocaleString('en')} x ${D}, scoring accuracy + f1Macro:`,
);
console.log(
  `  median ${overhead.toFixed(1)} ms (total ${median(totals).toFixed(1)} ms incl. the trivial estimator)`,
);
console.log(`  all runs (ms): ${runs.map((r) => r.toFixed(1)).join(', ')}`);
console.log(`  budget 100 ms: ${overhead < 100 ? 'OK' : 'OVER'}`);
