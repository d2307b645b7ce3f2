import type { StudyDirection } from '@tunekit/core';

/** What each worker thread is given (structured-cloned; the counter is shared memory). */
export interface WorkerTask {
  readonly storage: string;
  /** Module exporting createStorageFromUrl(url): a package name or a file: URL. */
  readonly storageModule: string;
  readonly studyName: string;
  readonly directions?: readonly StudyDirection[];
  readonly objectiveModule: string;
  readonly exportName: string;
  /** Export of the objective module that makes each worker's sampler: (workerIndex) => Sampler. */
  readonly samplerExport?: string;
  readonly workerIndex: number;
  readonly heartbeatIntervalMs?: number;
  readonly gracePeriodMs?: number;
  readonly maxRetry?: number;
  readonly catchAll: boolean;
  readonly nTrials: number;
  /** Int32Array over a SharedArrayBuffer: trials started so far, across all workers. */
  readonly counter: Int32Array;
}

/** The storage package `optimizeInWorkers` imports in each worker for a URL's scheme. */
export const STORAGE_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  journal: '@tunekit/storage-journal',
  sqlite: '@tunekit/storage-sqlite',
  postgres: '@tunekit/storage-postgres',
  postgresql: '@tunekit/storage-postgres',
});
