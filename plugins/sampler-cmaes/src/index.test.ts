import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@tunekit/sampler-cmaes public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CmaEs',
      'CmaEsSampler',
      'applyMargin',
      'defaultPopsize',
      'leaveProbability',
      'strategyParameters',
      'thresholdAxis',
      'warmStartDistribution',
    ]);
  });

  it('the sampler has a name', () => {
    expect(new api.CmaEsSampler({ seed: 1 }).name).toBe('CmaEsSampler');
  });
});
