import type { Storage } from './types.js';

/** A beat sent and not yet answered: when it was sent, and whether it gets stored. */
interface PendingBeat {
  readonly sent: number;
  readonly stored: Promise<boolean>;
}

/**
 * The beats of this process through one storage object, by trial id: when one was last
 * stored, and the newest still in flight. Shared by every Study on that storage object, so
 * that none of them judges stale a trial another is running. Times are Date.now(), the clock
 * the in-process storages stamp beats with.
 */
interface BeatLedger {
  readonly lastStored: Map<number, number>;
  readonly inFlight: Map<number, PendingBeat>;
}

const ledgers = new WeakMap<Storage, BeatLedger>();

/** A trial's running heartbeat. Internal. */
export interface RunningHeartbeat {
  /** Settles once the first beat is stored (true) or has failed (false); never rejects. */
  readonly first: Promise<boolean>;
  /** Stops the beats. */
  stop(): void;
}

/** The heartbeats a study sends through one storage. Internal. */
export class Heartbeats {
  private readonly storage: Storage;
  readonly intervalMs: number;
  private readonly lastBeats: Map<number, number>;
  private readonly inFlight: Map<number, PendingBeat>;

  constructor(storage: Storage, intervalMs: number) {
    this.storage = storage;
    this.intervalMs = intervalMs;
    let ledger = ledgers.get(storage);
    if (ledger === undefined) {
      ledger = { lastStored: new Map(), inFlight: new Map() };
      ledgers.set(storage, ledger);
    }
    this.lastBeats = ledger.lastStored;
    this.inFlight = ledger.inFlight;
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
   * Runs `judge` (a stale-trial check) once every trial this process beats through this
   * storage has a stored beat younger than `ageMs`. Timers do not run during synchronous work
   * (a slow sampler, a blocking objective), so without this a worker could judge stale a trial
   * it is itself running. `judge` runs in the same synchronous step as the last look, so no
   * other work can age a beat in between. A beat already in flight and sent recently enough is
   * waited for (at most `ageMs`) rather than sent again; if it is lost or late, the next round
   * sends one. A trial whose own catch-up beat fails is left to be judged.
   */
  async beforeJudging<T>(ageMs: number, judge: () => Promise<T>): Promise<T> {
    const failed = new Set<number>();
    for (let round = 0; ; round++) {
      const due = Date.now() - ageMs;
      const late = [...this.lastBeats]
        .filter(([id, at]) => at <= due && !failed.has(id))
        .map(([id]) => id);
      // A storage slower than ageMs per beat would keep every trial late: give up after three rounds.
      if (late.length === 0 || round === 3) return judge();
      const attempts = late.map((id) => {
        const pending = this.inFlight.get(id);
        return pending !== undefined && pending.sent > due
          ? { id, own: false, stored: settledWithin(pending.stored, ageMs) }
          : { id, own: true, stored: this.beat(id) };
      });
      const stored = await Promise.all(attempts.map((a) => a.stored));
      attempts.forEach((a, i) => {
        if (a.own && stored[i] === false) failed.add(a.id);
      });
    }
  }

  /** Sends one beat; resolves with whether the storage stored it. Never rejects. */
  private beat(trialId: number): Promise<boolean> {
    const sent = Date.now();
    const stored = this.send(trialId, sent);
    this.inFlight.set(trialId, { sent, stored });
    void stored.then(() => {
      if (this.inFlight.get(trialId)?.stored === stored) this.inFlight.delete(trialId);
    });
    return stored;
  }

  private async send(trialId: number, sent: number): Promise<boolean> {
    try {
      await this.storage.recordHeartbeat(trialId);
    } catch {
      // A missed beat only risks the trial being judged stale later; it must not end the trial.
      return false;
    }
    // Only a stored beat counts; only for a trial still beating (a beat that lands after
    // stop() must not bring it back); and only if newer (replies may come out of order).
    const last = this.lastBeats.get(trialId);
    if (last !== undefined && last < sent) this.lastBeats.set(trialId, sent);
    return true;
  }
}

/** The promise's value, or undefined if it has not settled within `ms`. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  // The timer's type is left to inference: with both the DOM lib and @types/node loaded,
  // ReturnType<typeof setTimeout> names DOM's number while the call returns Node's Timeout.
  let cancel = (): void => undefined;
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    cancel();
  }
}
