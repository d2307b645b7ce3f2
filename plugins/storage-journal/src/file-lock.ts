import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
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
    this.owner = JSON.stringify({ pid: process.pid, host: hostname() });
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
      unlinkSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  private breakIfStale(): void {
    let text: string;
    let mtime: number;
    try {
      text = readFileSync(this.path, 'utf8');
      mtime = statSync(this.path).mtimeMs;
    } catch {
      return; // released meanwhile
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
    if (!deadHere && Date.now() - mtime < this.staleMs) return;
    // rename is atomic: of several processes breaking the same stale lock, one succeeds.
    const aside = `${this.path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      renameSync(this.path, aside);
      unlinkSync(aside);
    } catch {
      // Someone else broke or released it first.
    }
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
