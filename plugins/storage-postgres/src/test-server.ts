import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

/** The local test server (trust auth); override with TUNEKIT_TEST_PG. */
export const TEST_PG_URL: string =
  process.env.TUNEKIT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function serverAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Asks until the server answers or `ms` have passed: under CI a server still starting, or a
 * slow first connect on a loaded machine, must not fail the run. Without CI one try decides.
 */
async function serverAnswersWithin(ms: number): Promise<string | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const problem = await serverAnswers();
    if (problem === null || Date.now() >= deadline) return problem;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const unreachable = await serverAnswersWithin(process.env.CI ? 20_000 : 0);

/** The URL as printed: without its password, should TUNEKIT_TEST_PG carry one. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable TUNEKIT_TEST_PG)';
  }
}

/**
 * Registers `body` when the test server answers. Without one the tests are skipped with the
 * reason printed, unless CI is set: then a failing test says the server is missing.
 */
export function describeWithPostgres(title: string, body: (schema: string) => void): void {
  if (unreachable !== null) {
    if (process.env.CI) {
      describe(title, () => {
        it('needs the PostgreSQL test server', () => {
          throw new Error(
            `no PostgreSQL server answers at ${shown(TEST_PG_URL)} (CI is set): ${unreachable}`,
          );
        });
      });
    } else {
      console.warn(
        `skipping "${title}": no PostgreSQL server answers at ${shown(TEST_PG_URL)} (${unreachable})`,
      );
      describe.skip(title, () => body('unused'));
    }
    return;
  }
  const schema = `tunekit_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  describe(title, () => {
    afterAll(async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });
    body(schema);
  });
}
