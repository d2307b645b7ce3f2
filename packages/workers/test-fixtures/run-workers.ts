// Runs optimizeInWorkers from a plain Node process (worker threads inherit its tsx loader)
// and prints what the shared storage holds afterwards as one JSON line.
import { fileURLToPath } from 'node:url';
import type { Storage } from '@tunekit/core';
import { optimizeInWorkers } from '../src/index.js';

const [url, nTrials, workers] = process.argv.slice(2);
const storageModule = fileURLToPath(
  new URL('../../../plugins/storage-sqlite/src/index.ts', import.meta.url),
);
const result = await optimizeInWorkers({
  storage: url,
  storageModule,
  studyName: 'threads',
  objectiveModule: fileURLToPath(new URL('./objective.ts', import.meta.url)),
  exportName: 'objective',
  samplerExport: 'makeSampler',
  nTrials: Number(nTrials),
  workers: Number(workers),
});
const { createStorageFromUrl } = (await import(storageModule)) as {
  createStorageFromUrl(u: string): Storage;
};
const storage = createStorageFromUrl(url);
const trials = await storage.getAllTrials(await storage.getStudyIdFromName('threads'));
await storage.close?.();
process.stdout.write(
  `${JSON.stringify({
    trialsPerWorker: result.trialsPerWorker,
    numbers: trials.map((t) => t.number),
    states: [...new Set(trials.map((t) => t.state))],
    threads: [...new Set(trials.map((t) => t.userAttrs.thread))].length,
    xs: new Set(trials.map((t) => t.params.x)).size,
  })}\n`,
);
