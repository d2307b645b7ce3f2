/**
 * The module each worker thread of `optimizeInWorkers` runs: it opens the shared storage,
 * loads (or creates) the study, and runs trials until the shared counter reaches nTrials.
 */
import { createStudy, retryFailedTrialCallback, type Sampler, type Storage } from '@tunekit/core';
import type { WorkerTask } from './worker-task.js';

type Objective = Parameters<Awaited<ReturnType<typeof createStudy>>['optimize']>[0];

async function openStorage(task: WorkerTask): Promise<Storage> {
  const mod = (await import(task.storageModule)) as {
    createStorageFromUrl(url: string): Storage | Promise<Storage>;
  };
  return mod.createStorageFromUrl(task.storage);
}

export default async function runWorker(task: WorkerTask): Promise<number> {
  const objectiveModule = (await import(task.objectiveModule)) as Record<string, unknown>;
  const objective = objectiveModule[task.exportName];
  if (typeof objective !== 'function') {
    throw new TypeError(
      `${task.objectiveModule} has no function export named ${JSON.stringify(task.exportName)}`,
    );
  }
  let sampler: Sampler | undefined;
  if (task.samplerExport !== undefined) {
    const makeSampler = objectiveModule[task.samplerExport];
    if (typeof makeSampler !== 'function') {
      throw new TypeError(
        `${task.objectiveModule} has no function export named ${JSON.stringify(task.samplerExport)}`,
      );
    }
    sampler = (makeSampler as (workerIndex: number) => Sampler)(task.workerIndex);
  }
  const storage = await openStorage(task);
  try {
    const study = await createStudy({
      studyName: task.studyName,
      directions: task.directions,
      storage,
      sampler,
      loadIfExists: true,
      heartbeatIntervalMs: task.heartbeatIntervalMs,
      gracePeriodMs: task.heartbeatIntervalMs === undefined ? undefined : task.gracePeriodMs,
      failedTrialCallback:
        task.heartbeatIntervalMs === undefined
          ? undefined
          : retryFailedTrialCallback({ maxRetry: task.maxRetry }),
    });
    let ran = 0;
    // One ticket per trial, taken before the trial starts: exactly nTrials run in all, and a
    // fast worker takes more of them than a slow one.
    while (Atomics.add(task.counter, 0, 1) < task.nTrials) {
      await study.optimize(objective as Objective, {
        nTrials: 1,
        catch: task.catchAll ? 'all' : 'none',
      });
      ran++;
    }
    return ran;
  } finally {
    await storage.close?.();
  }
}
