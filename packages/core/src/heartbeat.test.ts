import { afterEach, describe, expect, it, vi } from 'vitest';
import { Heartbeats } from './heartbeat.js';
import type { Storage } from './types.js';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A storage that only takes beats, each answered after `delayMs`. `fate(n)` decides what
 * happens to beat n (0-based): stored, lost (rejected), or never answered.
 */
type Fate = 'stored' | 'lost' | 'hangs';
function beatStorage(delayMs: number, fate: (n: number) => Fate = () => 'stored') {
  const sent: number[] = [];
  const storage = {
    recordHeartbeat: async () => {
      const outcome = fate(sent.length);
      sent.push(Date.now());
      if (outcome === 'hangs') return new Promise<void>(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (outcome === 'lost') throw new Error('beat lost');
    },
  } as unknown as Storage;
  return { storage, sent };
}

/**
 * On fake time from 0: beats trial 7 every `intervalMs` through a storage that answers after
 * `delayMs` (see `beatStorage` for `fate`), then lets `afterMs` pass.
 */
async function beatingFor(
  intervalMs: number,
  delayMs: number,
  afterMs: number,
  fate?: (n: number) => Fate,
): Promise<{ beats: Heartbeats; sent: number[]; first: Promise<boolean>; stop: () => void }> {
  vi.useFakeTimers({ now: 0 });
  const { storage, sent } = beatStorage(delayMs, fate);
  const beats = new Heartbeats(storage, intervalMs);
  const { first, stop } = beats.start(7);
  await vi.advanceTimersByTimeAsync(afterMs);
  return { beats, sent, first, stop };
}

/**
 * Judges with `ageMs` while `waitMs` of fake time pass; checks that it judged exactly once and
 * returns the time it judged at.
 */
async function judgeWhile(beats: Heartbeats, ageMs: number, waitMs: number): Promise<number> {
  const judge = vi.fn(async () => Date.now());
  const judged = beats.beforeJudging(ageMs, judge);
  await vi.advanceTimersByTimeAsync(waitMs);
  const at = await judged;
  expect(judge).toHaveBeenCalledTimes(1);
  return at;
}

describe('Heartbeats', () => {
  it('waits for a recent beat in flight instead of sending another', async () => {
    // The timer's beat leaves at 20 ms and is stored at 23 ms; the judging starts at 21 ms, when
    // the last stored beat (sent at 0 ms) is one interval old.
    const { beats, sent, stop } = await beatingFor(20, 3, 21);
    expect(await judgeWhile(beats, 20, 5)).toBe(23);
    expect(sent).toEqual([0, 20]);
    stop();
  });

  it('sends a fresh beat when the one in flight is too old to help', async () => {
    const { beats, sent, stop } = await beatingFor(60_000, 50, 30);
    await judgeWhile(beats, 20, 1000);
    // The first beat, sent at 0 ms, would be 30 ms old even once stored.
    expect(sent.slice(0, 2)).toEqual([0, 30]);
    stop();
  });

  it('sends a lost beat again at the next judging, not within one', async () => {
    const { beats, sent, first, stop } = await beatingFor(60_000, 1, 1, () => 'lost');
    expect(await first).toBe(false);
    for (const expected of [2, 3]) {
      await judgeWhile(beats, 100, 1);
      expect(sent.length).toBe(expected);
    }
    stop();
  });

  it('sends its own beat when the one it waited for is lost', async () => {
    // The timer's beat at 20 ms is lost at 23 ms; judging sends one then, stored at 26 ms.
    const { beats, sent, stop } = await beatingFor(20, 3, 21, (n) => (n === 1 ? 'lost' : 'stored'));
    expect(await judgeWhile(beats, 20, 10)).toBe(26);
    expect(sent).toEqual([0, 20, 23]);
    stop();
  });

  it('waits for a beat in flight at most the age, then sends its own', async () => {
    // The first beat never answers; judging at 10 ms waits until 30 ms, then beats itself.
    const { beats, sent, stop } = await beatingFor(60_000, 3, 10, (n) =>
      n === 0 ? 'hangs' : 'stored',
    );
    expect(await judgeWhile(beats, 20, 100)).toBe(33);
    expect(sent).toEqual([0, 30]);
    stop();
  });

  it('judges after three rounds when the storage is slower than the age', async () => {
    const { beats, sent, stop } = await beatingFor(60_000, 50, 50);
    await judgeWhile(beats, 20, 1000);
    // The first beat, then one per round: each is 50 ms old, over 20, once it is stored.
    expect(sent).toEqual([0, 50, 100, 150]);
    stop();
  });

  it('stops beating at stop(), and forgets the trial', async () => {
    const { beats, sent, stop } = await beatingFor(10, 0, 25);
    expect(sent).toEqual([0, 10, 20]);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    await judgeWhile(beats, 1, 0);
    expect(sent).toEqual([0, 10, 20]);
  });
});
