import { expect, it } from 'vitest';
import * as api from './index.js';

it('exports exactly the public API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'FAILED_TRIAL_ATTR',
    'RETRY_HISTORY_ATTR',
    'optimizeInWorkers',
    'retriedTrialNumber',
    'retryFailedTrialCallback',
    'retryHistory',
  ]);
});
