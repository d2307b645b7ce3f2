import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/** Runs once, the next time FileLock reads the watched lock file, as a peer process would. */
let onRead: ((path: string) => void) | undefined;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    readFileSync: (...args: Parameters<typeof real.readFileSync>) => {
      const out = real.readFileSync(...args);
      const hook = onRead;
      onRead = undefined;
      hook?.(String(args[0]));
      return out;
    },
  };
});

const { FileLock } = await import('./file-lock.js');

const dir = fs.mkdtempSync(join(tmpdir(), 'tunekit-lock-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('FileLock', () => {
  it('does not remove a lock a peer took after both found the old one stale', () => {
    const path = join(dir, 'race.lock');
    fs.writeFileSync(path, JSON.stringify({ pid: deadPid(), host: hostname() }));
    // Between our reading the dead owner and our breaking the lock, a peer breaks it too and
    // takes it: the lock now belongs to a live process and must survive.
    const peer = JSON.stringify({ pid: process.ppid, host: hostname() });
    onRead = (p) => {
      fs.unlinkSync(p);
      fs.writeFileSync(p, peer);
    };
    const lock = new FileLock(path, { staleMs: 60_000 });
    expect(lock.tryAcquire()).toBe(false);
    expect(fs.readFileSync(path, 'utf8')).toBe(peer);
    expect(fs.existsSync(`${path}.break`)).toBe(false);
  });

  it('breaks a lock whose owner died, then takes it on the next try', () => {
    const path = join(dir, 'dead.lock');
    fs.writeFileSync(path, JSON.stringify({ pid: deadPid(), host: hostname() }));
    const lock = new FileLock(path, { staleMs: 60_000 });
    expect(lock.tryAcquire()).toBe(false);
    expect(lock.tryAcquire()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path)).toBe(false);
  });

  it('clears a breaker file left by a process killed while breaking, once it is old', () => {
    const path = join(dir, 'breaker.lock');
    fs.writeFileSync(path, JSON.stringify({ pid: deadPid(), host: hostname() }));
    fs.writeFileSync(`${path}.break`, '');
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(`${path}.break`, old, old);
    const lock = new FileLock(path, { staleMs: 60_000 });
    let tries = 0;
    while (!lock.tryAcquire()) expect(++tries).toBeLessThan(5);
    lock.release();
  });

  it('on release, leaves a lock that another process took after breaking ours as stale', () => {
    const path = join(dir, 'stalled.lock');
    const lock = new FileLock(path, { staleMs: 60_000 });
    expect(lock.tryAcquire()).toBe(true);
    // We stalled past staleMs; a peer broke our lock and holds its own now.
    const peer = JSON.stringify({ pid: process.ppid, host: hostname() });
    fs.unlinkSync(path);
    fs.writeFileSync(path, peer);
    lock.release();
    expect(fs.readFileSync(path, 'utf8')).toBe(peer);
    fs.unlinkSync(path);
  });
});
