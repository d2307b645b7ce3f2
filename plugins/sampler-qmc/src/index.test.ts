import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@tunekit/sampler-qmc public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'HaltonSequence',
      'QMC_INDEX_ATTR',
      'QmcSampler',
      'SOBOL_MAX_DIM',
      'SobolSequence',
      'firstPrimes',
      'sobolDirectionNumbers',
      'starDiscrepancy2d',
    ]);
  });

  it('the sampler has a name', () => {
    expect(new api.QmcSampler({ seed: 1 }).name).toBe('QmcSampler');
  });
});
