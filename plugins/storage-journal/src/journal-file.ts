import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { JournalOp } from './ops.js';

const NEWLINE = 0x0a;

/**
 * The journal file: JSON lines appended with O_APPEND, read from the last offset. Only lines
 * ending in '\n' are read, so a line another process is writing is left for later, and a line
 * torn by a killed writer is terminated by the next writer and skipped (it does not parse).
 */
export class JournalFile {
  private readonly fd: number;
  /** Bytes of the file already read. */
  private offset = 0;

  constructor(
    readonly path: string,
    /** fdatasync after each append: the line then survives power loss, not only a killed process. */
    private readonly sync = false,
  ) {
    this.fd = openSync(path, 'a+');
    if (sync) {
      // A new file's name is in its directory, which fdatasync of the file does not flush.
      const dir = openSync(dirname(path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  }

  /** The complete lines written since the last call, parsed; torn lines are skipped. */
  readNew(): JournalOp[] {
    return this.read().ops;
  }

  /**
   * Call under the lock: reads every complete line. If a killed writer left a partial last
   * line, ends it with '\n' first, so that it stays one unparseable line (skipped by every
   * process) and the next append starts on a line of its own.
   */
  readAllUnderLock(): JournalOp[] {
    const { ops, tail } = this.read();
    if (!tail) return ops;
    writeSync(this.fd, '\n');
    return [...ops, ...this.read().ops];
  }

  /** Parses the new complete lines; `tail` says whether bytes without a final '\n' follow them. */
  private read(): { ops: JournalOp[]; tail: boolean } {
    const size = fstatSync(this.fd).size;
    if (size <= this.offset) return { ops: [], tail: false };
    const buf = Buffer.allocUnsafe(size - this.offset);
    const read = readSync(this.fd, buf, 0, buf.length, this.offset);
    const end = read === 0 ? -1 : buf.lastIndexOf(NEWLINE, read - 1);
    const ops: JournalOp[] = [];
    let start = 0;
    while (start <= end) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl > start) {
        try {
          ops.push(JSON.parse(buf.toString('utf8', start, nl)) as JournalOp);
        } catch {
          // A torn line from a writer killed mid-write: never applied, by any process.
        }
      }
      start = nl + 1;
    }
    this.offset += end + 1;
    return { ops, tail: end + 1 < read };
  }

  /** Call under the lock, after `readAllUnderLock`: appends the lines in one write. */
  append(ops: readonly JournalOp[]): void {
    let text = '';
    for (const op of ops) text += `${JSON.stringify(op)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length)
      written += writeSync(this.fd, bytes, written, bytes.length - written);
    // Before the lock is released and the call returns, so a returned write is on disk.
    if (this.sync) fdatasyncSync(this.fd);
    this.offset += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
