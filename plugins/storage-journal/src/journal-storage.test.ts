import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudy, InvalidArgumentError, loadStudy } from '@tunekit/core';
import { float } from '@tunekit/search-space';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalStorage } from './journal-storage.js';
import { createStorageFromUrl, journalPathFromUrl } from './url.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-journal-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `j${++n}.jsonl`);

/** The pid of a process that has exited (pids are not reused this fast). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('JournalStorage', () => {
  it('ignores a torn last line, ends it before the next append, and numbers on from the intact lines', async () => {
    const path = freshPath();
    const a = new JournalStorage(path);
    const id = await a.createStudy('s', ['minimize']);
    await a.createTrial(id);
    await a.close();
    // A writer killed mid-write: half a line, no newline.
    appendFileSync(path, '{"op":"createTrial","studyId":0,"trialId":1,"num');
    const b = new JournalStorage(path);
    expect((await b.getAllTrials(id)).map((t) => t.number)).toEqual([0]);
    const t1 = await b.createTrial(id);
    expect(t1.number).toBe(1);
    await b.setTrialParam(t1.trialId, 'x', 0.5, float(0, 1));
    await b.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[2]).toBe('{"op":"createTrial","studyId":0,"trialId":1,"num');
    expect(JSON.parse(lines[3]).op).toBe('createTrial');
    expect(lines.at(-1)).toBe('');
    const c = new JournalStorage(path);
    const trials = await c.getAllTrials(id);
    expect(trials.map((t) => [t.number, t.params])).toEqual([
      [0, {}],
      [1, { x: 0.5 }],
    ]);
    await c.close();
  });

  it('skips a line that is not JSON anywhere in the file', async () => {
    const path = freshPath();
    const a = new JournalStorage(path);
    const id = await a.createStudy('s', ['minimize']);
    appendFileSync(path, 'garbage }{\n\n');
    await a.createTrial(id);
    const b = new JournalStorage(path);
    expect((await b.getAllTrials(id)).length).toBe(1);
    await a.close();
    await b.close();
  });

  it('breaks a lock left by a dead process at once', async () => {
    const path = freshPath();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname() }));
    const s = new JournalStorage(path, { lock: { staleMs: 60_000 } });
    const t0 = Date.now();
    await s.createStudy('s', ['minimize']);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await s.close();
  });

  it('waits for a lock held by a live process and writes after it is released', async () => {
    const path = freshPath();
    const lock = `${path}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    const s = new JournalStorage(path);
    let done = false;
    const pending = s.createStudy('s', ['minimize']).then((id) => {
      done = true;
      return id;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    rmSync(lock);
    expect(await pending).toBe(0);
    expect(await s.getStudyIdFromName('s')).toBe(0);
    await s.close();
  });

  it('breaks a lock older than staleMs whose owner it cannot check', async () => {
    const path = freshPath();
    const lock = `${path}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'another-machine' }));
    const old = new Date(Date.now() - 5_000);
    utimesSync(lock, old, old);
    const s = new JournalStorage(path, { lock: { staleMs: 1_000 } });
    await s.createStudy('s', ['minimize']);
    await s.close();
  });

  it('without a lock, still writes and replays', async () => {
    const path = freshPath();
    const s = new JournalStorage(path, { lock: false });
    const id = await s.createStudy('s', ['maximize']);
    await s.createTrial(id);
    await s.close();
    const r = new JournalStorage(path, { lock: false });
    expect((await r.getStudy(id)).nTrials).toBe(1);
    await r.close();
  });
});

describe('journal URLs', () => {
  it('takes the path after journal:, with // for absolute paths', () => {
    expect(journalPathFromUrl('journal:./study.jsonl')).toBe('./study.jsonl');
    expect(journalPathFromUrl('journal:///tmp/a b.jsonl')).toBe('/tmp/a b.jsonl');
    expect(journalPathFromUrl('journal:/tmp/x%20y.jsonl')).toBe('/tmp/x y.jsonl');
  });

  it('rejects other schemes and empty paths with InvalidArgumentError', () => {
    expect(() => journalPathFromUrl('sqlite:./x.db')).toThrow(InvalidArgumentError);
    expect(() => journalPathFromUrl('journal:')).toThrow(/names no file/);
  });

  it('createStorageFromUrl opens a JournalStorage on that file', async () => {
    const path = freshPath();
    const s = createStorageFromUrl(`journal:${path}`);
    expect(s).toBeInstanceOf(JournalStorage);
    expect(s.path).toBe(path);
    await s.close();
  });
});

describe("core's storageFromUrl with journal: URLs", () => {
  it('createStudy({ storage: "journal:<path>" }) opens this package and persists the study', async () => {
    const path = freshPath();
    const study = await createStudy({ studyName: 'by-url', storage: `journal:${path}` });
    expect(study.storage).toBeInstanceOf(JournalStorage);
    await study.enqueueTrial({ x: 0.25 });
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    await study.storage.close?.();
    const again = await loadStudy({ storage: `journal://${path}` });
    expect(again.studyName).toBe('by-url');
    expect(again.trials.map((t) => [t.number, t.state, t.value === t.params.x])).toEqual([
      [0, 'COMPLETE', true],
      [1, 'COMPLETE', true],
      [2, 'COMPLETE', true],
    ]);
    expect(again.trials[0].params).toEqual({ x: 0.25 });
    await again.storage.close?.();
  });
});
