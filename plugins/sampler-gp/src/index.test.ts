import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API of @tunekit/sampler-gp', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(['CholeskyError', 'GpSampler']);
  });

  it('CholeskyError is a TunekitError', () => {
    expect(new api.CholeskyError(3, 0.01)).toBeInstanceOf(TunekitError);
  });
});
