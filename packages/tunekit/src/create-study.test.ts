import { RandomSampler } from '@tunekit/sampler-random';
import { describe, expect, it } from 'vitest';
import { createStudy, MedianPruner, TpeSampler } from './index.js';

describe('tunekit createStudy', () => {
  it('defaults to the TPE sampler and the Median pruner', async () => {
    const study = await createStudy();
    expect(study.sampler).toBeInstanceOf(TpeSampler);
    expect(study.pruner).toBeInstanceOf(MedianPruner);
  });

  it('keeps a sampler given explicitly', async () => {
    const sampler = new RandomSampler({ seed: 1 });
    const study = await createStudy({ sampler });
    expect(study.sampler).toBe(sampler);
  });

  it('runs a seeded study to a good optimum of a 1-D quadratic', async () => {
    const study = await createStudy({ sampler: new TpeSampler({ seed: 3 }) });
    await study.optimize((t) => (t.suggestFloat('x', -10, 10) - 2) ** 2, { nTrials: 60 });
    // Random search reaches about 20/60 = 0.33 of the range; TPE must do far better.
    expect(study.bestValue).toBeLessThan(0.05);
  });
});
