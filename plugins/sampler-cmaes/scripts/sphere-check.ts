/** Evaluations default CMA-ES needs to bring the n-D sphere below 1e-8 from x0 = 1, sigma0 = 0.5 (20 seeds). */
import { createRng } from '@tunekit/core';
import { CmaEs } from '../src/cma.js';

const n = Number(process.argv[2] ?? 10);
const evals: number[] = [];
for (let seed = 0; seed < 20; seed++) {
  const rng = createRng(seed);
  const cma = CmaEs.create({ mean: new Array(n).fill(1), sigma: 0.5, bounded: false });
  let count = 0;
  let best = Number.POSITIVE_INFINITY;
  while (best >= 1e-8 && count < 100000) {
    const sols = Array.from({ length: cma.popsize }, () => {
      const { x } = cma.ask(rng);
      const value = x.reduce((a, v) => a + v * v, 0);
      count++;
      best = Math.min(best, value);
      return { x, value };
    });
    if (best < 1e-8) break;
    cma.tell(sols);
  }
  evals.push(count);
}
evals.sort((a, b) => a - b);
console.log(n, 'evals to 1e-8:', evals.join(' '), 'median', evals[10]);
