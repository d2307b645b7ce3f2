import { StorageError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { isConnectionError, Scrubber } from './connection.js';

describe('Scrubber', () => {
  const url = 'postgres://alice:p%40ss%2Fword@db.example:5432/hpo';

  it('replaces the whole URL, the raw and decoded password, and any user:password@ or password=', () => {
    const s = new Scrubber(url);
    const text = `failed on ${url}; pw p%40ss%2Fword or p@ss/word; other postgresql://bob:hunter2@h/x; password=xyz1 password='a b'`;
    const out = s.scrub(text);
    for (const secret of [url, 'p%40ss%2Fword', 'p@ss/word', 'hunter2', 'xyz1', "'a b'"])
      expect(out).not.toContain(secret);
    expect(out).toContain('postgresql://bob:***@h/x');
  });

  it('scrubs a pool config password and builds a StorageError with the SQLSTATE code', () => {
    const s = new Scrubber({ host: 'h', password: 'Tr0ub4dor&3' });
    const cause = Object.assign(new Error('auth for Tr0ub4dor&3 failed'), { code: '28P01' });
    const e = s.error('createStudy', cause);
    expect(e).toBeInstanceOf(StorageError);
    expect(e.message).toBe('postgres: createStudy failed (28P01): auth for *** failed');
    expect((e as StorageError & { code: string }).code).toBe('28P01');
    expect(e.cause).toBeUndefined();
  });
});

describe('isConnectionError', () => {
  it('recognises dropped connections, not query errors', () => {
    expect(isConnectionError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isConnectionError(Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('unique'), { code: '23505' }))).toBe(false);
    expect(isConnectionError('nope')).toBe(false);
  });
});
