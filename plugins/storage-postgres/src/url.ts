import { InvalidArgumentError } from '@tunekit/core';
import { PostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';

/**
 * `storageFromUrl` calls this for `postgres://` and `postgresql://` URLs. The URL goes to `pg`
 * unchanged, except a `schema` query parameter, which is taken out and used as the schema:
 * `postgres://user@host/db?schema=tunekit`.
 */
export function createStorageFromUrl(
  url: string,
  options: PostgresStorageOptions = {},
): PostgresStorage {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    // The URL may hold a password: say what is wrong without echoing it.
    throw new InvalidArgumentError(
      'url',
      '(not shown)',
      'a PostgreSQL storage URL starts with postgres:// or postgresql://',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError('url', '(not shown)', 'is not a valid URL');
  }
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return new PostgresStorage(url, options);
  parsed.searchParams.delete('schema');
  return new PostgresStorage(parsed.toString(), { ...options, schema });
}
