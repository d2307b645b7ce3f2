/**
 * Storage writes issued by the synchronous Trial API, run one after another in the order
 * they were made; the first starts at once. After the first failure the remaining writes
 * are skipped (a later write could depend on the failed one); `flush` waits for all of
 * them and rethrows that failure.
 */
export class WriteQueue {
  private readonly writes: (() => Promise<void>)[] = [];
  private draining: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  push(write: () => Promise<void>): void {
    this.writes.push(write);
    this.draining ??= this.drain();
  }

  /** Waits for every queued write; throws the first failure, if any. */
  async flush(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
    if (this.failure !== undefined) throw this.failure.error;
  }

  private async drain(): Promise<void> {
    const writes = this.writes;
    for (let i = 0; i < writes.length; i++) {
      if (this.failure !== undefined) break;
      try {
        await writes[i]();
      } catch (error) {
        this.failure = { error };
      }
    }
    writes.length = 0;
    this.draining = undefined;
  }
}
