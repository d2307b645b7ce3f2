import { float, int } from '@tunekit/search-space';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { lazySnapshot, ParamLog } from './param-log.js';
import type { FrozenTrial, ParamValue } from './types.js';
import { makeFrozenTrial } from './view.js';

/** A snapshot of `t` with the log's params as they are now, as the trial makes them. */
const snap = (t: FrozenTrial, log: ParamLog): FrozenTrial => {
  const size = log.size;
  return lazySnapshot(
    t,
    () => log.params(size),
    () => log.distributions(size),
    t.intermediateValues,
    t.userAttrs,
    t.systemAttrs,
  );
};

it('starts from the params a trial already has, and snapshots never see a later suggestion', () => {
  const start = makeFrozenTrial({ number: 3, params: { a: 1 }, distributions: { a: int(0, 5) } });
  const log = new ParamLog(start);
  expect(log.value('a')).toBe(1);
  expect(log.distribution('a')).toEqual(int(0, 5));
  const before = snap(start, log);
  log.append('b', 0.5, float(0, 1));
  const after = snap(start, log);
  expect(before.params).toEqual({ a: 1 });
  expect(after.params).toEqual({ a: 1, b: 0.5 });
  expect(Object.keys(after.distributions)).toEqual(['a', 'b']);
  expect(before.distributions).toEqual({ a: int(0, 5) });
  expect(after.number).toBe(3);
});

it('gives a snapshot the same frozen records on every read', () => {
  const log = new ParamLog(makeFrozenTrial({ number: 0 }));
  log.append('x', 1, int(0, 5));
  const t = snap(makeFrozenTrial({ number: 0 }), log);
  log.append('y', 2, int(0, 5));
  const first = t.params;
  // Another snapshot's read rebuilds the log's kept record; this one keeps its own.
  expect(snap(t, log).params).toEqual({ x: 1, y: 2 });
  expect(t.params).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(Object.isFrozen(t)).toBe(true);
  expect(Object.isFrozen(t.distributions)).toBe(true);
});

it('reads as a plain frozen trial: keys, spread and JSON', () => {
  const base = makeFrozenTrial({ number: 1, userAttrs: { u: 1 } });
  const log = new ParamLog(base);
  log.append('k', 'a', { type: 'categorical', choices: ['a', 'b'] });
  const t = snap(base, log);
  expect(Object.keys(t).sort()).toEqual(Object.keys(base).sort());
  expect({ ...t }).toEqual({
    ...base,
    params: { k: 'a' },
    distributions: { k: t.distributions.k },
  });
  expect(JSON.parse(JSON.stringify(t)).params).toEqual({ k: 'a' });
});

it('matches copy-on-write records for any sequence of suggestions and reads', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 })), { maxLength: 60 }),
      (ops) => {
        const base = makeFrozenTrial({ number: 0 });
        const log = new ParamLog(base);
        let reference: Record<string, ParamValue> = {};
        const taken: [FrozenTrial, Record<string, ParamValue>][] = [];
        for (const [read, k] of ops) {
          const name = `p${k}`;
          if (log.value(name) === undefined) {
            log.append(name, k, int(0, 30));
            reference = { ...reference, [name]: k };
          }
          const t = snap(base, log);
          if (read) expect(t.params).toEqual(reference);
          taken.push([t, reference]);
        }
        for (const [t, ref] of taken) {
          expect(t.params).toEqual(ref);
          expect(Object.keys(t.distributions)).toEqual(Object.keys(ref));
        }
      },
    ),
  );
});
