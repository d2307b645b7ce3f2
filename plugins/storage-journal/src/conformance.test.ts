import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStorageConformance } from '@tunekit/storage-testkit';
import { afterAll } from 'vitest';
import { JournalStorage } from './journal-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStorageConformance('journal', async () => new JournalStorage(join(dir, `t${++n}.jsonl`)), {
  reopen: async (s) => new JournalStorage((s as JournalStorage).path),
});
