/**
 * Bytes of JSON.stringify(CmaEs#toJSON()), the state CmaEsSampler stores once a generation,
 * after `generations` generations on Rosenbrock (scaled to the unit cube), per field, at
 * n = 5 and n = 20, with the fitness history (IPOP) and without it (the default).
 * Usage: pnpm bench:state [generations]
 */
import { createRng } from '@tunekit/core';
import { CmaEs } from '../src/index.js';

const generations = Number(process.argv[2] ?? 500);

function rosenbrock(p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i + 1 < p.length; i++) {
    const a = 4 * p[i] - 2;
    const b = 4 * p[i + 1] - 2;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
}

for (const n of [5, 20]) {
  for (const history of [true, false]) {
    const cma = CmaEs.create({ mean: new Array(n).fill(0.5), sigma: 1 / 6, history });
    const rng = createRng(0);
    let largest = 0;
    for (let g = 1; g <= generations; g++) {
      cma.tell(
        Array.from({ length: cma.popsize }, () => {
          const { x, point } = cma.ask(rng);
          return { x, value: rosenbrock(point) };
        }),
      );
      // C is stored only between two eigendecompositions (n above about 80; below that every
      // generation is decomposed and C is left out): the largest of the last 10 states.
      if (g > generations - 10) largest = Math.max(largest, JSON.stringify(cma.toJSON()).length);
    }
    const state: Record<string, unknown> = cma.toJSON();
    const fields = Object.entries(state)
      .map(([k, v]) => `${k} ${JSON.stringify(v).length}`)
      .join(', ');
    console.log(
      `n=${n} history=${history} popsize=${cma.popsize}: ${JSON.stringify(state).length} bytes, ` +
        `largest of the last 10 ${largest} (${fields})`,
    );
  }
}
