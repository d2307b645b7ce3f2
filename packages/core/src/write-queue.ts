import type { ParamEntry, Storage } from './types.js';

type Write = (() => Promise<void>) | ParamEntry;

/**
 * Storage writes of one trial, issued by the synchronous Trial API, run one after another in
 * the order they were made. They start once the code that made them yields (a microtask
 * later), so the suggestions an objective makes back to back go out together: consecutive
 * param writes become one `setTrialParams` call when the storage has it. After the first
 * failure the remaining writes are skipped (a later write could depend on the failed one);
 * `flush` waits for all of them and rethrows that failure.
 */
export class WriteQueue {
  private readonly writes: Write[] = [];
  private draining: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly trialId: number,
  ) {}

  push(write: () => Promise<void>): void {
    this.writes.push(write);
    this.draining ??= this.drain();
  }

  /** Queues `setTrialParam(trialId, entry...)`, mergeable with its queued neighbours. */
  pushParam(entry: ParamEntry): void {
    this.writes.push(entry);
    this.draining ??= this.drain();
  }

  /** Waits for every queued write; throws the first failure, if any. */
  async flush(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
    if (this.failure !== undefined) throw this.failure.error;
  }

  private async drain(): Promise<void> {
    // Let the synchronous caller finish queueing first (see the class comment).
    await undefined;
    const writes = this.writes;
    let i = 0;
    while (i < writes.length && this.failure === undefined) {
      const write = writes[i];
      try {
        if (typeof write === 'function') {
          i++;
          await write();
        } else {
          let end = i + 1;
          while (end < writes.length && typeof writes[end] !== 'function') end++;
          const entries = writes.slice(i, end) as ParamEntry[];
          i = end;
          await this.writeParams(entries);
        }
      } catch (error) {
        this.failure = { error };
      }
    }
    writes.length = 0;
    this.draining = undefined;
  }

  private async writeParams(entries: ParamEntry[]): Promise<void> {
    const { storage, trialId } = this;
    if (entries.length > 1 && storage.setTrialParams !== undefined) {
      await storage.setTrialParams(trialId, entries);
      return;
    }
    for (const e of entries) await storage.setTrialParam(trialId, e.name, e.value, e.distribution);
  }
}
