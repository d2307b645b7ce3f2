import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'TpeSampler',
    'defaultGamma',
    'defaultWeights',
    'hyperoptGamma',
    'uniformWeights',
  ]);
});

it('names the sampler by its class, as every tunekit plugin is named', () => {
  expect(new api.TpeSampler({ seed: 1 }).name).toBe('TpeSampler');
});

it("refuses an unknown option name (Optuna's spelling gets a hint), as from JavaScript", () => {
  expect(() => new api.TpeSampler({ n_startup_trials: 0 } as never)).toThrow(
    /^n_startup_trials = 0: is not an option of TpeSampler \(did you mean nStartupTrials\?\)/,
  );
});
