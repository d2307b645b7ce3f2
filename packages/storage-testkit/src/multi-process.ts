import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FrozenTrial, Storage } from '@tunekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueStudyName } from './fixtures.js';
import type { WorkerConfig } from './mp-worker.js';

export interface MultiProcessOptions {
  /**
   * What each worker process imports to open the storage: a package name or an absolute
   * path (a `.ts` file is fine: workers run under tsx) of a module exporting
   * `createStorageFromUrl(url)`.
   */
  readonly storageModule: string;
  /** A URL for a fresh, empty storage (a new file, a fresh schema); called once per test. */
  readonly makeUrl: () => string | Promise<string>;
  /** Worker processes in the throughput test (default 4). */
  readonly processes?: number;
  /** Trials per worker process (default 50). */
  readonly trialsPerProcess?: number;
  /** Per-test timeout in milliseconds (default 60 000: a worker process starts in about a second). */
  readonly timeoutMs?: number;
}

const here = fileURLToPath(import.meta.url);
const workerPath = here.replace(/multi-process\.(ts|js)$/, 'mp-worker.$1');

/**
 * Runs the worker script; from sources (`.ts`) with tsx's loader and the workspace source
 * condition. The loader is imported into the one Node process (not the tsx CLI, which runs
 * the script in a child process that a SIGKILL of the CLI would leave running).
 */
function startWorker(cfg: WorkerConfig): ChildProcess {
  const args = [workerPath, JSON.stringify(cfg)];
  if (workerPath.endsWith('.ts')) {
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    args.unshift('--import', loader, '--conditions=@tunekit/source');
  }
  return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess, label: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} exited with ${code ?? signal}:\n${stderr.slice(-4000)}`));
    });
  });
}

/** Resolves with the trial number the worker reports it hangs in. */
function hangingIn(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /RUNNING (\d+)/.exec(out);
      if (m !== null) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the hanging worker exited early (${code})`)));
  });
}

async function openStorage(options: MultiProcessOptions, url: string): Promise<Storage> {
  const mod = (await import(/* @vite-ignore */ options.storageModule)) as {
    createStorageFromUrl(url: string): Storage | Promise<Storage>;
  };
  return mod.createStorageFromUrl(url);
}

const paramKey = (t: FrozenTrial) => JSON.stringify(Object.entries(t.params).sort());

/**
 * Registers tests that run the study runtime in several worker processes against one shared
 * storage: trial numbers stay unique and consecutive, the grid sampler never evaluates a
 * point twice, and a worker killed with SIGKILL mid-trial or while sampling leaves a RUNNING
 * trial that the others fail (heartbeat) and retry. Needs `@tunekit/sampler-grid`.
 */
export function runMultiProcessConformance(name: string, options: MultiProcessOptions): void {
  const processes = options.processes ?? 4;
  const perProcess = options.trialsPerProcess ?? 50;
  const timeout = options.timeoutMs ?? 60_000;
  let children: ChildProcess[] = [];
  let storages: Storage[] = [];

  const setUp = async (label: string) => {
    const url = await options.makeUrl();
    const storage = await openStorage(options, url);
    storages.push(storage);
    const studyName = uniqueStudyName(label);
    const studyId = await storage.createStudy(studyName, ['minimize']);
    const base = { storageModule: options.storageModule, url, studyName };
    const run = (cfg: Omit<WorkerConfig, keyof typeof base>) => {
      const child = startWorker({ ...base, ...cfg });
      children.push(child);
      return child;
    };
    return { storage, studyId, run };
  };

  describe(`multi-process conformance: ${name}`, () => {
    afterEach(async () => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      for (const s of storages) await s.close?.();
      children = [];
      storages = [];
    });

    it(
      `${processes} processes x ${perProcess} trials: numbers 0..${processes * perProcess - 1}, none lost or duplicated`,
      async () => {
        const { storage, studyId, run } = await setUp('mp-numbers');
        await Promise.all(
          Array.from({ length: processes }, (_, index) =>
            finished(run({ index, nTrials: perProcess }), `worker ${index}`),
          ),
        );
        const trials = await storage.getAllTrials(studyId);
        const total = processes * perProcess;
        expect(trials.map((t) => t.number)).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(new Set(trials.map((t) => t.trialId)).size).toBe(total);
        expect(
          trials.every((t) => t.state === 'COMPLETE' && Object.keys(t.params).length === 10),
        ).toBe(true);
        for (let w = 0; w < processes; w++) {
          expect(trials.filter((t) => t.userAttrs.worker === w).length).toBe(perProcess);
        }
        // Each value is the objective of the trial's own params: no write landed on another trial.
        for (const t of trials) {
          const sum = Object.values(t.params).reduce<number>((s, x) => s + (x as number) ** 2, 0);
          expect(t.value).toBeCloseTo(sum, 9);
        }
      },
      timeout,
    );

    it(
      'the grid sampler never evaluates a point twice while unvisited points remain',
      async () => {
        const { storage, studyId, run } = await setUp('mp-grid');
        const grid = { a: [0, 1, 2, 3], b: [0, 1, 2, 3, 4], c: [0, 1] }; // 40 points
        const per = 10;
        await Promise.all(
          Array.from({ length: 4 }, (_, index) =>
            finished(run({ index, nTrials: per, grid }), `grid worker ${index}`),
          ),
        );
        const trials = await storage.getAllTrials(studyId, { states: ['COMPLETE'] });
        expect(trials.length).toBe(40);
        expect(new Set(trials.map(paramKey)).size).toBe(40);
      },
      timeout,
    );

    for (const hang of ['objective', 'sampler'] as const) {
      const where = hang === 'objective' ? 'mid-trial' : 'while sampling';
      const retried = hang === 'objective' ? 'with its params' : 'with fresh params';
      it(
        `a worker killed ${where} leaves a RUNNING trial that the others fail and retry ${retried}`,
        async () => {
          const { storage, studyId, run } = await setUp(`mp-kill-${hang}`);
          const heartbeatMs = 100;
          const victim = run({ index: 0, nTrials: 5, heartbeatMs, hang });
          const number = await hangingIn(victim);
          victim.kill('SIGKILL');
          const hung = (await storage.getAllTrials(studyId)).find((t) => t.number === number)!;
          expect(hung.state).toBe('RUNNING');
          expect(Object.keys(hung.params).length).toBe(hang === 'objective' ? 10 : 0);
          // The others look for stale trials only when they start one. With a warm start, both
          // can run all their trials within the grace period (3 intervals) of the victim's last
          // heartbeat and never see it stale, so they start only once the grace has passed.
          await new Promise((resolve) => setTimeout(resolve, 5 * heartbeatMs));
          const per = 5;
          await Promise.all(
            [1, 2].map((index) =>
              finished(run({ index, nTrials: per, heartbeatMs, retry: true }), `worker ${index}`),
            ),
          );
          const trials = await storage.getAllTrials(studyId);
          const failed = trials.find((t) => t.number === number)!;
          expect(failed.state).toBe('FAIL');
          const retries = trials.filter((t) => t.systemAttrs.failed_trial === number);
          expect(retries.length).toBe(1);
          expect(retries[0].state).toBe('COMPLETE');
          if (hang === 'objective') expect(retries[0].params).toEqual(hung.params);
          else expect(Object.keys(retries[0].params).length).toBe(10);
          expect(retries[0].systemAttrs.retry_history).toEqual([number]);
          expect(trials.filter((t) => t.state === 'RUNNING')).toEqual([]);
          expect(trials.length).toBe(1 + 2 * per);
        },
        timeout,
      );
    }
  });
}
