import { fileURLToPath } from 'node:url';
import { runMultiProcessConformance } from '@tunekit/storage-testkit';
import { describeWithPostgres, TEST_PG_URL } from './test-server.js';

describeWithPostgres('postgres, several processes', (schema) => {
  // One schema for the run (dropped afterwards); each test uses its own study.
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('schema', schema);
  runMultiProcessConformance('postgres', {
    storageModule: fileURLToPath(new URL('./index.ts', import.meta.url)),
    makeUrl: () => url.toString(),
  });
});
