import { inspect } from 'node:util';
import { createStudy, InvalidArgumentError, loadStudy, StorageError } from '@tunekit/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresStorage } from './postgres-storage.js';
import { describeWithPostgres, TEST_PG_URL } from './test-server.js';
import { createStorageFromUrl } from './url.js';

const SECRET = 'Sup3r-S3cret_pw';

/** Everything an error could show: message, stack, own properties, cause chain. */
function everything(e: unknown): string {
  return `${String(e)}\n${(e as Error).stack}\n${inspect(e, { depth: 5 })}\n${JSON.stringify(e)}`;
}

describe('credentials never appear in errors', () => {
  it('a refused connection string with a password', async () => {
    // Port 9 (discard) has no PostgreSQL: the connection is refused.
    const s = new PostgresStorage(`postgres://tk_user:${SECRET}@127.0.0.1:9/db`, {
      retries: 1,
      retryDelayMs: 1,
    });
    const e = await s.getAllStudies().catch((err: unknown) => err);
    await s.close();
    expect(e).toBeInstanceOf(StorageError);
    expect(everything(e)).toMatch(/getAllStudies failed \(ECONNREFUSED\)/);
    expect(everything(e)).not.toContain(SECRET);
  });

  it('a pool config with a password, and a URL-encoded password', async () => {
    const a = new PostgresStorage(
      { host: '127.0.0.1', port: 9, user: 'u', password: SECRET },
      { retries: 0 },
    );
    const ea = await a.createStudy('x', ['minimize']).catch((err: unknown) => err);
    await a.close();
    expect(everything(ea)).not.toContain(SECRET);
    const encoded = encodeURIComponent(`${SECRET}@/:`);
    const b = new PostgresStorage(`postgresql://u:${encoded}@127.0.0.1:9/db`, { retries: 0 });
    const eb = await b.createStudy('x', ['minimize']).catch((err: unknown) => err);
    await b.close();
    expect(everything(eb)).not.toContain(SECRET);
    expect(everything(eb)).not.toContain(encoded);
  });

  it("createStudy with a postgres:// URL through core's storageFromUrl", async () => {
    const e = await createStudy({
      storage: `postgres://tk_user:${SECRET}@127.0.0.1:9/db?schema=x`,
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(StorageError);
    expect(everything(e)).toMatch(/ECONNREFUSED/);
    expect(everything(e)).not.toContain(SECRET);
  });

  it('createStorageFromUrl with a malformed URL or wrong scheme does not echo it', () => {
    for (const url of [`postgres://u:${SECRET}@[not-a-host/db`, `mysql://u:${SECRET}@h/db`]) {
      let e: unknown;
      try {
        createStorageFromUrl(url);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(everything(e)).not.toContain(SECRET);
    }
  });
});

describeWithPostgres('PostgresStorage against the server', (schema) => {
  it('reconnects after the server drops its connections, for reads and writes', async () => {
    const appName = `tunekit-reconnect-${process.pid}`;
    const s = new PostgresStorage(
      { connectionString: TEST_PG_URL, application_name: appName },
      { schema },
    );
    const id = await s.createStudy(`reconnect-${Date.now()}`, ['minimize']);
    await s.createTrial(id);
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    const { rows } = await admin.query(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1',
      [appName],
    );
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);
    expect((await s.getAllTrials(id)).length).toBe(1);
    expect((await s.createTrial(id)).number).toBe(1);
    await s.close();
  });

  it('createStorageFromUrl takes the schema from ?schema= and passes the rest to pg', async () => {
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('schema', schema);
    const s = createStorageFromUrl(url.toString());
    expect(s).toBeInstanceOf(PostgresStorage);
    expect(s.schema).toBe(schema);
    const name = `url-${Date.now()}`;
    const id = await s.createStudy(name, ['maximize']);
    const direct = new PostgresStorage(TEST_PG_URL, { schema });
    expect(await direct.getStudyIdFromName(name)).toBe(id);
    await s.close();
    await direct.close();
  });

  it('createStudy({ storage: "postgres://...?schema=..." }) opens this package and persists the study', async () => {
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('schema', schema);
    const name = `by-url-${Date.now()}`;
    const study = await createStudy({ studyName: name, storage: url.toString() });
    expect(study.storage).toBeInstanceOf(PostgresStorage);
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    await study.storage.close?.();
    const again = await loadStudy({
      studyName: name,
      storage: url.toString().replace(/^postgres:/, 'postgresql:'),
    });
    expect(again.trials.map((t) => [t.number, t.state, t.value === t.params.x])).toEqual([
      [0, 'COMPLETE', true],
      [1, 'COMPLETE', true],
      [2, 'COMPLETE', true],
    ]);
    await again.storage.close?.();
  });

  it('many instances migrating one fresh schema at once all succeed (advisory lock)', async () => {
    const fresh = `${schema}_m`;
    const storages = Array.from(
      { length: 6 },
      () => new PostgresStorage(TEST_PG_URL, { schema: fresh }),
    );
    try {
      const ids = await Promise.all(storages.map((s, i) => s.createStudy(`m${i}`, ['minimize'])));
      expect(new Set(ids).size).toBe(6);
    } finally {
      for (const s of storages) await s.close();
      const admin = new pg.Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
      await admin.end();
    }
  });

  it('refuses a schema written by a newer version with a StorageError', async () => {
    const newer = `${schema}_v`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA "${newer}"`);
      await admin.query(
        `CREATE TABLE "${newer}".tunekit_meta (key text PRIMARY KEY, value text NOT NULL)`,
      );
      await admin.query(`INSERT INTO "${newer}".tunekit_meta VALUES ('schema_version', '99')`);
      const s = new PostgresStorage(TEST_PG_URL, { schema: newer });
      const e = await s.getAllStudies().catch((err: unknown) => err);
      await s.close();
      expect(e).toBeInstanceOf(StorageError);
      expect(String(e)).toMatch(/version 99/);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${newer}" CASCADE`);
      await admin.end();
    }
  });

  it('rejects a fractional step with InvalidArgumentError (steps are integers)', async () => {
    const s = new PostgresStorage(TEST_PG_URL, { schema });
    const id = await s.createStudy(`step-${Date.now()}`, ['minimize']);
    const t = await s.createTrial(id);
    await expect(s.setTrialIntermediateValue(t.trialId, 1.5, 0)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await s.close();
  });
});
