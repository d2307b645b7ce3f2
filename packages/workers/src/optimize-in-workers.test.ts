import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidArgumentError } from '@tunekit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { optimizeInWorkers } from './optimize-in-workers.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('optimizeInWorkers', () => {
  it('runs exactly nTrials over worker threads sharing one SQLite study', () => {
    // Worker threads cannot load TypeScript inside vitest's own workers: run from a plain
    // Node process with tsx's loader, which the threads inherit.
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const script = fileURLToPath(new URL('../test-fixtures/run-workers.ts', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        loader,
        '--conditions=@tunekit/source',
        script,
        `sqlite:${join(dir, 'w.db')}`,
        '12',
        '2',
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          TUNEKIT_TEST_BARRIER_DIR: join(dir, 'barrier'),
          TUNEKIT_TEST_BARRIER_THREADS: '2',
        },
      },
    );
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.trialsPerWorker.length).toBe(2);
    expect(out.trialsPerWorker.reduce((a: number, b: number) => a + b, 0)).toBe(12);
    expect(out.numbers).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(out.states).toEqual(['COMPLETE']);
    expect(out.threads).toBe(2);
    expect(out.xs).toBe(12);
  }, 60_000);

  it('rejects a storage the workers cannot share, and bad counts, with InvalidArgumentError', async () => {
    const base = { studyName: 's', objectiveModule: '/x.js', nTrials: 1 };
    await expect(optimizeInWorkers({ ...base, storage: 'memory:' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      optimizeInWorkers({ ...base, storage: 'sqlite:./x.db', nTrials: 0 }),
    ).rejects.toThrow(/nTrials/);
    await expect(
      optimizeInWorkers({ ...base, storage: 'sqlite:./x.db', workers: 0 }),
    ).rejects.toThrow(/workers/);
    await expect(
      optimizeInWorkers({ ...base, storage: 'sqlite:./x.db', objectiveModule: 'relative.js' }),
    ).rejects.toThrow(/objectiveModule/);
  });
});
