import { describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, StorageError, TunekitError } from '../errors.js';
import type { Storage } from '../types.js';
import { InMemoryStorage } from './memory.js';
import { registerStorageScheme, storageFromUrl } from './url.js';

// Core's tests stay storage-free: the storage packages resolve in this workspace (root
// devDependencies), so here they are replaced by modules that fail to load, as a missing
// package does. The storage packages test their URLs end to end through createStudy.
for (const pkg of [
  '@tunekit/storage-sqlite',
  '@tunekit/storage-journal',
  '@tunekit/storage-postgres',
])
  vi.doMock(pkg, () => {
    throw new Error(`Cannot find package '${pkg}'`);
  });

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('storageFromUrl', () => {
  it('makes a new InMemoryStorage for memory:', async () => {
    const a = await storageFromUrl('memory:');
    const b = await storageFromUrl('MEMORY:');
    expect(a).toBeInstanceOf(InMemoryStorage);
    expect(a).not.toBe(b);
  });

  it('hands registered schemes to their factory, case-insensitively', async () => {
    const made = new InMemoryStorage();
    const urls: string[] = [];
    registerStorageScheme('fake', (url) => {
      urls.push(url);
      return made;
    });
    expect(await storageFromUrl('FAKE://somewhere/db')).toBe(made);
    expect(urls).toEqual(['FAKE://somewhere/db']);
    expect(() => registerStorageScheme('no way', () => made)).toThrow(InvalidArgumentError);
  });

  it('rejects URLs without a scheme or with an unknown one, naming the known schemes', async () => {
    await expect(storageFromUrl('./study.db')).rejects.toBeInstanceOf(InvalidArgumentError);
    const msg = await messageOf(storageFromUrl('mongodb://user:hunter2@host/db'));
    expect(msg).toMatch(
      /unknown storage scheme; known: memory, journal, sqlite, postgres, postgresql/,
    );
    expect(msg).not.toContain('hunter2');
    expect(msg).not.toContain('user');
  });

  it('imports the storage package for journal/sqlite/postgres and says which one is missing', async () => {
    for (const [url, pkg] of [
      ['sqlite:./x.db', '@tunekit/storage-sqlite'],
      ['journal:./x.jsonl', '@tunekit/storage-journal'],
      ['postgresql://admin:s3cr%40t@db.example:5432/hpo', '@tunekit/storage-postgres'],
    ]) {
      const error = await storageFromUrl(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toContain(pkg);
      expect((error as Error).message).not.toMatch(/s3cr|admin/);
    }
  });

  it('never lets a factory error leak the credentials', async () => {
    registerStorageScheme('leaky', (url) => {
      throw new Error(
        `cannot connect to ${url} as admin with password p%40ss (p@ss); token abc123`,
      );
    });
    const url = 'leaky://admin:p%40ss@host:1/db?sslmode=require&access_token=abc123';
    const error = await storageFromUrl(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    const msg = (error as Error).message;
    for (const secret of ['p%40ss', 'p@ss', 'abc123', 'admin:']) expect(msg).not.toContain(secret);
    expect(msg).toMatch(/could not open the leaky: storage/);
    expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
  });

  it('passes a clean TunekitError from a factory through unchanged', async () => {
    const clean = new TunekitError('database is read-only');
    registerStorageScheme('clean', (): Storage => {
      throw clean;
    });
    await expect(storageFromUrl('clean://host/db')).rejects.toBe(clean);
  });
});
