import * as core from '@tunekit/core';
import { expect, it } from 'vitest';
import * as api from './index.js';

it('re-exports all of core plus the default sampler and pruner', () => {
  const extra = Object.keys(api)
    .filter((k) => !(k in core))
    .sort();
  expect(extra).toEqual(['MedianPruner', 'TpeSampler']);
  for (const k of Object.keys(core)) expect(k in api).toBe(true);
  // createStudy/loadStudy are tunekit's own wrappers, not core's.
  expect(api.createStudy).not.toBe(core.createStudy);
  expect(api.loadStudy).not.toBe(core.loadStudy);
});
