import { StorageError } from '@tunekit/core';
import type Database from 'better-sqlite3';

/**
 * Forward-only migrations: entry i takes schema version i to i + 1. Never edit a released
 * entry; append a new one. Version 1 keeps a trial as one row with JSON columns, so reading
 * a study is one indexed range scan.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE studies (
     study_id INTEGER PRIMARY KEY AUTOINCREMENT,
     study_name TEXT NOT NULL UNIQUE,
     directions TEXT NOT NULL,
     user_attrs TEXT NOT NULL DEFAULT '{}',
     system_attrs TEXT NOT NULL DEFAULT '{}',
     datetime_created INTEGER NOT NULL
   );
   CREATE TABLE trials (
     trial_id INTEGER PRIMARY KEY AUTOINCREMENT,
     study_id INTEGER NOT NULL,
     number INTEGER NOT NULL,
     state TEXT NOT NULL,
     "values" TEXT,
     params TEXT NOT NULL DEFAULT '{}',
     distributions TEXT NOT NULL DEFAULT '{}',
     intermediate TEXT NOT NULL DEFAULT '{}',
     user_attrs TEXT NOT NULL DEFAULT '{}',
     system_attrs TEXT NOT NULL DEFAULT '{}',
     datetime_start INTEGER,
     datetime_complete INTEGER,
     heartbeat INTEGER,
     UNIQUE (study_id, number)
   );
   CREATE INDEX trials_by_state ON trials (study_id, state, number);`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION: number = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION inside one write transaction (safe if several processes open it at once). */
export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS tunekit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.transaction(() => {
    const row = db.prepare("SELECT value FROM tunekit_meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    const current = row === undefined ? 0 : Number(row.value);
    if (current > SCHEMA_VERSION) {
      throw new StorageError(
        `sqlite: the database has schema version ${current}, newer than the ${SCHEMA_VERSION} this @tunekit/storage-sqlite understands; upgrade the package`,
      );
    }
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.prepare("INSERT OR REPLACE INTO tunekit_meta (key, value) VALUES ('schema_version', ?)").run(
      String(SCHEMA_VERSION),
    );
  }).immediate();
}
