import { StorageError } from '@tunekit/core';
import type { PoolClient } from 'pg';

/** Table names, schema-qualified and quoted once, so SQL text never carries caller input. */
export interface Tables {
  readonly schema: string;
  readonly meta: string;
  readonly studies: string;
  readonly trials: string;
  readonly intermediate: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function tablesIn(schema: string): Tables {
  const q = quoteIdent(schema);
  return {
    schema: q,
    meta: `${q}.tunekit_meta`,
    studies: `${q}.tunekit_studies`,
    trials: `${q}.tunekit_trials`,
    intermediate: `${q}.tunekit_trial_intermediate`,
  };
}

/**
 * Forward-only migrations: entry i takes schema version i to i + 1. Never edit a released
 * entry; append a new one. Intermediate values live in their own table because jsonb cannot
 * hold NaN or infinities and float8 can.
 */
function migrations(t: Tables): string[] {
  return [
    `CREATE TABLE ${t.studies} (
       study_id bigserial PRIMARY KEY,
       study_name text NOT NULL UNIQUE,
       directions jsonb NOT NULL,
       user_attrs jsonb NOT NULL DEFAULT '{}',
       system_attrs jsonb NOT NULL DEFAULT '{}',
       next_number integer NOT NULL DEFAULT 0,
       datetime_created timestamptz NOT NULL DEFAULT now()
     );
     CREATE TABLE ${t.trials} (
       trial_id bigserial PRIMARY KEY,
       study_id bigint NOT NULL REFERENCES ${t.studies} ON DELETE CASCADE,
       number integer NOT NULL,
       state text NOT NULL,
       "values" float8[],
       params jsonb NOT NULL DEFAULT '{}',
       distributions jsonb NOT NULL DEFAULT '{}',
       user_attrs jsonb NOT NULL DEFAULT '{}',
       system_attrs jsonb NOT NULL DEFAULT '{}',
       datetime_start timestamptz,
       datetime_complete timestamptz,
       heartbeat timestamptz,
       UNIQUE (study_id, number)
     );
     CREATE INDEX tunekit_trials_by_state ON ${t.trials} (study_id, state, number);
     CREATE TABLE ${t.intermediate} (
       trial_id bigint NOT NULL REFERENCES ${t.trials} ON DELETE CASCADE,
       step integer NOT NULL,
       value float8 NOT NULL,
       PRIMARY KEY (trial_id, step)
     );`,
  ];
}

export const SCHEMA_VERSION = 1;

/**
 * Brings the schema to SCHEMA_VERSION. A transaction-scoped advisory lock keyed on the schema
 * name makes concurrent first connections (many workers starting at once) migrate one at a time.
 */
export async function migrate(client: PoolClient, t: Tables, schemaName: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('tunekit-migrate:' || $1))", [
      schemaName,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.meta} (key text PRIMARY KEY, value text NOT NULL)`,
    );
    const { rows } = await client.query(`SELECT value FROM ${t.meta} WHERE key = 'schema_version'`);
    const current = rows.length === 0 ? 0 : Number(rows[0].value);
    if (current > SCHEMA_VERSION) {
      throw new StorageError(
        `postgres: schema ${t.schema} has version ${current}, newer than the ${SCHEMA_VERSION} this @tunekit/storage-postgres understands; upgrade the package`,
      );
    }
    const steps = migrations(t);
    for (let v = current; v < SCHEMA_VERSION; v++) await client.query(steps[v]);
    await client.query(
      `INSERT INTO ${t.meta} (key, value) VALUES ('schema_version', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [String(SCHEMA_VERSION)],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
