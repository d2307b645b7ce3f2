import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStorageConformance } from '@tunekit/storage-testkit';
import { afterAll } from 'vitest';
import { SqliteStorage } from './sqlite-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStorageConformance('sqlite', async () => new SqliteStorage(join(dir, `t${++n}.db`)), {
  reopen: async (s) => new SqliteStorage((s as SqliteStorage).path),
});
