import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { checkOptionNames } from './option-names.js';

describe('checkOptionNames', () => {
  const known = ['nStartupTrials', 'seed'];

  it('accepts known names, an empty object, and leaves non-objects to the caller', () => {
    expect(() => checkOptionNames({ seed: 1, nStartupTrials: 3 }, known, 'X')).not.toThrow();
    expect(() => checkOptionNames({}, known, 'X')).not.toThrow();
    expect(() => checkOptionNames(undefined, known, 'X')).not.toThrow();
    expect(() => checkOptionNames(null, known, 'X')).not.toThrow();
    expect(() => checkOptionNames(5, known, 'X')).not.toThrow();
  });

  it('refuses an unknown name with the owner, the known names, and the value', () => {
    const call = () => checkOptionNames({ seed: 1, nStartupTrial: 3 }, known, 'GpSampler');
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      'nStartupTrial = 3: is not an option of GpSampler; its options are nStartupTrials, seed',
    );
  });

  it("hints the camelCase name for Optuna's snake_case spelling, and only when it is known", () => {
    expect(() => checkOptionNames({ n_startup_trials: 0 }, known, 'X')).toThrow(
      'n_startup_trials = 0: is not an option of X (did you mean nStartupTrials?); its options are nStartupTrials, seed',
    );
    expect(() => checkOptionNames({ n_warmup_steps: 0 }, known, 'X')).toThrow(
      /^n_warmup_steps = 0: is not an option of X; its options/,
    );
  });
});
