import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface JournalLockOptions {
  /**
   * A lock file older than this is taken to be left by a dead process even when its owner
   * cannot be checked (another host, unreadable file). Default 10 000 ms; a journal write
   * holds the lock for well under a millisecond.
   */
  readonly staleMs?: number;
}

interface LockOwner {
  pid?: number;
  host?: string;
}

/**
 * A cross-process mutex: a lock file created with O_EXCL (`openSync(path, 'wx')`), which
 * succeeds for exactly one process. The holder writes its pid and host into it, so a lock
 * left behind by a killed process is broken at once when that pid is gone on this host,
 * or after `staleMs` otherwise.
 */
export class FileLock {
  private readonly staleMs: number;
  private readonly owner: string;

  constructor(
    readonly path: string,
    options: JournalLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 10_000;
    // The token tells this lock from another's with the same pid (worker threads share one).
    const token = Math.random().toString(36).slice(2);
    this.owner = JSON.stringify({ pid: process.pid, host: hostname(), token });
  }

  /** Takes the lock if it is free (breaking a stale one); false when another process holds it. */
  tryAcquire(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      this.breakIfStale();
      return false;
    }
    try {
      writeSync(fd, this.owner);
    } finally {
      closeSync(fd);
    }
    return true;
  }

  release(): void {
    try {
      // A holder stalled past staleMs may have had its lock broken and taken by another
      // process: removing that one would let a third writer in alongside it.
      if (readFileSync(this.path, 'utf8') !== this.owner) return;
      unlinkSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  private breakIfStale(): void {
    const seen = this.staleLock();
    if (seen === null) return;
    // Breaking is itself a critical section. Without it, two processes that both found the
    // same lock stale could interleave so that the slower one removes the lock the faster one
    // has just taken afresh, and both would write at once. Under `.break`, the lock is
    // re-checked to be the very file judged stale (same inode and content) before it goes.
    const breaker = `${this.path}.break`;
    let fd: number;
    try {
      fd = openSync(breaker, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A breaker holds `.break` for microseconds; an old one was killed while breaking.
      try {
        if (Date.now() - statSync(breaker).mtimeMs >= this.staleMs) unlinkSync(breaker);
      } catch {
        // gone meanwhile
      }
      return;
    }
    closeSync(fd);
    try {
      const now = this.staleLock();
      if (now !== null && now.ino === seen.ino && now.text === seen.text) unlinkSync(this.path);
    } catch {
      // Released meanwhile.
    } finally {
      unlinkSync(breaker);
    }
  }

  /** The lock file's identity when it is stale (owner dead on this host, or old); else null. */
  private staleLock(): { ino: number; text: string } | null {
    let text: string;
    let ino: number;
    let mtime: number;
    try {
      const st = statSync(this.path);
      ino = st.ino;
      mtime = st.mtimeMs;
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null; // released meanwhile
    }
    let owner: LockOwner = {};
    try {
      owner = JSON.parse(text) as LockOwner;
    } catch {
      // Empty: the holder is between creating the file and writing its pid. Only age tells.
    }
    const deadHere =
      owner.host === hostname() &&
      typeof owner.pid === 'number' &&
      owner.pid !== process.pid &&
      !isAlive(owner.pid);
    // A reused pid looks alive: such a lock is broken by age only.
    if (!deadHere && Date.now() - mtime < this.staleMs) return null;
    return { ino, text };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
