import { runStorageConformance } from '@tunekit/storage-testkit';
import { PostgresStorage } from './postgres-storage.js';
import { describeWithPostgres, TEST_PG_URL } from './test-server.js';

describeWithPostgres('postgres', (schema) => {
  runStorageConformance('postgres', async () => new PostgresStorage(TEST_PG_URL, { schema }), {
    reopen: async () => new PostgresStorage(TEST_PG_URL, { schema }),
  });
});
