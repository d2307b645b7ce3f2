/**
 * One worker process of the multi-process suite: opens the storage from its URL with the
 * storage module's `createStorageFromUrl`, loads the study and runs `optimize` on it.
 * Argument: the JSON of a WorkerConfig. Prints "RUNNING <number>" when it hangs on purpose.
 */
import {
  createStudy,
  retryFailedTrialCallback,
  type Sampler,
  type Storage,
  type Trial,
} from '@tunekit/core';

export interface WorkerConfig {
  readonly storageModule: string;
  readonly url: string;
  readonly studyName: string;
  readonly index: number;
  readonly nTrials: number;
  /** `{ name: values[] }`: sample with the GridSampler and suggest ints from these axes. */
  readonly grid?: Record<string, number[]>;
  /** Heartbeat interval; the grace period is 3 intervals. */
  readonly heartbeatMs?: number;
  /** Re-enqueue trials failed for a missing heartbeat (retryFailedTrialCallback). */
  readonly retry?: boolean;
  /**
   * Hang in the first trial, to be killed: in the objective after suggesting its params, or
   * in the sampler's `beforeTrial`, before any param.
   */
  readonly hang?: 'objective' | 'sampler';
}

const cfg = JSON.parse(process.argv[2]) as WorkerConfig;
const mod = (await import(cfg.storageModule)) as {
  createStorageFromUrl(url: string): Storage | Promise<Storage>;
};
const storage = await mod.createStorageFromUrl(cfg.url);

let sampler: Sampler | undefined;
if (cfg.grid !== undefined) {
  const { GridSampler } = await import('@tunekit/sampler-grid');
  sampler = new GridSampler(cfg.grid, { seed: 0 });
} else if (cfg.hang === 'sampler') {
  sampler = {
    name: 'hanging',
    // Synchronous, as a long relative sample is: no timer of this process runs again.
    beforeTrial: (_study, trial) => {
      process.stdout.write(`RUNNING ${trial.number}\n`);
      for (;;);
    },
    inferRelativeSearchSpace: () => ({}),
    sampleRelative: () => ({}),
    sampleIndependent: () => {
      throw new Error('unreachable: the sampler hangs before any param');
    },
  };
}
const retry = cfg.retry === true ? retryFailedTrialCallback({ maxRetry: 3 }) : undefined;

const study = await createStudy({
  studyName: cfg.studyName,
  storage,
  sampler,
  loadIfExists: true,
  heartbeatIntervalMs: cfg.heartbeatMs,
  gracePeriodMs: cfg.heartbeatMs === undefined ? undefined : 3 * cfg.heartbeatMs,
  failedTrialCallback: retry,
});

async function objective(trial: Trial): Promise<number> {
  let sum = 0;
  if (cfg.grid !== undefined) {
    for (const [name, values] of Object.entries(cfg.grid))
      sum += trial.suggestInt(name, values[0], values.at(-1)!);
  } else {
    for (let i = 0; i < 10; i++) sum += trial.suggestFloat(`x${i}`, -5, 5) ** 2;
  }
  trial.setUserAttr('worker', cfg.index);
  if (cfg.hang === 'objective') {
    // Wait until the queued param writes are in storage, then say where we hang.
    const expected = Object.keys(trial.params).length;
    while (Object.keys((await storage.getTrial(trial.trialId)).params).length < expected) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.stdout.write(`RUNNING ${trial.number}\n`);
    await new Promise(() => setInterval(() => {}, 1000));
  }
  return sum;
}

await study.optimize(objective, { nTrials: cfg.nTrials });
await storage.close?.();
