import { StorageError, TunekitError } from '@tunekit/core';
import type pg from 'pg';

/** SQLSTATE classes and Node error codes that mean "the connection went away", not "the query is wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (server restarted, or pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isConnectionError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const message = (e as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
      message,
    )
  );
}

/** Removes every secret a connection string or pool config may carry from a message. */
export class Scrubber {
  private readonly secrets: string[];

  constructor(config: string | pg.PoolConfig) {
    const secrets = new Set<string>();
    const add = (s: unknown) => {
      if (typeof s === 'string' && s.length >= 3) {
        secrets.add(s);
        try {
          secrets.add(encodeURIComponent(s));
          secrets.add(decodeURIComponent(s));
        } catch {
          // not URI-encoded
        }
      }
    };
    const connectionString = typeof config === 'string' ? config : config.connectionString;
    add(connectionString);
    if (typeof config !== 'string') add(config.password);
    if (connectionString !== undefined) {
      try {
        add(new URL(connectionString).password);
      } catch {
        // a key=value connection string: covered by the regex below
      }
    }
    // Longest first, so that a password inside the whole string is not left half-replaced.
    this.secrets = [...secrets].sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    // Any URL with user:password@ and any password=... pair, whoever's they are.
    return out
      .replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@')
      .replace(/(password\s*=\s*)('[^']*'|\S+)/gi, '$1***');
  }

  /** A StorageError for `op`, with the cause's message and code but never its secrets. */
  error(op: string, e: unknown): Error {
    if (e instanceof TunekitError) return e;
    const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    const message = e instanceof Error ? e.message : String(e);
    const err = new StorageError(
      `postgres: ${op} failed${typeof code === 'string' ? ` (${code})` : ''}: ${this.scrub(message)}`,
    );
    // The original error is not attached as `cause`: pg errors may carry connection settings.
    if (typeof code === 'string')
      Object.defineProperty(err, 'code', { value: code, enumerable: true });
    return err;
  }
}
