import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const synced: number[] = [];
const dirSynced: number[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    fdatasyncSync: (fd: number) => {
      synced.push(fd);
      real.fdatasyncSync(fd);
    },
    fsyncSync: (fd: number) => {
      dirSynced.push(fd);
      real.fsyncSync(fd);
    },
  };
});

const { JournalStorage } = await import('./journal-storage.js');

const dir = fs.mkdtempSync(join(tmpdir(), 'tunekit-journal-fsync-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('JournalStorage fsync option', () => {
  it('flushes every append to disk with fsync: true', async () => {
    synced.length = 0;
    dirSynced.length = 0;
    const s = new JournalStorage(join(dir, 'a.jsonl'), { fsync: true });
    // The directory entry of the (possibly new) file, once at open.
    expect(dirSynced.length).toBe(1);
    const id = await s.createStudy('s', ['minimize']);
    const t = await s.createTrial(id);
    await s.setTrialState(t.trialId, 'COMPLETE', [1]);
    expect(synced.length).toBe(3);
    await s.close();
  });

  it('does not flush by default (survives a killed process, not power loss)', async () => {
    synced.length = 0;
    dirSynced.length = 0;
    const s = new JournalStorage(join(dir, 'b.jsonl'));
    await s.createStudy('s', ['minimize']);
    expect(synced.length).toBe(0);
    expect(dirSynced.length).toBe(0);
    await s.close();
  });
});
