import { afterEach, describe, expect, it, vi } from 'vitest';
import { Heartbeats } from './heartbeat.js';
import type { Storage } from './types.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A storage that only takes beats, each answered after `delayMs`; `ok` decides if it is stored. */
function beatStorage(delayMs: number, ok: () => boolean = () => true) {
  const sent: number[] = [];
  const storage = {
    recordHeartbeat: async () => {
      sent.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (!ok()) throw new Error('beat lost');
    },
  } as unknown as Storage;
  return { storage, sent };
}

/**
 * On fake time from 0: beats trial 7 every `intervalMs` through a storage that answers after
 * `delayMs` (and stores only when `ok()`), then lets `afterMs` pass.
 */
async function beatingFor(
  intervalMs: number,
  delayMs: number,
  afterMs: number,
  ok?: () => boolean,
): Promise<{ beats: Heartbeats; sent: number[]; first: Promise<boolean>; stop: () => void }> {
  vi.useFakeTimers({ now: 0 });
  const { storage, sent } = beatStorage(delayMs, ok);
  const beats = new Heartbeats(storage, intervalMs);
  const { first, stop } = beats.start(7);
  await vi.advanceTimersByTimeAsync(afterMs);
  return { beats, sent, first, stop };
}

/** Judges with `ageMs` while `waitMs` of fake time pass; checks that it judged exactly once. */
async function judgeWhile(beats: Heartbeats, ageMs: number, waitMs: number): Promise<void> {
  const judge = vi.fn(async () => 'judged');
  const judged = beats.beforeJudging(ageMs, judge);
  await vi.advanceTimersByTimeAsync(waitMs);
  expect(await judged).toBe('judged');
  expect(judge).toHaveBeenCalledTimes(1);
}

describe('Heartbeats', () => {
  it('waits for a recent beat in flight instead of sending another', async () => {
    // The timer's beat leaves at 20 ms and is stored at 23 ms; the judging starts at 21 ms, when
    // the last stored beat (sent at 0 ms) is one interval old.
    const { beats, sent, stop } = await beatingFor(20, 3, 21);
    await judgeWhile(beats, 20, 5);
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
    const { beats, sent, first, stop } = await beatingFor(60_000, 1, 1, () => false);
    expect(await first).toBe(false);
    for (const expected of [2, 3]) {
      await judgeWhile(beats, 100, 1);
      expect(sent.length).toBe(expected);
    }
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
