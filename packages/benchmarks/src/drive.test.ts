import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractLoop, runStudy } from './drive.js';
import { branin, mixed7 } from './problems/index.js';
import { samplerRegistry } from './samplers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('contractLoop', () => {
  // The loop claims to call the sampler exactly as the runtime does, so a seeded sampler must
  // give the same trials through it as through createStudy + optimize. CMA-ES and the grid
  // keep state on the trial (takeSystemAttrs); mixed7 has categoricals for the fallbacks.
  for (const name of Object.keys(samplerRegistry)) {
    it(`gives the trials the runtime gives: ${name}`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const problem of [branin, mixed7]) {
        const budget = 24;
        const make = samplerRegistry[name];
        const viaRuntime = await runStudy(make(5, { problem, budget }), problem, budget);
        const viaLoop = contractLoop(make(5, { problem, budget }), problem, budget);
        expect(viaLoop).toEqual(viaRuntime);
      }
    });
  }
});
