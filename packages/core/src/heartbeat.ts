import type { Storage } from './types.js';

/**
 * When this process last had a beat stored, per storage object and trial id. Shared by every
 * Study on one storage object, so that none of them judges stale a trial another is running.
 */
const lastBeatsByStorage = new WeakMap<Storage, Map<number, number>>();

/** A trial's running heartbeat. Internal. */
export interface RunningHeartbeat {
  /** Settles once the first beat is stored or has failed; never rejects. */
  readonly first: Promise<void>;
  /** Stops the beats. */
  stop(): void;
}

/** The heartbeats a study sends through one storage. Internal. */
export class Heartbeats {
  private readonly storage: Storage;
  private readonly intervalMs: number;
  private readonly lastBeats: Map<number, number>;

  constructor(storage: Storage, intervalMs: number) {
    this.storage = storage;
    this.intervalMs = intervalMs;
    let lastBeats = lastBeatsByStorage.get(storage);
    if (lastBeats === undefined) {
      lastBeats = new Map();
      lastBeatsByStorage.set(storage, lastBeats);
    }
    this.lastBeats = lastBeats;
  }

  /** Beats the trial now and then every interval until stopped. */
  start(trialId: number): RunningHeartbeat {
    // No beat is stored yet: a catch-up may send one more, which is harmless.
    this.lastBeats.set(trialId, Number.NEGATIVE_INFINITY);
    const first = this.beat(trialId);
    const timer = setInterval(() => void this.beat(trialId), this.intervalMs);
    return {
      first,
      stop: () => {
        clearInterval(timer);
        this.lastBeats.delete(trialId);
      },
    };
  }

  /**
   * Beats every trial this process beats through this storage whose last stored beat is
   * older than `ageMs`. Timers do not run during synchronous work (a slow sampler, a blocking
   * objective), so without this a worker could judge stale a trial it is itself running.
   */
  async catchUp(ageMs: number): Promise<void> {
    const due = Date.now() - ageMs;
    const late = [...this.lastBeats].filter(([, at]) => at <= due).map(([id]) => id);
    await Promise.all(late.map((id) => this.beat(id)));
  }

  private async beat(trialId: number): Promise<void> {
    const sent = Date.now();
    try {
      await this.storage.recordHeartbeat(trialId);
    } catch {
      // A missed beat only risks the trial being judged stale later; it must not end the trial.
      return;
    }
    // Only a stored beat counts, and only for a trial still beating (not stopped meanwhile).
    const last = this.lastBeats.get(trialId);
    if (last !== undefined && last < sent) this.lastBeats.set(trialId, sent);
  }
}
