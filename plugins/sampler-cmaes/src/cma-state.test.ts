import { createRng, InvalidArgumentError, type Rng } from '@tunekit/core';
import { int } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { CmaEs } from './cma.js';
import type { CmaStateJSON } from './cma-state.js';
import { discreteAxisOf } from './discrete-axis.js';
import { packFloat64 } from './packed-floats.js';

/** One generation on `f`; returns the samples' x, packed (bit-exact) for comparison. */
function generation(cma: CmaEs, rng: Rng, f: (p: Float64Array) => number): string[] {
  const sols = Array.from({ length: cma.popsize }, () => {
    const { x, point } = cma.ask(rng);
    return { x, value: f(point) };
  });
  cma.tell(sols);
  return sols.map((s) => packFloat64(s.x));
}

const sphere = (p: Float64Array) => p.reduce((a, v) => a + (v - 0.3) ** 2, 0);

/** Characters of a packed array of k float64s in the JSON: base64 of 8k bytes, quotes, comma. */
const packedChars = (k: number): number => 4 * Math.ceil((8 * k) / 3) + 3;

/**
 * The most a full-CMA state with history can take: mean, pc, ps, A (n each); C and the
 * eigendecomposition input (upper triangles, n (n + 1) / 2 each); best and worst of
 * 10 + ceil(30 n / lambda) generations; best and median of at most 120 + ceil(30 n / lambda)
 * generations; and 300 characters for the keys and the scalars.
 */
function stateBound(n: number, lambda: number): number {
  const triangle = (n * (n + 1)) / 2;
  const tolFun = 10 + Math.ceil((30 * n) / lambda);
  const stagnation = 120 + Math.ceil((30 * n) / lambda);
  return (
    4 * packedChars(n) +
    2 * packedChars(triangle) +
    packedChars(2 * tolFun) +
    2 * packedChars(stagnation) +
    300
  );
}

describe('stored CMA-ES state', () => {
  it('stays below a bound set by n and lambda, however many generations ran', () => {
    // A random objective keeps the run going (nothing converges), and 900 generations are
    // past 5 (120 + ceil(30 n / lambda)) (695 at n = 5, 850 at n = 20), where the stagnation
    // history is thinned.
    for (const [n, bound] of [
      [5, 4459],
      [20, 10583],
    ]) {
      expect(stateBound(n, 4 + Math.floor(3 * Math.log(n)))).toBe(bound);
      const cma = CmaEs.create({ mean: new Array(n).fill(0.5), sigma: 0.2, bounded: false });
      const rng = createRng(n);
      const noise = createRng(100 + n);
      let largest = 0;
      for (let g = 1; g <= 900; g++) {
        generation(cma, rng, () => noise.random());
        if (g % 50 === 0) largest = Math.max(largest, JSON.stringify(cma.toJSON()).length);
      }
      expect(largest).toBeLessThanOrEqual(bound);
      const { history } = cma.toJSON();
      expect(history?.stride).toBeGreaterThan(1);
    }
  });

  it('without history (no IPOP) it holds no history at all', () => {
    const cma = CmaEs.create({ mean: [0.5, 0.5, 0.5, 0.5, 0.5], sigma: 0.2, history: false });
    const rng = createRng(1);
    for (let g = 0; g < 50; g++) generation(cma, rng, sphere);
    const state = cma.toJSON();
    expect(state.history).toBeNull();
    // n = 5 packs 4 vectors of 5 and at most 2 triangles of 15 numbers: 4 * 59 + 2 * 163 + 300.
    expect(JSON.stringify(state).length).toBeLessThanOrEqual(862);
  });

  /** Restores `a` from its JSON and checks two generations on, bit for bit, against `a`. */
  function expectSameContinuation(a: CmaEs, f: (p: Float64Array) => number, seed: number): void {
    const b = CmaEs.fromJSON(JSON.parse(JSON.stringify(a.toJSON())), { bounded: false });
    const ra = createRng(seed);
    const rb = createRng(seed);
    for (let k = 0; k < 2; k++) {
      expect(generation(b, rb, f)).toEqual(generation(a, ra, f));
      expect(b.stopReason()).toBe(a.stopReason());
      expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    }
  }

  /** A deterministic, rugged function of the point, so that nothing converges. */
  const rugged = (p: Float64Array) => Math.sin(p.reduce((acc, v, j) => acc + (j + 1) * 1e3 * v, 0));

  it('a run restored from its JSON continues bit for bit, with a thinned history', () => {
    // n = 5, lambda = 8; the stagnation history gets thinned (750 > 5 (120 + ceil(150 / 8))
    // = 695).
    const a = CmaEs.create({ mean: new Array(5).fill(0.5), sigma: 0.2, bounded: false });
    const rng = createRng(4);
    for (let g = 1; g <= 750; g++) {
      generation(a, rng, rugged);
      if (g % 97 === 0 || g >= 746) expectSameContinuation(a, rugged, g);
    }
    expect(a.toJSON().history?.stride).toBeGreaterThan(1);
  });

  it('a run restored from its JSON continues bit for bit, right after a decomposition and between two', () => {
    // The tutorial refreshes B and D when more than lambda / ((c1 + c_mu) n 10) evaluations
    // have passed since the last time: for n = 100, lambda = 17 (c1 = 1.948e-4,
    // c_mu = 6.327e-4) that is 1.21 generations, so every second generation, and the
    // checkpoints alternate between a C stored and a C recomputed from the decomposition.
    const a = CmaEs.create({ mean: new Array(100).fill(0.5), sigma: 0.2, bounded: false });
    const rng = createRng(4);
    const kinds: string[] = [];
    for (let g = 1; g <= 5; g++) {
      generation(a, rng, rugged);
      kinds.push(a.toJSON().C === null ? 'decomposed now' : 'lazy');
      expectSameContinuation(a, rugged, g);
    }
    // Each check ran two generations on a copy; `a` itself moved on two as well.
    expect(kinds).toEqual(['lazy', 'decomposed now', 'lazy', 'decomposed now', 'lazy']);
  });

  it('sep-CMA and CMA with margin round-trip too', () => {
    const axis = discreteAxisOf(int(0, 10));
    for (const options of [{ separable: true }, { discrete: [axis, axis, null] }]) {
      const a = CmaEs.create({ mean: [0.2, 0.5, 0.7], sigma: 0.2, ...options });
      const rng = createRng(8);
      for (let g = 0; g < 30; g++) generation(a, rng, sphere);
      const b = CmaEs.fromJSON(JSON.parse(JSON.stringify(a.toJSON())), options);
      const ra = createRng(1);
      const rb = createRng(1);
      for (let g = 0; g < 5; g++)
        expect(generation(b, rb, sphere)).toEqual(generation(a, ra, sphere));
      expect(b.toJSON()).toEqual(a.toJSON());
    }
  });

  it('the same seed gives the same states; another seed does not', () => {
    const run = (seed: number): string[] => {
      const cma = CmaEs.create({ mean: [0.5, 0.5, 0.5], sigma: 0.2 });
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => {
        generation(cma, rng, sphere);
        return JSON.stringify(cma.toJSON());
      });
    };
    expect(run(3)).toEqual(run(3));
    expect(run(4)[19]).not.toBe(run(3)[19]);
  });

  it('history: false drops the history on load; history: true starts one', () => {
    const a = CmaEs.create({ mean: [0.5, 0.5], sigma: 0.2 });
    const rng = createRng(2);
    for (let g = 0; g < 5; g++) generation(a, rng, sphere);
    expect(CmaEs.fromJSON(a.toJSON(), { history: false }).toJSON().history).toBeNull();
    expect(CmaEs.fromJSON(a.toJSON()).toJSON().history?.fun).toBe(a.toJSON().history?.fun);
    const none = CmaEs.fromJSON(a.toJSON(), { history: false });
    expect(CmaEs.fromJSON(none.toJSON(), { history: true }).toJSON().history).toEqual({
      stride: 1,
      fun: '',
      best: '',
      median: '',
    });
  });

  it('rejects a state of another format version, naming it', () => {
    const state = CmaEs.create({ mean: [0.5, 0.5], sigma: 0.2 }).toJSON();
    const old = { ...state, version: 1 } as unknown as CmaStateJSON;
    expect(() => CmaEs.fromJSON(old)).toThrow(InvalidArgumentError);
    expect(() => CmaEs.fromJSON(old)).toThrow(/state\.version = 1: must be 2/);
  });

  it('rejects malformed fields, naming them', () => {
    const state = CmaEs.create({ mean: [0.5, 0.5], sigma: 0.2 }).toJSON();
    const bad = (patch: Record<string, unknown>) => () =>
      CmaEs.fromJSON({ ...state, ...patch } as CmaStateJSON);
    expect(bad({ mean: packFloat64([0.5]) })).toThrow(/state\.mean = "1 numbers": must hold 2/);
    expect(bad({ pc: 'not base64!' })).toThrow(/state\.pc/);
    expect(bad({ eigenGeneration: 3 })).toThrow(
      /state\.eigenGeneration = 3: must be <= generation/,
    );
    expect(bad({ history: { stride: 0, fun: '', best: '', median: '' } })).toThrow(
      /state\.history\.stride/,
    );
  });
});
