import { InvalidArgumentError } from '@tunekit/core';
import { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';

/**
 * The path in a `sqlite:` URL: `sqlite:./study.db` and `sqlite:study.db` are relative to the
 * working directory, `sqlite:///abs/study.db` (SQLAlchemy's form) is absolute, and
 * `sqlite::memory:` is a private in-memory database.
 */
export function sqlitePathFromUrl(url: string): string {
  if (!url.startsWith('sqlite:')) {
    throw new InvalidArgumentError(
      'url',
      url,
      'a SQLite storage URL starts with "sqlite:", as in sqlite:./study.db',
    );
  }
  let rest = url.slice('sqlite:'.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  if (rest === '')
    throw new InvalidArgumentError('url', url, 'names no file; write sqlite:./study.db');
  return decodeURIComponent(rest);
}

/** `storageFromUrl` calls this for `sqlite:` URLs. */
export function createStorageFromUrl(url: string, options?: SqliteStorageOptions): SqliteStorage {
  return new SqliteStorage(sqlitePathFromUrl(url), options);
}
