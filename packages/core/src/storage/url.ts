import { InvalidArgumentError, StorageError, TunekitError } from '../errors.js';
import type { Storage } from '../types.js';
import { InMemoryStorage } from './memory.js';

/** Makes a storage from a URL of one scheme. */
export type StorageFactory = (url: string) => Storage | Promise<Storage>;

const factories = new Map<string, StorageFactory>();

/** Packages tried, by dynamic import, for schemes nobody registered. */
const PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  journal: '@tunekit/storage-journal',
  sqlite: '@tunekit/storage-sqlite',
  postgres: '@tunekit/storage-postgres',
  postgresql: '@tunekit/storage-postgres',
});

function schemeOf(url: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return m === null ? undefined : m[1].toLowerCase();
}

/** Makes `storageFromUrl` hand URLs of `scheme` (without the colon) to `factory`. */
export function registerStorageScheme(scheme: string, factory: StorageFactory): void {
  if (typeof scheme !== 'string' || !/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(scheme)) {
    throw new InvalidArgumentError(
      'scheme',
      scheme,
      'must be a URL scheme such as "sqlite" (letters, digits, + . -)',
    );
  }
  if (typeof factory !== 'function')
    throw new InvalidArgumentError('factory', factory, 'must be a function');
  factories.set(scheme.toLowerCase(), factory);
}

/**
 * Everything in a URL that could be a credential: the user-info part and its password
 * (raw and decoded), and the values of password-like query parameters.
 */
function secretsOf(url: string): string[] {
  const secrets = [url];
  const userinfo = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^@/?#]*)@/.exec(url)?.[1];
  if (userinfo !== undefined && userinfo.length > 0) {
    secrets.push(userinfo);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      const password = userinfo.slice(colon + 1);
      secrets.push(password);
      try {
        secrets.push(decodeURIComponent(password));
      } catch {
        // Not valid percent-encoding: the raw form is already listed.
      }
    }
  }
  const query = url.indexOf('?');
  if (query >= 0) {
    for (const part of url.slice(query + 1).split('&')) {
      const [key, value] = part.split('=');
      if (value !== undefined && value.length > 0 && /pass|secret|token|key|auth|cred/i.test(key)) {
        secrets.push(value);
        try {
          secrets.push(decodeURIComponent(value));
        } catch {
          // Keep the raw form only.
        }
      }
    }
  }
  return secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** A copy of a storage package's error whose message cannot leak the URL's credentials. */
function scrubbed(error: unknown, url: string, scheme: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  let clean = message;
  for (const secret of secretsOf(url)) clean = clean.split(secret).join('***');
  if (clean === message && error instanceof TunekitError) return error;
  const out = new StorageError(`could not open the ${scheme}: storage: ${clean}`);
  return out;
}

function hasFactory(mod: unknown): mod is { createStorageFromUrl: StorageFactory } {
  return (
    typeof mod === 'object' &&
    mod !== null &&
    typeof (mod as { createStorageFromUrl?: unknown }).createStorageFromUrl === 'function'
  );
}

/**
 * A storage from a URL: `memory:` (a new InMemoryStorage), a scheme registered with
 * `registerStorageScheme`, or `journal:`, `sqlite:`, `postgres://` / `postgresql://`, for
 * which the matching `@tunekit/storage-*` package is imported and its
 * `createStorageFromUrl(url)` called. Error messages never contain the URL's credentials.
 */
export async function storageFromUrl(url: string): Promise<Storage> {
  if (typeof url !== 'string')
    throw new InvalidArgumentError('url', typeof url, 'must be a string');
  const scheme = schemeOf(url);
  if (scheme === undefined) {
    throw new InvalidArgumentError(
      'url',
      '(not shown)',
      'must start with a scheme such as memory:, journal:, sqlite: or postgres://',
    );
  }
  if (scheme === 'memory' && !factories.has('memory')) return new InMemoryStorage();
  let factory = factories.get(scheme);
  if (factory === undefined) {
    const pkg = PACKAGES[scheme];
    if (pkg === undefined) {
      const known = ['memory', ...Object.keys(PACKAGES), ...factories.keys()];
      throw new InvalidArgumentError(
        'url',
        `${scheme}:…`,
        `unknown storage scheme; known: ${[...new Set(known)].join(', ')} (see registerStorageScheme)`,
      );
    }
    let mod: unknown;
    try {
      mod = await import(/* @vite-ignore */ pkg);
    } catch (e) {
      // The import's own reason (not found, or a native module that failed to load) names
      // paths, never the URL.
      const reason = e instanceof Error ? e.message : String(e);
      throw new StorageError(
        `the ${scheme}: storage needs the package ${pkg} (${reason}); install it, or call registerStorageScheme('${scheme}', factory)`,
      );
    }
    if (!hasFactory(mod))
      throw new StorageError(`${pkg} does not export createStorageFromUrl(url)`);
    factory = mod.createStorageFromUrl;
  }
  try {
    return await factory(url);
  } catch (e) {
    throw scrubbed(e, url, scheme);
  }
}
