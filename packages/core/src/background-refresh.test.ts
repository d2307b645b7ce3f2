import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_REFRESH_INTERVAL_MS } from './background-refresh.js';
import { createStudy, loadStudy } from './create-study.js';
import { UniformSampler } from './defaults.js';
import { StorageError, TrialPruned } from './errors.js';
import { InMemoryStorage } from './storage/memory.js';
import type { Study } from './study.js';
import type { Trial } from './trial.js';
import type { FrozenTrial, Pruner, Storage, StudyView } from './types.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than the throttle window: any refresh asked for before it has run by its end. */
const EPOCH_MS = BACKGROUND_REFRESH_INTERVAL_MS + 20;

function lastStep(trial: FrozenTrial): number {
  return Math.max(...trial.intermediateValues.keys());
}

/** Never prunes; records what each `prune` call saw. */
class RecordingPruner implements Pruner {
  readonly calls: { step: number; view: StudyView; trials: readonly FrozenTrial[] }[] = [];
  constructor(readonly readsOtherTrials?: boolean) {}
  prune(view: StudyView, trial: FrozenTrial): boolean {
    this.calls.push({ step: lastStep(trial), view, trials: [...view.trials] });
    return false;
  }
}

/**
 * Optuna's median rule, written out: prune when the trial's value at its last step is worse
 * (minimize: higher) than the median of the COMPLETE trials' values at that step, once at
 * least two COMPLETE trials have one.
 */
const medianPruner: Pruner = {
  prune(view, trial) {
    const step = lastStep(trial);
    const others = view.trials
      .filter((t) => t.state === 'COMPLETE' && t.intermediateValues.has(step))
      .map((t) => t.intermediateValues.get(step) as number)
      .sort((x, y) => x - y);
    if (others.length < 2) return false;
    const mid = others.length >> 1;
    const median = others.length % 2 === 1 ? others[mid] : (others[mid - 1] + others[mid]) / 2;
    return (trial.intermediateValues.get(step) as number) > median;
  },
};

interface Wrapped {
  readonly storage: Storage;
  /** getAllTrials calls so far. */
  reads: number;
  /** When each getAllTrials call started (performance.now()). */
  readonly readTimes: number[];
  /** While set, getAllTrials throws this. */
  failReads: Error | undefined;
  /** While set, getAllTrials reads at once but resolves only when `release` is called. */
  holdReads: boolean;
  /** While set, setTrialIntermediateValue waits for `release` before writing. */
  holdWrites: boolean;
  release(): void;
}

/** An InMemoryStorage whose reads are counted and whose reads and writes can be held or failed. */
function wrapped(inner = new InMemoryStorage()): Wrapped {
  let open = () => {};
  const newGate = () =>
    new Promise<void>((resolve) => {
      open = resolve;
    });
  let gate = newGate();
  const w: Wrapped = {
    storage: new Proxy(inner, {
      get(target, key, receiver) {
        if (key === 'getAllTrials') {
          return async (...args: Parameters<Storage['getAllTrials']>) => {
            w.reads++;
            w.readTimes.push(performance.now());
            if (w.failReads !== undefined) throw w.failReads;
            // The snapshot is taken now; holding only its delivery makes it an old read.
            const result = await target.getAllTrials(...args);
            if (w.holdReads) await gate;
            return result;
          };
        }
        if (key === 'setTrialIntermediateValue') {
          return async (...args: Parameters<Storage['setTrialIntermediateValue']>) => {
            if (w.holdWrites) await gate;
            return target.setTrialIntermediateValue(...args);
          };
        }
        return Reflect.get(target, key, receiver);
      },
    }),
    reads: 0,
    readTimes: [],
    failReads: undefined,
    holdReads: false,
    holdWrites: false,
    release() {
      w.holdReads = false;
      w.holdWrites = false;
      open();
      gate = newGate();
    },
  };
  return w;
}

/** Two workers (Study objects) on one storage: A with `pruner`, B without. */
async function twoWorkers(
  pruner: Pruner,
  storage: Storage = new InMemoryStorage(),
): Promise<{ a: Study; b: Study }> {
  await createStudy({ storage, studyName: 'shared' });
  const a = await loadStudy({ storage, studyName: 'shared', pruner });
  const b = await loadStudy({ storage, studyName: 'shared' });
  return { a, b };
}

/** Worker B runs one trial to completion, reporting `value` at steps 0..lastStep. */
async function completeOne(b: Study, value: number, steps: number): Promise<void> {
  const t = await b.ask();
  for (let s = 0; s < steps; s++) t.report(value, s);
  await b.tell(t, value);
}

describe('the pruner view with several workers', () => {
  it("shows A's pruner the trials worker B completed while A's trial runs", async () => {
    const pruner = new RecordingPruner();
    const { a, b } = await twoWorkers(pruner);
    const ta = await a.ask();
    const K = 5;
    for (let s = 0; s < K; s++) {
      await completeOne(b, 1, K); // B finishes a trial during A's step s ...
      ta.report(2, s);
      ta.shouldPrune();
      await sleep(EPOCH_MS); // ... A's next epoch.
    }
    // At step s the view is the one read after A's report at step s-1, which came after
    // B's trial of step s-1: B's trials of steps 0..s-1 (numbers 1..s) are COMPLETE there.
    // Without the refresh every call would see the study as at A's start: none.
    expect(pruner.calls.map((c) => c.step)).toEqual([0, 1, 2, 3, 4]);
    expect(
      pruner.calls.map((c) => c.trials.filter((t) => t.state === 'COMPLETE').map((t) => t.number)),
    ).toEqual([[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4]]);
    // And they come with the intermediate values B reported.
    expect(pruner.calls[4].trials[1].intermediateValues).toEqual(
      new Map([0, 1, 2, 3, 4].map((s) => [s, 1])),
    );
    await a.tell(ta, 2);
  });

  it("shows the intermediate values of B's trial while both trials run", async () => {
    const pruner = new RecordingPruner();
    const { a, b } = await twoWorkers(pruner);
    const ta = await a.ask();
    const tb = await b.ask();
    tb.report(0.5, 0);
    tb.report(0.25, 1);
    ta.report(1, 0);
    await sleep(EPOCH_MS);
    ta.report(1, 1);
    ta.shouldPrune();
    const seen = pruner.calls[0].trials;
    expect(seen.map((t) => [t.number, t.state])).toEqual([
      [0, 'RUNNING'],
      [1, 'RUNNING'],
    ]);
    expect(seen[1].intermediateValues).toEqual(
      new Map([
        [0, 0.5],
        [1, 0.25],
      ]),
    );
    // A's own entry is its live trial, with both of its reports (not an older stored copy).
    expect(seen[0].intermediateValues.size).toBe(2);
    await Promise.all([a.tell(ta, 1), b.tell(tb, 0.25)]);
  });

  it('lets a median rule prune A once B has completed two better trials (optimize)', async () => {
    const { a, b } = await twoWorkers(medianPruner);
    const K = 6;
    let bTrials = 0;
    await a.optimize(
      async (trial) => {
        for (let s = 0; s < K; s++) {
          await completeOne(b, 1 + 0.1 * bTrials++, K);
          trial.report(2, s);
          if (trial.shouldPrune()) throw new TrialPruned();
          await sleep(EPOCH_MS);
        }
        return 2;
      },
      { nTrials: 1 },
    );
    // At step s A sees s COMPLETE B trials (see the first test); the rule needs two, whose
    // values at step 2 are 1.0 and 1.1 (median 1.05 < 2): pruned at step 2.
    const [trialA] = a.trials;
    expect(trialA.state).toBe('PRUNED');
    expect([...trialA.intermediateValues.keys()]).toEqual([0, 1, 2]);
    expect(trialA.value).toBe(2);
  });
});

describe('background refresh cost', () => {
  it('coalesces a burst of reports into at most two reads: the one in flight and one after it', async () => {
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner: new RecordingPruner() });
    const trial = await study.ask();
    await sleep(EPOCH_MS); // past the throttle window of the trial-start read
    w.reads = 0;
    w.holdReads = true;
    for (let s = 0; s < 20; s++) {
      trial.report(s, s);
      trial.shouldPrune();
    }
    await sleep(1);
    expect(w.reads).toBe(1); // in flight, held
    for (let s = 20; s < 40; s++) {
      trial.report(s, s);
      trial.shouldPrune();
      await Promise.resolve();
    }
    expect(w.reads).toBe(1);
    w.release();
    await sleep(EPOCH_MS);
    expect(w.reads).toBe(2); // the 20 requests made during the first read: one more read
    await sleep(EPOCH_MS);
    await study.tell(trial, 0);
    expect(w.reads).toBe(2);
  });

  it('throttles a tight report loop: reads start at least the interval apart', async () => {
    // On a fake clock (timers and performance.now), so that a loaded machine cannot stretch
    // the 2 ms steps: 150 reports in 6 intervals.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner: new RecordingPruner() });
    const starts = w.readTimes;
    starts.length = 0;
    const trial = await study.ask();
    let reports = 0;
    const end = performance.now() + 6 * BACKGROUND_REFRESH_INTERVAL_MS;
    while (performance.now() < end) {
      trial.report(reports, reports++);
      trial.shouldPrune();
      await vi.advanceTimersByTimeAsync(2);
    }
    await study.tell(trial, 0);
    expect(reports).toBe(150);
    // Every report asks for a refresh, so only the throttle spaces the reads: the trial
    // start's read at 0, then one each interval, the last when the loop ends at 300 ms.
    const interval = BACKGROUND_REFRESH_INTERVAL_MS;
    expect(starts.map((t) => t - starts[0])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((k) => k * interval),
    );
  });

  async function readsPerTrial(pruner?: Pruner): Promise<number> {
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner });
    w.reads = 0;
    await study.optimize(
      async (trial) => {
        for (let s = 0; s < 3; s++) {
          trial.report(s, s);
          if (trial.shouldPrune()) throw new TrialPruned();
          await sleep(EPOCH_MS);
        }
        return 0;
      },
      { nTrials: 2 },
    );
    return w.reads / 2;
  }

  it('adds no read with the default pruner, nor with one that reads only its own trial', async () => {
    expect(await readsPerTrial()).toBe(1);
    expect(await readsPerTrial(new RecordingPruner(false))).toBe(1);
    // The same trials with a pruner that reads the study: a refresh after each report.
    expect(await readsPerTrial(new RecordingPruner())).toBeGreaterThan(1);
  });

  it('adds no read to a trial that does not report', async () => {
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner: new RecordingPruner() });
    w.reads = 0;
    await study.optimize(
      async (trial) => {
        await sleep(EPOCH_MS);
        return trial.suggestFloat('x', 0, 1);
      },
      { nTrials: 2 },
    );
    expect(w.reads).toBe(2);
  });
});

describe('background refresh safety', () => {
  it('surfaces a failed background read at the next awaited point, the trial stored', async () => {
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner: new RecordingPruner() });
    const trial = await study.ask();
    w.failReads = new StorageError('read timeout');
    trial.report(1, 0);
    await sleep(EPOCH_MS); // the read has failed by now; nothing is thrown yet
    trial.report(2, 1);
    expect(trial.shouldPrune()).toBe(false);
    w.failReads = undefined;
    await expect(study.tell(trial, 3)).rejects.toThrow('read timeout');
    const stored = await w.storage.getTrial(trial.trialId);
    expect([stored.state, stored.value, stored.intermediateValues.size]).toEqual([
      'COMPLETE',
      3,
      2,
    ]);
    // Surfaced once: the next trial ends normally.
    const next = await study.ask();
    next.report(1, 0);
    await sleep(EPOCH_MS);
    await expect(study.tell(next, 1)).resolves.toMatchObject({ state: 'COMPLETE' });
  });

  it('makes optimize throw a failed background read after the trial, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const w = wrapped();
    const study = await createStudy({ storage: w.storage, pruner: new RecordingPruner() });
    const run = study.optimize(
      async (trial) => {
        w.failReads = new StorageError('connection reset');
        trial.report(1, 0);
        await sleep(EPOCH_MS);
        w.failReads = undefined;
        return 1;
      },
      { nTrials: 3 },
    );
    await expect(run).rejects.toThrow('connection reset');
    expect(study.trials.map((t) => [t.state, t.value])).toEqual([['COMPLETE', 1]]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection reset'));
    // With catch: 'all' the study goes on.
    await study.optimize(
      async (trial) => {
        w.failReads = trial.number === 1 ? new StorageError('connection reset') : undefined;
        trial.report(1, 0);
        await sleep(EPOCH_MS);
        w.failReads = undefined;
        return 1;
      },
      { nTrials: 2, catch: 'all' },
    );
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it("never replaces this process's running trial with an older stored copy", async () => {
    const w = wrapped();
    const pruner = new RecordingPruner();
    const study = await createStudy({ storage: w.storage, pruner });
    const trial = await study.ask();
    await sleep(EPOCH_MS);
    w.holdWrites = true; // storage lags behind the trial
    w.reads = 0;
    trial.report(1, 0);
    await sleep(EPOCH_MS);
    expect(w.reads).toBe(1);
    expect((await w.storage.getTrial(trial.trialId)).intermediateValues.size).toBe(0);
    // No report since the read (a report republishes the live trial): what the read left.
    trial.shouldPrune();
    expect(study.trials[0]).toBe(trial.snapshot);
    expect(pruner.calls[0].trials[0].intermediateValues.size).toBe(1);
    w.release();
    await study.tell(trial, 3);
  });

  it('does not let an older read replace a newer copy of a running trial of another worker', async () => {
    const w = wrapped();
    const { a, b } = await twoWorkers(new RecordingPruner(), w.storage);
    const ta = await a.ask();
    const tb = await b.ask();
    tb.report(1, 0);
    await sleep(EPOCH_MS);
    w.holdReads = true;
    ta.report(1, 0); // background read: B's trial with one value, delivered late
    await sleep(1);
    w.holdReads = false;
    tb.report(2, 1);
    await sleep(1);
    await a.getTrials(); // a newer read: two values
    expect(a.trials[tb.number].intermediateValues.size).toBe(2);
    w.release();
    await sleep(1);
    expect(a.trials[tb.number].intermediateValues.size).toBe(2);
    await Promise.all([a.tell(ta, 1), b.tell(tb, 2)]);
  });
});

describe('reproducibility', () => {
  /** A seeded run that reports and prunes, with awaits long enough for background reads. */
  async function seededRun(readsOtherTrials: boolean | undefined) {
    const seen: string[] = [];
    const pruner: Pruner = {
      readsOtherTrials,
      prune(view, trial) {
        seen.push(
          view.trials
            .map((t) => `${t.number}:${t.state}:${t.intermediateValues.size}:${t.value}`)
            .join(' '),
        );
        return medianPruner.prune(view, trial);
      },
    };
    const study = await createStudy({ sampler: new UniformSampler({ seed: 7 }), pruner });
    await study.optimize(
      async (trial: Trial) => {
        const x = trial.suggestFloat('x', -2, 2);
        let v = 0;
        for (let s = 0; s < 4; s++) {
          v += (x - 0.5) ** 2 / (s + 1);
          trial.report(v, s);
          if (trial.shouldPrune()) throw new TrialPruned();
          await sleep(trial.number % 3 === 0 ? 20 : 1);
        }
        return v;
      },
      { nTrials: 8 },
    );
    return {
      seen,
      trials: study.trials.map((t) => [t.state, t.params.x, t.value, [...t.intermediateValues]]),
    };
  }

  it('gives a seeded single-process run the same trials and pruner views as without background reads', async () => {
    const withReads = await seededRun(undefined);
    const without = await seededRun(false);
    expect(withReads).toEqual(without);
    expect(withReads.trials.some((t) => t[0] === 'PRUNED')).toBe(true);
    expect(await seededRun(undefined)).toEqual(withReads);
  });
});
