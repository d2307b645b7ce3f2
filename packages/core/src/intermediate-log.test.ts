import fc from 'fast-check';
import { expect, it } from 'vitest';
import { IntermediateLog } from './intermediate-log.js';

it('a snapshot keeps the entries it had when taken', () => {
  const log = new IntermediateLog();
  const a = log.append(3, 0.3);
  const b = log.append(1, 0.1);
  expect([...a]).toEqual([[3, 0.3]]);
  expect(a.size).toBe(1);
  expect(a.has(1)).toBe(false);
  expect(a.get(1)).toBeUndefined();
  expect([...b]).toEqual([
    [3, 0.3],
    [1, 0.1],
  ]);
  expect(b.get(1)).toBe(0.1);
});

it('extends only its newest snapshot', () => {
  const initial = new Map([[0, 1]]);
  const log = new IntermediateLog(initial);
  expect(log.owns(initial)).toBe(false);
  const a = log.append(1, 2);
  expect(log.owns(a)).toBe(true);
  const b = log.append(2, 3);
  expect(log.owns(a)).toBe(false);
  expect(log.owns(b)).toBe(true);
  expect([...b.keys()]).toEqual([0, 1, 2]);
});

it('snapshots are frozen and read as a Map would', () => {
  const log = new IntermediateLog();
  const view = log.append(0, Number.NaN);
  expect(Object.isFrozen(view)).toBe(true);
  expect(Object.prototype.toString.call(view)).toBe('[object Map]');
  expect(new Map(view).get(0)).toBeNaN();
});

it('behaves as a copied Map for any sequence of distinct steps', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(fc.nat(1000), fc.double()), { selector: ([step]) => step }),
      fc.nat(),
      (entries, cut) => {
        const log = new IntermediateLog();
        const reference = new Map<number, number>();
        const snapshots: [ReadonlyMap<number, number>, Map<number, number>][] = [];
        for (const [step, value] of entries) {
          reference.set(step, value);
          snapshots.push([log.append(step, value), new Map(reference)]);
        }
        // Every snapshot, read after all appends, equals the copy made when it was taken.
        for (const [view, copy] of snapshots) {
          expect(view.size).toBe(copy.size);
          expect([...view.entries()]).toEqual([...copy.entries()]);
          expect([...view.values()]).toEqual([...copy.values()]);
          const seen: [number, number][] = [];
          view.forEach((v, k, m) => {
            expect(m).toBe(view);
            seen.push([k, v]);
          });
          expect(seen).toEqual([...copy]);
          const probe = entries.length === 0 ? cut : entries[cut % entries.length][0];
          expect(view.has(probe)).toBe(copy.has(probe));
          expect(view.get(probe)).toBe(copy.get(probe));
        }
      },
    ),
  );
});
