import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidArgumentError, type StudyDirection } from '@tunekit/core';
import Tinypool from 'tinypool';
import { STORAGE_PACKAGES, type WorkerTask } from './worker-task.js';

export interface OptimizeInWorkersOptions {
  /** The storage URL every worker opens: `journal:`, `sqlite:` or `postgres://` (not `memory:`). */
  readonly storage: string;
  /**
   * The module each worker imports to open the storage (it exports `createStorageFromUrl`):
   * a package name, an absolute path or a file: URL. Default: `@tunekit/storage-<scheme>`,
   * which must then be resolvable from @tunekit/workers (with pnpm's strict layout pass
   * `import.meta.resolve('@tunekit/storage-sqlite')` from your own module instead).
   */
  readonly storageModule?: string;
  readonly studyName: string;
  /** Created with these when the study does not exist yet. Default ['minimize']. */
  readonly directions?: readonly StudyDirection[];
  /** An absolute path or file: URL of the ES module exporting the objective. */
  readonly objectiveModule: string;
  /** The objective's export name. Default 'default'. */
  readonly exportName?: string;
  /** Trials to run in all, over all workers. */
  readonly nTrials: number;
  /** Worker threads. Default `os.availableParallelism()`. */
  readonly workers?: number;
  /**
   * An export of the objective module, `(workerIndex: number) => Sampler`, called once in each
   * worker (samplers hold state, so each worker needs its own). Default: core's default sampler.
   */
  readonly samplerExport?: string;
  /** Turns heartbeats on; trials of a crashed worker are then failed and retried. */
  readonly heartbeatIntervalMs?: number;
  /** Default 2 x heartbeatIntervalMs. */
  readonly gracePeriodMs?: number;
  /** Retries per failed trial (needs heartbeats). Default unlimited. */
  readonly maxRetry?: number;
  /** Record objective errors as FAIL trials and go on (default false: the first error stops all). */
  readonly catchErrors?: boolean;
}

export interface OptimizeInWorkersResult {
  /** Trials each worker ran, in worker order; they sum to nTrials. */
  readonly trialsPerWorker: readonly number[];
}

function moduleUrl(param: string, spec: string): string {
  if (spec.startsWith('file:')) return spec;
  if (isAbsolute(spec)) return pathToFileURL(spec).href;
  throw new InvalidArgumentError(
    param,
    spec,
    'must be an absolute path or a file: URL (workers resolve nothing relative)',
  );
}

/**
 * Runs a CPU-bound objective on every core: `workers` threads (tinypool), each with its own
 * study object and optimize loop against the shared storage URL, take trials from a shared
 * counter until nTrials have started. Resolves when all have finished.
 */
export async function optimizeInWorkers(
  options: OptimizeInWorkersOptions,
): Promise<OptimizeInWorkersResult> {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(options.storage)?.[1]?.toLowerCase();
  if (scheme === undefined || STORAGE_PACKAGES[scheme] === undefined) {
    throw new InvalidArgumentError(
      'storage',
      scheme === undefined ? '(not a URL)' : `${scheme}:…`,
      'workers share a study through journal:, sqlite: or postgres:// storage',
    );
  }
  if (!Number.isInteger(options.nTrials) || options.nTrials < 1) {
    throw new InvalidArgumentError('nTrials', options.nTrials, 'must be a positive integer');
  }
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InvalidArgumentError('workers', workers, 'must be a positive integer');
  }
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const task: WorkerTask = {
    storage: options.storage,
    storageModule:
      options.storageModule === undefined
        ? STORAGE_PACKAGES[scheme]
        : isAbsolute(options.storageModule)
          ? pathToFileURL(options.storageModule).href
          : options.storageModule,
    studyName: options.studyName,
    directions: options.directions,
    objectiveModule: moduleUrl('objectiveModule', options.objectiveModule),
    exportName: options.exportName ?? 'default',
    samplerExport: options.samplerExport,
    workerIndex: 0,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    gracePeriodMs: options.gracePeriodMs,
    maxRetry: options.maxRetry,
    catchAll: options.catchErrors === true,
    nTrials: options.nTrials,
    counter,
  };
  // From sources, a bootstrap that registers tsx first (threads do not inherit `--import`).
  const entry = new URL(
    import.meta.url.endsWith('.ts') ? './worker-source.mjs' : './worker-entry.js',
    import.meta.url,
  );
  const pool = new Tinypool({ filename: entry.href, minThreads: workers, maxThreads: workers });
  try {
    const results = await Promise.all(
      Array.from(
        { length: workers },
        (_, workerIndex) => pool.run({ ...task, workerIndex }) as Promise<number>,
      ),
    );
    return { trialsPerWorker: results };
  } finally {
    await pool.destroy();
  }
}
