import { float, int } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { createStudy } from './create-study.js';
import { retriedTrialNumber, retryFailedTrialCallback, retryHistory } from './retry.js';
import { InMemoryStorage } from './storage/memory.js';
import type { TrialTemplate } from './types.js';
import { makeFrozenTrial } from './view.js';

function recorder() {
  const added: TrialTemplate[] = [];
  return { added, study: { addTrial: async (t: TrialTemplate) => void added.push(t) } };
}

const failed = (number: number, systemAttrs = {}) =>
  makeFrozenTrial({
    number,
    state: 'FAIL',
    params: { x: 0.5, n: 3 },
    distributions: { x: float(0, 1), n: int(0, 5) },
    userAttrs: { note: 'kept' },
    intermediateValues: new Map([[1, 2]]),
    systemAttrs: { ...systemAttrs, fail_reason: 'no heartbeat for more than 100 ms' },
  });

describe('retryFailedTrialCallback', () => {
  // Expected attrs follow Optuna 3.1's RetryFailedTrialCallback.__call__:
  // {"failed_trial": number, "retry_history": [], **system_attrs}, then history += [number].
  it('re-enqueues a first failure as WAITING with the same params and a one-entry history', async () => {
    const { added, study } = recorder();
    await retryFailedTrialCallback()(study, failed(7));
    expect(added).toHaveLength(1);
    const t = added[0];
    expect(t.state).toBe('WAITING');
    expect(t.params).toEqual({ x: 0.5, n: 3 });
    expect(t.distributions).toEqual({ x: float(0, 1), n: int(0, 5) });
    expect(t.userAttrs).toEqual({ note: 'kept' });
    expect(t.systemAttrs).toEqual({ failed_trial: 7, retry_history: [7] });
    expect(t.intermediateValues).toBeUndefined();
  });

  it('keeps the first trial of the chain and appends to the history on a retry of a retry', async () => {
    const { added, study } = recorder();
    await retryFailedTrialCallback({ inheritIntermediateValues: true })(
      study,
      failed(12, { failed_trial: 7, retry_history: [7] }),
    );
    expect(added[0].systemAttrs).toEqual({ failed_trial: 7, retry_history: [7, 12] });
    expect([...(added[0].intermediateValues ?? [])]).toEqual([[1, 2]]);
    const retried = makeFrozenTrial({ number: 13, systemAttrs: added[0].systemAttrs });
    expect(retriedTrialNumber(retried)).toBe(7);
    expect(retryHistory(retried)).toEqual([7, 12]);
    expect(retriedTrialNumber(failed(1))).toBeUndefined();
    expect(retryHistory(failed(1))).toEqual([]);
  });

  it('stops after maxRetry retries of one chain', async () => {
    const { added, study } = recorder();
    const cb = retryFailedTrialCallback({ maxRetry: 2 });
    await cb(study, failed(1)); // history [1]: retry 1
    await cb(study, failed(2, { failed_trial: 1, retry_history: [1] })); // [1, 2]: retry 2
    await cb(study, failed(3, { failed_trial: 1, retry_history: [1, 2] })); // [1, 2, 3]: no more
    expect(added.map((t) => t.systemAttrs?.retry_history)).toEqual([[1], [1, 2]]);
    await retryFailedTrialCallback({ maxRetry: 0 })(study, failed(4));
    expect(added).toHaveLength(2);
  });

  it('rejects a negative or fractional maxRetry', () => {
    expect(() => retryFailedTrialCallback({ maxRetry: -1 })).toThrow(/maxRetry/);
    expect(() => retryFailedTrialCallback({ maxRetry: 1.5 })).toThrow(/maxRetry/);
  });

  it('works as createStudy failedTrialCallback: a stale trial is retried by the next optimize', async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({
      storage,
      heartbeatIntervalMs: 20,
      gracePeriodMs: 40,
      failedTrialCallback: retryFailedTrialCallback({ maxRetry: 1 }),
    });
    // A trial whose worker "died": RUNNING with a heartbeat that stops.
    const dead = await storage.createTrial(study.studyId, {
      params: { x: 0.25 },
      distributions: { x: float(0, 1) },
    });
    await storage.recordHeartbeat(dead.trialId);
    await new Promise((r) => setTimeout(r, 80));
    const seen: number[] = [];
    await study.optimize(
      (trial) => {
        const x = trial.suggestFloat('x', 0, 1);
        seen.push(x);
        return x;
      },
      { nTrials: 1 },
    );
    const trials = await storage.getAllTrials(study.studyId);
    expect(trials[0].state).toBe('FAIL');
    expect(trials[1].state).toBe('COMPLETE');
    expect(trials[1].params).toEqual({ x: 0.25 });
    expect(trials[1].systemAttrs).toMatchObject({ failed_trial: 0, retry_history: [0] });
    expect(seen).toEqual([0.25]);
  });
});
