import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudy, InvalidArgumentError, loadStudy, StorageError } from '@tunekit/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from './sqlite-storage.js';
import { createStorageFromUrl, sqlitePathFromUrl } from './url.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-sqlite-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `s${++n}.db`);

describe('SqliteStorage', () => {
  it('opens the file in WAL mode and records schema version 1', async () => {
    const path = freshPath();
    const s = new SqliteStorage(path);
    await s.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT value FROM tunekit_meta WHERE key = 'schema_version'").get()).toEqual(
      { value: '1' },
    );
    db.close();
  });

  it('reopening a migrated file keeps its data and does not migrate again', async () => {
    const path = freshPath();
    const a = new SqliteStorage(path);
    const id = await a.createStudy('s', ['minimize']);
    await a.createTrial(id, { state: 'COMPLETE', values: [2] });
    await a.close();
    const b = new SqliteStorage(path);
    expect((await b.getAllTrials(id)).map((t) => t.value)).toEqual([2]);
    await b.close();
  });

  it('refuses a file written by a newer schema with a StorageError and leaves it as it was', async () => {
    const path = freshPath();
    await new SqliteStorage(path).close();
    const db = new Database(path);
    db.prepare("UPDATE tunekit_meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => new SqliteStorage(path)).toThrow(StorageError);
    expect(() => new SqliteStorage(path)).toThrow(/schema version 99/);
    const check = new Database(path, { readonly: true });
    expect(
      check.prepare("SELECT value FROM tunekit_meta WHERE key = 'schema_version'").get(),
    ).toEqual({ value: '99' });
    check.close();
  });

  it('reports a file it cannot open as a StorageError naming the path', () => {
    expect(() => new SqliteStorage(join(dir, 'missing-dir', 'x.db'))).toThrow(StorageError);
    expect(() => new SqliteStorage(join(dir, 'missing-dir', 'x.db'))).toThrow(/missing-dir/);
  });
});

describe('sqlite URLs', () => {
  it('takes the path after sqlite:, with // for absolute paths and :memory:', () => {
    expect(sqlitePathFromUrl('sqlite:./study.db')).toBe('./study.db');
    expect(sqlitePathFromUrl('sqlite:study.db')).toBe('study.db');
    expect(sqlitePathFromUrl('sqlite:///tmp/a%20b.db')).toBe('/tmp/a b.db');
    expect(sqlitePathFromUrl('sqlite::memory:')).toBe(':memory:');
  });

  it('rejects other schemes and empty paths with InvalidArgumentError', () => {
    expect(() => sqlitePathFromUrl('journal:./x.jsonl')).toThrow(InvalidArgumentError);
    expect(() => sqlitePathFromUrl('sqlite:')).toThrow(/names no file/);
  });

  it('createStorageFromUrl opens a SqliteStorage on that file', async () => {
    const path = freshPath();
    const s = createStorageFromUrl(`sqlite:${path}`);
    expect(s).toBeInstanceOf(SqliteStorage);
    const id = await s.createStudy('u', ['minimize']);
    expect(await s.getStudyIdFromName('u')).toBe(id);
    await s.close();
  });
});

describe("core's storageFromUrl with sqlite: URLs", () => {
  it('createStudy({ storage: "sqlite:<path>" }) opens this package and persists the study', async () => {
    const path = freshPath();
    const study = await createStudy({ studyName: 'by-url', storage: `sqlite:${path}` });
    expect(study.storage).toBeInstanceOf(SqliteStorage);
    await study.optimize((t) => t.suggestFloat('x', 0, 1), { nTrials: 3 });
    await study.storage.close?.();
    const again = await loadStudy({ studyName: 'by-url', storage: `sqlite:${path}` });
    expect(again.trials.map((t) => [t.number, t.state, t.value === t.params.x])).toEqual([
      [0, 'COMPLETE', true],
      [1, 'COMPLETE', true],
      [2, 'COMPLETE', true],
    ]);
    await again.storage.close?.();
  });

  it('reports a file it cannot open as a StorageError naming the path', async () => {
    const error = await createStudy({
      storage: `sqlite:${join(dir, 'missing-dir', 'x.db')}`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/missing-dir/);
  });
});
