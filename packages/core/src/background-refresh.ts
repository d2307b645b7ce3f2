/**
 * At most one background refresh per study starts in this many milliseconds. A tight report
 * loop (a report per mini-batch) would otherwise read the study from a database hundreds of
 * times a second; 50 ms keeps a pruner's view at most that much (plus one read) behind the
 * report that asked for it, far less than the time between the epochs pruners usually judge.
 */
export const BACKGROUND_REFRESH_INTERVAL_MS = 50;

/**
 * Keeps a study's trial cache fresh while its trials run, so that `trial.shouldPrune()`, which
 * is synchronous, judges a trial against what other workers have stored meanwhile. A trial's
 * `report` asks for a refresh; the read runs in the background while the objective awaits
 * its next step and is merged into the cache the trial's view reads, ready for the next
 * `shouldPrune`.
 *
 * - Coalesced: at most one read in flight; a request during it makes one more read follow it
 *   (the read in flight may have started before the data the request wants to see).
 * - Throttled: at most one read per `intervalMs`, counting the study's other reads (trial
 *   start, `getTrials`); a request within the window is served by one read at its end.
 * - Bounded by its trials: reporting trials `join` and `leave`; a read starts only while one
 *   of them runs, and the last to leave awaits the read in flight, so none outlives them.
 * - Errors are kept, never left as unhandled rejections, and handed to the next trial that
 *   finishes (`takeFailure`), which surfaces them at that awaited point.
 */
export class BackgroundRefresh {
  private inFlight: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private members = 0;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly read: () => Promise<void>,
    private readonly intervalMs: number = BACKGROUND_REFRESH_INTERVAL_MS,
  ) {}

  /** A read of the same trials started elsewhere: it counts for the throttle. */
  noteRead(): void {
    this.lastStart = performance.now();
  }

  /** A trial that reports joins; its requests are served until it leaves. */
  join(): void {
    this.members++;
  }

  /** Asks for a read soon (now, after the read in flight, or at the end of the throttle window). */
  request(): void {
    if (this.members === 0) return;
    if (this.inFlight !== undefined) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) return;
    const wait = this.lastStart + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.start();
      return;
    }
    // Timers may fire a little early against performance.now(): request() checks again.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.request();
    }, Math.ceil(wait));
  }

  /**
   * A trial leaves (it is finishing). When the last one leaves, nothing more is read for it;
   * the read in flight, if any, is returned to be awaited (it never rejects), so that no read
   * outlives its trials and its error reaches one of them through `takeFailure`. A scheduled
   * read is left to its timer, which does nothing then: reusing it saves a timer per trial.
   */
  leave(): Promise<void> | undefined {
    this.members--;
    if (this.members > 0) return undefined;
    this.again = false;
    return this.inFlight;
  }

  /** The first error of a background read since the last call, if any; forgets it. */
  takeFailure(): { error: unknown } | undefined {
    const f = this.failure;
    this.failure = undefined;
    return f;
  }

  private start(): void {
    if (this.members === 0) return;
    this.lastStart = performance.now();
    this.inFlight = this.run();
  }

  private async run(): Promise<void> {
    try {
      // One microtask first: the report's storage write, queued just before, goes out first.
      await undefined;
      await this.read();
    } catch (error) {
      this.failure ??= { error };
    }
    this.inFlight = undefined;
    if (this.again) {
      this.again = false;
      this.request();
    }
  }
}
