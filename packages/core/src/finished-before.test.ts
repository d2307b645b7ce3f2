import { describe, expect, it } from 'vitest';
import { countFinishedBefore } from './finished-before.js';
import { makeFrozenTrial } from './view.js';

const at = (ms: number) => new Date(ms);

describe('countFinishedBefore', () => {
  const finished = [10, 20, 30].map((end, number) =>
    makeFrozenTrial({ number, datetimeStart: at(end - 5), datetimeComplete: at(end) }),
  );

  it('counts the trials that ended strictly before the trial started', () => {
    expect(
      countFinishedBefore(finished, makeFrozenTrial({ number: 3, datetimeStart: at(25) })),
    ).toBe(2);
    // Ended in the very millisecond: not counted.
    expect(
      countFinishedBefore(finished, makeFrozenTrial({ number: 3, datetimeStart: at(30) })),
    ).toBe(2);
    expect(
      countFinishedBefore(finished, makeFrozenTrial({ number: 3, datetimeStart: at(5) })),
    ).toBe(0);
  });

  it('counts all without a start time, and a finished trial without an end time', () => {
    expect(countFinishedBefore(finished, makeFrozenTrial({ number: 3 }))).toBe(3);
    const noEnd = [makeFrozenTrial({ number: 0 })];
    expect(countFinishedBefore(noEnd, makeFrozenTrial({ number: 1, datetimeStart: at(1) }))).toBe(
      1,
    );
  });
});
