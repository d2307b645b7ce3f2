import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMultiProcessConformance } from '@tunekit/storage-testkit';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-journal-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runMultiProcessConformance('journal', {
  storageModule: fileURLToPath(new URL('./index.ts', import.meta.url)),
  makeUrl: () => `journal:${join(dir, `mp${++n}.jsonl`)}`,
});
