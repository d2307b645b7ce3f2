import { float, makeFrozenTrial, makeStudyView } from '@tunekit/core';
import { describe, expect, it, vi } from 'vitest';
import { CholeskyError } from './errors.js';
import { GpSampler } from './sampler.js';

// No trial the sampler accepts gives a kernel matrix that jitter cannot rescue (values with
// no point on the unit cube are left out; infinite distances give zero covariance), so the
// failure is staged: the posterior of this file always fails to factorise.
vi.mock('./gp.js', async (original) => ({
  ...(await original<typeof import('./gp.js')>()),
  GpPosterior: class {
    constructor() {
      throw new CholeskyError(5, 1e-3);
    }
  },
}));

describe('GpSampler when the kernel matrix cannot be factorised', () => {
  it('leaves the trial to the independent sampler', () => {
    const x = float(-2, 3);
    const trials = [-1.5, 2.5, 0, 1.2].map((v, number) =>
      makeFrozenTrial({ number, params: { x: v }, distributions: { x }, values: [v * v] }),
    );
    const sampler = new GpSampler({ seed: 2, nStartupTrials: 3, nCandidates: 256 });
    expect(
      sampler.sampleRelative(makeStudyView({ trials }), makeFrozenTrial({ number: 4 }), { x }),
    ).toEqual({});
  });
});
