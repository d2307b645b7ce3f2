/**
 * Exact star discrepancy of 1,024 2-D points: plain and scrambled Sobol, plain and scrambled
 * Halton, uniform random (median over seeds). Run: pnpm --filter @tunekit/sampler-qmc bench
 */
import { createRng } from '@tunekit/core';
import { HaltonSequence, SobolSequence, starDiscrepancy2d } from '../src/index.js';

const N = Number(process.argv[2] ?? 1024);
const SEEDS = 10;
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const overSeeds = (make: (seed: number) => ArrayLike<number>[]): number =>
  median(Array.from({ length: SEEDS }, (_, seed) => starDiscrepancy2d(make(seed))));
const halton = (seq: HaltonSequence, skip: number) =>
  Array.from({ length: N }, (_, i) => seq.point(i + skip));

const rows: [string, number][] = [
  ['sobol, points 0..N-1', starDiscrepancy2d(new SobolSequence(2).points(0, N))],
  [
    'sobol, points 1..N (as the sampler skips 0)',
    starDiscrepancy2d(new SobolSequence(2).points(1, N)),
  ],
  [
    `sobol scrambled (median of ${SEEDS} seeds)`,
    overSeeds((seed) => new SobolSequence(2, { scramble: true, seed }).points(0, N)),
  ],
  ['halton, points 1..N', starDiscrepancy2d(halton(new HaltonSequence(2), 1))],
  [
    `halton scrambled (median of ${SEEDS} seeds)`,
    overSeeds((seed) => halton(new HaltonSequence(2, { scramble: true, seed }), 0)),
  ],
  [
    `uniform random (median of ${SEEDS} seeds)`,
    overSeeds((seed) => {
      const rng = createRng(seed);
      return Array.from({ length: N }, () => [rng.random(), rng.random()]);
    }),
  ],
];
console.log(`| ${N} points in 2-D | exact star discrepancy |\n| --- | --- |`);
for (const [name, d] of rows) console.log(`| ${name} | ${d.toPrecision(4)} |`);
