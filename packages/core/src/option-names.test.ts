import { describe, expect, it } from 'vitest';
import { createStudy, deleteStudy, loadStudy } from './create-study.js';
import { InvalidArgumentError } from './errors.js';
import { checkOptionNames } from './option-names.js';
import { retryFailedTrialCallback } from './retry.js';

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

describe("core's own options", () => {
  it('createStudy, loadStudy, deleteStudy and optimize refuse an unknown name, hinting the camelCase one', async () => {
    await expect(createStudy({ study_name: 'x' } as never)).rejects.toThrow(
      /^study_name = "x": is not an option of createStudy \(did you mean studyName\?\)/,
    );
    const study = await createStudy({ studyName: 'named' });
    // Ignored, n_trials would have run the study without end.
    await expect(study.optimize(() => 0, { n_trials: 3 } as never)).rejects.toThrow(
      /^n_trials = 3: is not an option of optimize \(did you mean nTrials\?\)/,
    );
    expect(study.trials).toHaveLength(0);
    await expect(
      loadStudy({ studyName: 'named', storage: study.storage, sampel: null } as never),
    ).rejects.toThrow(/^sampel = null: is not an option of loadStudy/);
    await expect(
      deleteStudy({ studyName: 'named', storage: study.storage, force: true } as never),
    ).rejects.toThrow(/^force = true: is not an option of deleteStudy/);
    expect(() => retryFailedTrialCallback({ max_retry: 1 } as never)).toThrow(
      /^max_retry = 1: is not an option of retryFailedTrialCallback \(did you mean maxRetry\?\)/,
    );
  });
});
