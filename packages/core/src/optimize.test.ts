import type { Distribution } from '@tunekit/search-space';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudy, loadStudy } from './create-study.js';
import { UniformSampler } from './defaults.js';
import { InvalidArgumentError, TrialPruned } from './errors.js';
import { createRng } from './rng.js';
import { InMemoryStorage } from './storage/memory.js';
import type { Study } from './study.js';
import type { Trial } from './trial.js';
import type { FrozenTrial, Sampler, StudyView } from './types.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);

function objective(t: Trial): number {
  const x = t.suggestFloat('x', -5, 5);
  const n = t.suggestInt('n', 1, 100, { log: true });
  const k = t.suggestCategorical('k', ['a', 'b', 'c']);
  return x * x + n + (k === 'a' ? 1 : 0);
}

const summary = (s: Study) => s.trials.map((t) => [t.number, t.state, t.params, t.values]);

describe('optimize', () => {
  it('runs nTrials trials and completes them with the returned value', async () => {
    const s = await createStudy();
    await s.optimize(objective, { nTrials: 7 });
    expect(s.trials.map((t) => t.state)).toEqual(Array(7).fill('COMPLETE'));
    for (const t of s.trials) {
      const { x, n, k } = t.params as { x: number; n: number; k: string };
      expect(t.value).toBe(x * x + n + (k === 'a' ? 1 : 0));
    }
    await s.optimize(objective, { nTrials: 2 });
    expect(s.trials.length).toBe(9);
  });

  it('gives the same trials for the same seed, run after run', async () => {
    const run = async () => {
      const s = await createStudy({ sampler: new UniformSampler({ seed: 11 }) });
      await s.optimize(objective, { nTrials: 20 });
      return summary(s);
    };
    const a = await run();
    expect(await run()).toEqual(a);
    const other = await createStudy({ sampler: new UniformSampler({ seed: 12 }) });
    await other.optimize(objective, { nTrials: 20 });
    expect(summary(other)).not.toEqual(a);
  });

  it('validates its options', async () => {
    const s = await createStudy();
    await expect(s.optimize(objective, { nTrials: -1 })).rejects.toThrow(/^nTrials = -1/);
    await expect(s.optimize(objective, { concurrency: 0 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(s.optimize(objective, { timeoutMs: Number.NaN })).rejects.toThrow(/timeoutMs/);
    await expect(s.optimize(objective, { catch: 'some' as 'all' })).rejects.toThrow(
      /^catch = "some"/,
    );
    await expect(s.optimize('f' as unknown as typeof objective)).rejects.toThrow(/objective/);
    expect(s.trials).toEqual([]);
  });

  it('marks wrong results FAIL with the reason, warns, and goes on', async () => {
    const warn = quiet();
    const results: unknown[] = [Number.NaN, undefined, '1', [1, 2], null, 3];
    const s = await createStudy();
    let i = 0;
    await s.optimize(() => results[i++] as number, { nTrials: results.length });
    expect(s.trials.map((t) => t.state)).toEqual([
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'FAIL',
      'COMPLETE',
    ]);
    const reasons = s.trials.slice(0, 5).map((t) => t.systemAttrs.fail_reason);
    expect(reasons[0]).toMatch(/NaN/);
    expect(reasons[1]).toMatch(/undefined/);
    expect(reasons[2]).toMatch(/"1"/);
    expect(reasons[3]).toMatch(/number of values 2/);
    expect(reasons[4]).toMatch(/null/);
    expect(warn).toHaveBeenCalledTimes(5);
  });

  it('records an exception as FAIL and re-throws it unless catch allows', async () => {
    quiet();
    const boom = new RangeError('boom');
    const s = await createStudy();
    await expect(
      s.optimize(
        () => {
          throw boom;
        },
        { nTrials: 5 },
      ),
    ).rejects.toBe(boom);
    expect(s.trials.length).toBe(1);
    expect(s.trials[0].state).toBe('FAIL');
    expect(s.trials[0].systemAttrs.fail_reason).toBe('RangeError: boom');

    await s.optimize(
      () => {
        throw boom;
      },
      { nTrials: 3, catch: 'all' },
    );
    expect(s.trials.length).toBe(4);
    const onlyRange = (e: unknown) => e instanceof RangeError;
    await s.optimize(
      () => {
        throw boom;
      },
      { nTrials: 2, catch: onlyRange },
    );
    expect(s.trials.length).toBe(6);
    await expect(
      s.optimize(
        () => {
          throw new TypeError('other');
        },
        { nTrials: 2, catch: onlyRange },
      ),
    ).rejects.toThrow('other');
    expect(s.trials.length).toBe(7);
    expect(s.trials.every((t) => t.state === 'FAIL')).toBe(true);
  });

  it('marks a pruned trial PRUNED with its last intermediate value', async () => {
    const s = await createStudy();
    await s.optimize(
      (t) => {
        t.report(10, 0);
        t.report(8, 1);
        if (t.number === 0) throw new TrialPruned();
        // A branded signal from a package without a core dependency works as well.
        throw Object.assign(new Error('pruned'), { [Symbol.for('tunekit.TrialPruned')]: true });
      },
      { nTrials: 2 },
    );
    expect(s.trials.map((t) => [t.state, t.value])).toEqual([
      ['PRUNED', 8],
      ['PRUNED', 8],
    ]);
  });

  it('calls callbacks after each trial with the study and the stored trial', async () => {
    const seen: [Study, FrozenTrial][] = [];
    const s = await createStudy();
    await s.optimize(objective, {
      nTrials: 3,
      callbacks: [
        async (study, t) => {
          await sleep(1);
          seen.push([study, t]);
        },
      ],
    });
    expect(seen.map(([study, t]) => [study === s, t.number, t.state])).toEqual([
      [true, 0, 'COMPLETE'],
      [true, 1, 'COMPLETE'],
      [true, 2, 'COMPLETE'],
    ]);
  });

  it('runs the callbacks in order with the frozen stored trial, for caught failures but not uncaught ones', async () => {
    quiet();
    const calls: string[] = [];
    const s = await createStudy();
    const check = async (study: Study, t: FrozenTrial) => {
      expect(Object.isFrozen(t)).toBe(true);
      expect(t).toEqual(await study.storage.getTrial(t.trialId));
      expect(study.trials[t.number]).toBe(t);
      calls.push(`a${t.number}:${t.state}`);
    };
    const callbacks = [check, (_: Study, t: FrozenTrial) => void calls.push(`b${t.number}`)];
    const fail = (t: Trial) => {
      if (t.number === 1) throw new RangeError('caught');
      if (t.number === 3) throw new TypeError('uncaught');
      return t.number;
    };
    await expect(
      s.optimize(fail, { nTrials: 5, callbacks, catch: (e) => e instanceof RangeError }),
    ).rejects.toThrow('uncaught');
    expect(calls).toEqual(['a0:COMPLETE', 'b0', 'a1:FAIL', 'b1', 'a2:COMPLETE', 'b2']);
    expect(s.trials.map((t) => t.state)).toEqual(['COMPLETE', 'FAIL', 'COMPLETE', 'FAIL']);
  });

  it('completes trials whose value is infinite or -0, and ranks them', async () => {
    const s = await createStudy();
    const results = [1, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, [2]];
    let i = 0;
    await s.optimize(() => results[i++] as number, { nTrials: results.length });
    expect(s.trials.map((t) => t.state)).toEqual(Array(5).fill('COMPLETE'));
    expect(s.trials.map((t) => t.value)).toEqual([1, Number.POSITIVE_INFINITY, -0, -Infinity, 2]);
    expect(Object.is(s.trials[2].value, -0)).toBe(true);
    expect(s.bestTrial.number).toBe(3);
  });

  it('finishes every trial with concurrency 3 when failures are caught', async () => {
    quiet();
    const s = await createStudy();
    await s.optimize(
      async (t) => {
        await sleep(t.number % 3);
        if (t.number % 4 === 1) throw new Error(`bad ${t.number}`);
        return t.number;
      },
      { nTrials: 12, concurrency: 3, catch: 'all' },
    );
    expect(s.trials.map((t) => t.number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(s.trials.filter((t) => t.state === 'FAIL').map((t) => t.number)).toEqual([1, 5, 9]);
    expect(s.trials[5].systemAttrs.fail_reason).toBe('Error: bad 5');
  });

  it('gives the same trials for the same seed with a relative sampler that learns from the study', async () => {
    // A scripted model-based sampler: after two complete trials it samples x and y jointly
    // around the best trial so far, with offsets from its seed, the trial number and the
    // number of complete trials: any difference in what the view shows changes the sequence.
    class Scripted implements Sampler {
      readonly name = 'scripted';
      constructor(private readonly seed: number) {}
      inferRelativeSearchSpace(view: StudyView): Record<string, Distribution> {
        const done = view.getTrials({ states: ['COMPLETE'] });
        return done.length < 2 ? {} : { ...done[0].distributions };
      }
      sampleRelative(
        view: StudyView,
        trial: FrozenTrial,
        space: Record<string, Distribution>,
      ): Record<string, unknown> {
        const done = view.getTrials({ states: ['COMPLETE'] });
        const best = done.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
        const rng = createRng(this.seed * 1000 + trial.number * 10 + done.length);
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(space)) {
          const v = (best.params[name] as number) + rng.uniform(-0.1, 0.1);
          out[name] = Math.min(1, Math.max(0, v));
        }
        return out;
      }
      sampleIndependent(_v: StudyView, trial: FrozenTrial, name: string): unknown {
        return createRng(this.seed).fork(`${trial.number}:${name}`).random();
      }
    }
    const run = async (seed: number) => {
      const s = await createStudy({ sampler: new Scripted(seed) });
      await s.optimize(
        (t) => {
          const x = t.suggestFloat('x', 0, 1);
          const y = t.suggestFloat('y', 0, 1);
          if (t.number % 5 === 3) throw new TrialPruned();
          return (x - 0.3) ** 2 + (y - 0.7) ** 2;
        },
        { nTrials: 25 },
      );
      return summary(s);
    };
    const a = await run(1);
    expect(a.filter((t) => t[1] === 'COMPLETE').length).toBe(20);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });

  it('stops after the trial in flight on study.stop() and view.stop()', async () => {
    const s = await createStudy();
    await s.optimize(
      (t) => {
        if (t.number === 2) s.stop();
        return 1;
      },
      { nTrials: 10 },
    );
    expect(s.trials.length).toBe(3);
    const stopper: Sampler = {
      name: 'stopper',
      sampleIndependent: () => 0,
      afterTrial(view, trial) {
        if (trial.number === 4) view.stop();
      },
    };
    const t = await createStudy({ sampler: stopper });
    await t.optimize((trial) => trial.suggestFloat('x', 0, 1), { nTrials: 10 });
    expect(t.trials.length).toBe(5);
    // A stop belongs to the optimize call it was made in.
    await s.optimize(() => 1, { nTrials: 2 });
    expect(s.trials.length).toBe(5);
  });

  it('starts no new trial once the signal is aborted; the trials in flight finish', async () => {
    const controller = new AbortController();
    const s = await createStudy();
    await s.optimize(
      async (t) => {
        if (t.number === 3) controller.abort();
        await sleep(5);
        return t.number;
      },
      { nTrials: 100, concurrency: 2, signal: controller.signal },
    );
    expect(s.trials.length).toBeLessThanOrEqual(5);
    expect(s.trials.length).toBeGreaterThanOrEqual(4);
    expect(s.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
  });

  it('lets a timer-driven abort through even with a synchronous objective', async () => {
    const s = await createStudy();
    await s.optimize(() => 1, { signal: AbortSignal.timeout(30) });
    expect(s.trials.length).toBeGreaterThan(0);
  });

  it('starts no new trial once timeoutMs has elapsed', async () => {
    // On a fake clock, so that the start times are exact. Trials take 10 ms. After the one
    // that ends at 50 ms, optimize yields to the event loop (every 50 ms) with a 0 ms timer,
    // which timers clamp to 1 ms. Optuna stops once elapsed >= timeout: with 30 ms the trial
    // that would start at exactly 30 does not; with 60 the next start would be 61.
    vi.useFakeTimers();
    for (const [timeoutMs, expected] of [
      [30, [0, 10, 20]],
      [60, [0, 10, 20, 30, 40, 51]],
    ] as const) {
      const s = await createStudy();
      const starts: number[] = [];
      const t0 = Date.now();
      const done = s.optimize(
        async () => {
          starts.push(Date.now() - t0);
          await sleep(10);
          return 0;
        },
        { timeoutMs },
      );
      await vi.advanceTimersByTimeAsync(200);
      expect(starts).toEqual(expected);
      await done;
      expect(s.trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    }
  });

  it('runs up to `concurrency` trials at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await createStudy();
    await s.optimize(
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(3);
        inFlight--;
        return 0;
      },
      { nTrials: 12, concurrency: 4 },
    );
    expect(peak).toBe(4);
    expect(s.trials.length).toBe(12);
  });

  it('keeps trial numbers unique and consecutive under concurrency and several workers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        async (concurrency, workers, delays) => {
          const storage = new InMemoryStorage();
          const first = await createStudy({ storage, studyName: 'p' });
          const studies = [first];
          for (let w = 1; w < workers; w++)
            studies.push(await loadStudy({ storage, studyName: 'p' }));
          await Promise.all(
            studies.map((s) =>
              s.optimize(
                async (t) => {
                  const x = t.suggestFloat('x', 0, 1);
                  const d = delays[t.number % delays.length];
                  if (d > 0) await sleep(d);
                  return x;
                },
                { nTrials: delays.length, concurrency },
              ),
            ),
          );
          const all = await first.getTrials();
          expect(all.map((t) => t.number)).toEqual(
            Array.from({ length: delays.length * workers }, (_, i) => i),
          );
          expect(new Set(all.map((t) => t.trialId)).size).toBe(all.length);
          expect(all.every((t) => t.state === 'COMPLETE')).toBe(true);
          for (const s of studies)
            expect(s.trials.filter((t) => t.state === 'COMPLETE').length).toBeGreaterThanOrEqual(
              delays.length,
            );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('keeps the cache equal to storage when every storage call is slow and concurrency is 3', async () => {
    const inner = new InMemoryStorage();
    const rng = createRng(8);
    // Every call waits 0-2 ms first, so calls of different trials finish out of order.
    const storage = new Proxy(inner, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          await sleep(rng.int(0, 2));
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const s = await createStudy({ storage, sampler: new UniformSampler({ seed: 2 }) });
    await s.optimize(
      async (t) => {
        const x = t.suggestFloat('x', 0, 1);
        t.report(x, 0);
        await sleep(rng.int(0, 3));
        return x;
      },
      { nTrials: 15, concurrency: 3 },
    );
    const stored = await inner.getAllTrials(s.studyId);
    expect(s.trials).toEqual(stored);
    expect(stored.every((t) => t.state === 'COMPLETE' && t.value === t.params.x)).toBe(true);
  });

  it('waits for trials in flight before throwing an uncaught error', async () => {
    quiet();
    const s = await createStudy();
    await expect(
      s.optimize(
        async (t) => {
          if (t.number === 0) {
            await sleep(2);
            throw new Error('first');
          }
          await sleep(10);
          return 1;
        },
        { nTrials: 10, concurrency: 3 },
      ),
    ).rejects.toThrow('first');
    expect(s.trials.map((t) => t.state)).toEqual(['FAIL', 'COMPLETE', 'COMPLETE']);
  });

  it('prints one plain line per trial with showProgressBar', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const s = await createStudy();
    let v = 3;
    await s.optimize(() => v--, { nTrials: 3, showProgressBar: true });
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      '[tunekit] trial 0 COMPLETE values=[3] | best trial 0 value=3 | 1/3',
      '[tunekit] trial 1 COMPLETE values=[2] | best trial 1 value=2 | 2/3',
      '[tunekit] trial 2 COMPLETE values=[1] | best trial 2 value=1 | 3/3',
    ]);
  });

  it('supports multi-objective results', async () => {
    const s = await createStudy({ directions: ['minimize', 'maximize'] });
    let i = 0;
    const points = [
      [1, 1],
      [2, 3],
      [0, 0],
      [2, 2],
    ];
    await s.optimize(() => points[i++], { nTrials: 4 });
    expect(s.trials.map((t) => t.values)).toEqual(points);
    expect(s.bestTrials.map((t) => t.number)).toEqual([0, 1, 2]);
  });
});

describe('heartbeats', () => {
  /** A sampler that runs `beforeTrial` and samples every param at its low end. */
  const samplerWith = (name: string, beforeTrial: Sampler['beforeTrial']): Sampler => ({
    name,
    beforeTrial,
    inferRelativeSearchSpace: () => ({}),
    sampleRelative: () => ({}),
    sampleIndependent: (_v, _t, _n, d) => (d.type === 'float' ? d.low : 0),
  });

  /** Logs the trial id of every beat sent; `store` stores it, and `around` may delay or disturb that. */
  const logBeats = (
    storage: InMemoryStorage,
    around: (id: number, store: () => Promise<void>) => Promise<void>,
  ): number[] => {
    const beaten: number[] = [];
    const original = storage.recordHeartbeat.bind(storage);
    storage.recordHeartbeat = (id) => {
      beaten.push(id);
      return around(id, () => original(id));
    };
    return beaten;
  };

  /**
   * Runs trials two at a time on fake timers with a 50 ms interval (grace 100 ms); the
   * sampler of trial `slow` does 120 ms of synchronous work, during which no timer runs, and
   * trial 0 waits 10 ms so that it is in flight when the next start judges stale trials.
   * Returns the trials' states.
   */
  const runStarved = async (storage: InMemoryStorage, slow: number, nTrials: number) => {
    const s = await createStudy({
      storage,
      heartbeatIntervalMs: 50,
      sampler: samplerWith('slow-once', (_view, trial) => {
        if (trial.number === slow) vi.setSystemTime(Date.now() + 120);
      }),
    });
    const running = s.optimize(
      async (trial) => {
        if (trial.number === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        return trial.suggestFloat('x', 0, 1);
      },
      { nTrials, concurrency: 2 },
    );
    await vi.advanceTimersByTimeAsync(1000);
    await running;
    return s.trials.map((t) => t.state);
  };

  it('records heartbeats while a trial runs', async () => {
    const storage = new InMemoryStorage();
    const beats: number[] = [];
    const original = storage.recordHeartbeat.bind(storage);
    storage.recordHeartbeat = (id) => {
      beats.push(id);
      return original(id);
    };
    const s = await createStudy({ storage, heartbeatIntervalMs: 5 });
    await s.optimize(
      async () => {
        await sleep(40);
        return 0;
      },
      { nTrials: 1 },
    );
    // One at the start, then about every 5 ms for 40 ms.
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(new Set(beats)).toEqual(new Set([s.trials[0].trialId]));
    const count = beats.length;
    await sleep(20);
    expect(beats.length).toBe(count);
  });

  it('fails stale trials of dead workers before each new trial and calls failedTrialCallback', async () => {
    let now = 1_000_000;
    const storage = new InMemoryStorage({ now: () => now });
    const dead = await createStudy({ storage, studyName: 'hb', heartbeatIntervalMs: 1000 });
    // A worker asks a trial, beats once, then dies.
    const orphan = await dead.ask();
    await storage.recordHeartbeat(orphan.trialId);
    now += 5000;
    const failed: FrozenTrial[] = [];
    const s = await loadStudy({
      storage,
      studyName: 'hb',
      heartbeatIntervalMs: 1000,
      failedTrialCallback: (study, t) => {
        expect(study).toBe(s);
        failed.push(t);
      },
    });
    await s.optimize(() => 1, { nTrials: 2 });
    expect(failed.map((t) => [t.number, t.state])).toEqual([[0, 'FAIL']]);
    expect(s.trials.map((t) => t.state)).toEqual(['FAIL', 'COMPLETE', 'COMPLETE']);
  });

  it('beats a trial from its claim on, before the study is re-read and the sampler runs', async () => {
    const storage = new InMemoryStorage();
    const log: string[] = [];
    const record = (name: 'claimOrCreateTrial' | 'recordHeartbeat' | 'getAllTrials'): void => {
      const original = (storage[name] as (...a: unknown[]) => Promise<unknown>).bind(storage);
      (storage as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        log.push(name);
        return original(...args);
      };
    };
    record('claimOrCreateTrial');
    // The beat is stored a macrotask later: the sampler must still wait for it.
    const beat = storage.recordHeartbeat.bind(storage);
    storage.recordHeartbeat = async (id) => {
      log.push('recordHeartbeat');
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.push('beat stored');
      return beat(id);
    };
    const s = await createStudy({
      storage,
      heartbeatIntervalMs: 60_000,
      sampler: samplerWith('logging', () => {
        log.push('beforeTrial');
      }),
    });
    record('getAllTrials');
    await s.optimize(() => 1, { nTrials: 1 });
    expect(log).toEqual([
      'claimOrCreateTrial',
      'recordHeartbeat',
      'getAllTrials',
      'beat stored',
      'beforeTrial',
    ]);
    // ask-and-tell trials get no heartbeat, as in Optuna: nothing would keep one beating.
    log.length = 0;
    await s.ask();
    expect(log).toEqual(['claimOrCreateTrial', 'getAllTrials', 'beforeTrial']);
  });

  it('stops the heartbeat of a trial whose sampler threw', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    let beats = 0;
    const original = storage.recordHeartbeat.bind(storage);
    storage.recordHeartbeat = (id) => {
      beats++;
      return original(id);
    };
    const s = await createStudy({
      storage,
      heartbeatIntervalMs: 10,
      sampler: samplerWith('broken', () => {
        throw new Error('broken sampler');
      }),
    });
    await expect(s.optimize(() => 1, { nTrials: 1 })).rejects.toThrow('broken sampler');
    expect(beats).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(1);
    expect(s.trials.map((t) => t.state)).toEqual(['FAIL']);
  });

  it('stops the heartbeat of a trial whose study could not be re-read after the claim', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    const s = await createStudy({ storage, heartbeatIntervalMs: 10 });
    let beats = 0;
    const original = storage.recordHeartbeat.bind(storage);
    storage.recordHeartbeat = (id) => {
      beats++;
      return original(id);
    };
    const read = storage.getAllTrials.bind(storage);
    storage.getAllTrials = () => Promise.reject(new Error('read failed'));
    await expect(s.optimize(() => 1, { nTrials: 1 })).rejects.toThrow('read failed');
    expect(beats).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(beats).toBe(1);
    const [t] = await read(s.studyId);
    expect(t.state).toBe('FAIL');
  });

  // The slow sampler runs in trial 0 itself, or in trial 1 while trial 0 is in flight.
  it.each([0, 1])(
    'never fails a trial of its own whose timer a long synchronous sampler starved (slow trial %i)',
    async (slow) => {
      vi.useFakeTimers();
      const storage = new InMemoryStorage();
      // Beats are stored a millisecond after they are sent, as over a network.
      logBeats(storage, async (_id, store) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return store();
      });
      expect(await runStarved(storage, slow, 4)).toEqual(Array(4).fill('COMPLETE'));
    },
  );

  it('never fails a trial that another study object on the same storage is running', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    const a = await createStudy({
      storage,
      studyName: 'shared',
      heartbeatIntervalMs: 50,
      sampler: samplerWith('slow-once', (_view, trial) => {
        if (trial.number === 1) vi.setSystemTime(Date.now() + 120);
      }),
    });
    const b = await loadStudy({ storage, studyName: 'shared', heartbeatIntervalMs: 50 });
    const runningB = b.optimize(
      async (trial) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return trial.suggestFloat('x', 0, 1);
      },
      { nTrials: 1 },
    );
    await vi.advanceTimersByTimeAsync(0);
    const runningA = a.optimize((trial) => trial.suggestFloat('x', 0, 1), {
      nTrials: 3,
      concurrency: 2,
    });
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([runningA, runningB]);
    const states = (await storage.getAllTrials(a.studyId)).map((t) => t.state);
    expect(states).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it('beats again a trial whose last beat was not stored, and no finished trial', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    const beaten = logBeats(storage, (_id, store) =>
      beaten.length === 1 ? Promise.reject(new Error('lost beat')) : store(),
    );
    const s = await createStudy({ storage, heartbeatIntervalMs: 60_000 });
    // Trial 0's claim beat is lost; trial 1's start makes it up before judging stale trials.
    const running = s.optimize(
      async (trial) => {
        if (trial.number === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        return 1;
      },
      { nTrials: 2, concurrency: 2 },
    );
    await vi.advanceTimersByTimeAsync(100);
    await running;
    const [t0, t1] = s.trials.map((t) => t.trialId);
    expect(beaten).toEqual([t0, t0, t1]);
    // Finished trials are not beaten: a later trial sends only its own beat.
    beaten.length = 0;
    vi.setSystemTime(Date.now() + 1_000_000);
    await s.optimize(() => 1, { nTrials: 1 });
    expect(beaten).toEqual([s.trials[2].trialId]);
  });

  it('judges stale trials only once its own are fresh, though work ran during the catch-up', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    const beaten = logBeats(storage, async (id, store) => {
      await store();
      // While trial 0's catch-up beat was in flight, other work held the thread for 120 ms.
      if (id === beaten[0] && beaten.filter((b) => b === id).length === 2) {
        vi.setSystemTime(Date.now() + 120);
      }
    });
    expect(await runStarved(storage, 1, 3)).toEqual(Array(3).fill('COMPLETE'));
  });

  it('forgets a finished trial whose last beat landed after it finished', async () => {
    vi.useFakeTimers();
    const storage = new InMemoryStorage();
    const beaten = logBeats(storage, async (_id, store) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return store();
    });
    const s = await createStudy({ storage, heartbeatIntervalMs: 10 });
    // Beats are sent at 0 and 10 ms; the trial ends at 12 ms, before the second one lands.
    const objective = async () => {
      await new Promise((resolve) => setTimeout(resolve, 7));
      return 1;
    };
    const first = s.optimize(objective, { nTrials: 1 });
    await vi.advanceTimersByTimeAsync(100);
    await first;
    expect(beaten).toEqual([s.trials[0].trialId, s.trials[0].trialId]);
    beaten.length = 0;
    vi.setSystemTime(Date.now() + 1_000_000);
    const second = s.optimize(() => 1, { nTrials: 1 });
    await vi.advanceTimersByTimeAsync(100);
    await second;
    expect(beaten).toEqual([s.trials[1].trialId]);
  });

  it('runs its trials when recording a heartbeat throws', async () => {
    const storage = new InMemoryStorage();
    storage.recordHeartbeat = () => {
      throw new Error('no heartbeats here');
    };
    const s = await createStudy({ storage, heartbeatIntervalMs: 60_000 });
    await s.optimize(() => 1, { nTrials: 2 });
    expect(s.trials.map((t) => t.state)).toEqual(['COMPLETE', 'COMPLETE']);
  });

  it('uses a grace period of twice the interval by default', async () => {
    let now = 0;
    const storage = new InMemoryStorage({ now: () => now });
    const graces: number[] = [];
    const original = storage.failStaleTrials.bind(storage);
    storage.failStaleTrials = (id, grace) => {
      graces.push(grace);
      return original(id, grace);
    };
    const a = await createStudy({ storage, heartbeatIntervalMs: 100 });
    await a.optimize(() => 1, { nTrials: 1 });
    const b = await createStudy({ storage, heartbeatIntervalMs: 100, gracePeriodMs: 1000 });
    await b.optimize(() => 1, { nTrials: 1 });
    now += 1;
    expect(graces).toEqual([200, 1000]);
    await expect(createStudy({ gracePeriodMs: 5 })).rejects.toThrow(/needs heartbeatIntervalMs/);
    await expect(createStudy({ heartbeatIntervalMs: 0 })).rejects.toThrow(
      /^heartbeatIntervalMs = 0/,
    );
  });
});
