import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoFront } from './pareto.js';
import type { FrozenTrial, StudyDirection } from './types.js';
import { makeFrozenTrial } from './view.js';

/** The definition, checked pairwise: no COMPLETE trial is at least as good everywhere and better somewhere. */
function bruteForce(trials: FrozenTrial[], directions: StudyDirection[]): number[] {
  const done = trials.filter((t) => t.state === 'COMPLETE');
  const better = (a: number, b: number, d: StudyDirection) => (d === 'minimize' ? a < b : a > b);
  const worse = (a: number, b: number, d: StudyDirection) => better(b, a, d);
  return done
    .filter(
      (t) =>
        !done.some(
          (o) =>
            directions.every((d, i) => !worse(o.values![i], t.values![i], d)) &&
            directions.some((d, i) => better(o.values![i], t.values![i], d)),
        ),
    )
    .map((t) => t.number);
}

describe('paretoFront', () => {
  it('matches a hand-worked two-objective example', () => {
    const directions: StudyDirection[] = ['minimize', 'maximize'];
    const trials = [
      [1, 1], // dominated by 2: same first, larger second
      [3, 5], // front
      [1, 2], // front
      [2, 2], // dominated by 2
      [1, 2], // front (equal to 2)
    ].map((values, number) => makeFrozenTrial({ number, values }));
    trials.push(makeFrozenTrial({ number: 5, state: 'FAIL' }));
    expect(paretoFront(trials, directions).map((t) => t.number)).toEqual([1, 2, 4]);
  });

  it('gives every trial with the best value for one objective', () => {
    const trials = [3, 1, 2, 1].map((value, number) => makeFrozenTrial({ number, value }));
    expect(paretoFront(trials, ['minimize']).map((t) => t.number)).toEqual([1, 3]);
    expect(paretoFront(trials, ['maximize']).map((t) => t.number)).toEqual([0]);
  });

  it('equals the brute-force definition (property)', () => {
    const arb = fc.integer({ min: 1, max: 4 }).chain((m) =>
      fc.tuple(
        fc.array(fc.constantFrom<StudyDirection>('minimize', 'maximize'), {
          minLength: m,
          maxLength: m,
        }),
        fc.array(
          fc.record({
            values: fc.array(
              fc.oneof(
                fc.integer({ min: -3, max: 3 }),
                fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
              ),
              { minLength: m, maxLength: m },
            ),
            state: fc.constantFrom('COMPLETE', 'COMPLETE', 'COMPLETE', 'FAIL', 'RUNNING'),
          }),
          { maxLength: 40 },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([directions, rows]) => {
        const trials = rows.map((r, number) =>
          makeFrozenTrial({
            number,
            state: r.state as 'COMPLETE',
            values: r.state === 'COMPLETE' ? r.values : undefined,
          }),
        );
        expect(paretoFront(trials, directions).map((t) => t.number)).toEqual(
          bruteForce(trials, directions),
        );
      }),
      { numRuns: 300 },
    );
  });
});
