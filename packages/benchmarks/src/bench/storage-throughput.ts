/**
 * Trials per second of the study runtime on each persistent storage: RandomSampler, a trivial
 * 10-parameter objective, no heartbeat. One process on the journal and on SQLite, then
 * 1 and 4 worker processes sharing one PostgreSQL study (the local server, schema
 * tunekit_bench; the studies are deleted afterwards), first with the storage's default
 * durable commits, then with the opt-in `synchronousCommit: false` (a crash of the database
 * server may lose the last commits). Throughput of several processes = all their trials /
 * (last end - first start), timed inside the workers, which start together once all are
 * loaded, so process start-up is not counted.
 * With the storages' optional members a trial costs 4 storage calls (claimOrCreateTrial,
 * getAllTrials, setTrialParams, finishTrial).
 *
 * Reference: Optuna 3.1 RDBStorage on SQLite runs about 24 trials/s (see the README of
 * @tunekit/storage-sqlite). Goals: SQLite >= 1,000 trials/s, PostgreSQL 4 workers >= 500.
 * Run: pnpm bench:storage [trialsPerRun]   (TUNEKIT_BENCH_PG overrides the PostgreSQL URL)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createStudy, InMemoryStorage, type Storage, type Trial } from '@tunekit/core';
import { RandomSampler } from '@tunekit/sampler-random';
import { JournalStorage } from '@tunekit/storage-journal';
import { PostgresStorage } from '@tunekit/storage-postgres';
import { SqliteStorage } from '@tunekit/storage-sqlite';

const PG_URL = process.env.TUNEKIT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

function objective(trial: Trial): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const x = trial.suggestFloat(`x${i}`, -10, 10);
    sum += x * x;
  }
  return sum;
}

interface Timing {
  trials: number;
  start: number;
  end: number;
}

/** Runs nTrials on a loaded-or-created study; times only `optimize`, which starts after `ready`. */
async function run(
  storage: Storage,
  studyName: string,
  nTrials: number,
  seed: number,
  ready?: () => Promise<void>,
): Promise<Timing> {
  const study = await createStudy({
    studyName,
    storage,
    sampler: new RandomSampler({ seed }),
    loadIfExists: true,
  });
  await ready?.();
  const start = Date.now();
  await study.optimize(objective, { nTrials });
  return { trials: nTrials, start, end: Date.now() };
}

const rate = (ts: Timing[]) => {
  const trials = ts.reduce((s, t) => s + t.trials, 0);
  const ms = Math.max(...ts.map((t) => t.end)) - Math.min(...ts.map((t) => t.start));
  return (trials / ms) * 1000;
};

async function worker(): Promise<void> {
  const [schema, studyName, n, seed, syncCommit] = process.argv.slice(3);
  const storage = new PostgresStorage(PG_URL, {
    schema,
    synchronousCommit: syncCommit !== 'off',
  });
  // Say "ready" once loaded, then wait for "go": no worker's start-up (tsx compiling the
  // sources) overlaps another's timed run.
  const go = () =>
    new Promise<void>((resolve) => {
      process.stdin.once('data', () => resolve());
      process.stdout.write('ready\n');
    });
  const timing = await run(storage, studyName, Number(n), Number(seed), go);
  await storage.close();
  process.stdin.destroy();
  process.stdout.write(`${JSON.stringify(timing)}\n`);
}

interface Worker {
  readonly ready: Promise<void>;
  readonly done: Promise<Timing>;
  go(): void;
}

function startWorker(args: string[]): Worker {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    ['--import', loader, '--conditions=@tunekit/source', script, '--worker', ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const done = new Promise<Timing>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)) as Timing)
        : reject(new Error(`worker exited ${code}`)),
    ),
  );
  return { ready, done, go: () => child.stdin.write('go\n') };
}

async function postgres(
  processes: number,
  perProcess: number,
  schema: string,
  syncCommit: 'on' | 'off',
): Promise<number> {
  const studyName = `bench-${processes}-${Date.now()}`;
  // Create the schema and study first, so the workers only load it.
  const setup = new PostgresStorage(PG_URL, { schema });
  const studyId = await setup.createStudy(studyName, ['minimize']);
  try {
    const workers = Array.from({ length: processes }, (_, i) =>
      startWorker([schema, studyName, String(perProcess), String(i), syncCommit]),
    );
    await Promise.race([
      Promise.all(workers.map((w) => w.ready)),
      Promise.all(workers.map((w) => w.done)),
    ]);
    for (const w of workers) w.go();
    return rate(await Promise.all(workers.map((w) => w.done)));
  } finally {
    await setup.deleteStudy(studyId);
    await setup.close();
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const dir = mkdtempSync(join(tmpdir(), 'tunekit-bench-'));
  const rows: [string, number][] = [];
  try {
    rows.push(['memory, 1 process', rate([await run(new InMemoryStorage(), 'm', n, 0)])]);
    const journal = new JournalStorage(join(dir, 'bench.jsonl'));
    rows.push(['journal, 1 process', rate([await run(journal, 'j', n, 0)])]);
    await journal.close();
    const sqlite = new SqliteStorage(join(dir, 'bench.db'));
    rows.push(['sqlite, 1 process', rate([await run(sqlite, 's', n, 0)])]);
    await sqlite.close();
    const pg = (p: number, sync: 'on' | 'off') =>
      postgres(p, Math.ceil(n / p), 'tunekit_bench', sync);
    rows.push(['postgres, 1 process', await pg(1, 'on')]);
    rows.push(['postgres, 4 processes', await pg(4, 'on')]);
    rows.push(['postgres, 1 process, synchronousCommit: false', await pg(1, 'off')]);
    rows.push(['postgres, 4 processes, synchronousCommit: false', await pg(4, 'off')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`storage throughput, RandomSampler, 10-parameter objective, ${n} trials per row`);
  console.log(
    '(synchronousCommit: false = opt-in; a database server crash may lose the last commits)',
  );
  for (const [label, r] of rows)
    console.log(`${label.padEnd(48)} ${r.toFixed(0).padStart(7)} trials/s`);
}

if (process.argv[2] === '--worker') await worker();
else await main();
