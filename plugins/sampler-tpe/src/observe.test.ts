import { makeFrozenTrial } from '@tunekit/core';
import { categorical, float } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { ObservationCache, observe } from './observe.js';
import { kernelDim } from './parzen-estimator.js';

describe('observe', () => {
  const lr = float(1e-4, 1, { log: true });
  const kind = categorical(['a', 'b']);
  const trials = [
    makeFrozenTrial({
      number: 0,
      value: 1,
      params: { lr: 0.01, kind: 'b' },
      distributions: { lr, kind },
    }),
    makeFrozenTrial({ number: 1, value: 1, params: { kind: 'a' }, distributions: { kind } }),
    makeFrozenTrial({
      number: 2,
      value: 1,
      params: { lr: 0.1, kind: 'a' },
      distributions: { lr: float(1e-4, 1), kind },
    }),
    makeFrozenTrial({
      number: 3,
      value: 1,
      params: { lr: 1, kind: 'a' },
      distributions: { lr: float(1e-4, 1, { log: true }), kind },
    }),
  ];

  it('keeps only trials having every param under the same distribution, in kernel space', () => {
    const o = observe(
      trials,
      ['lr', 'kind'],
      [kernelDim(lr), kernelDim(kind)],
      Float64Array.of(0.1, 0.2, 0.3, 0.4),
    );
    // #1 lacks lr (a conditional param it never reached); #2 had lr on another distribution.
    expect(o.values.map((c) => Array.from(c))).toEqual([
      [expect.closeTo(Math.log(0.01), 14), 0],
      [1, 0],
    ]);
    expect(Array.from(o.weights!)).toEqual([0.1, 0.4]);
  });

  it('a param alone uses every trial that has it', () => {
    const o = observe(trials, ['kind'], [kernelDim(kind)], null);
    expect(Array.from(o.values[0])).toEqual([1, 0, 0, 0]);
    expect(o.weights).toBeNull();
  });
});

describe('ObservationCache', () => {
  it('gives the same observations as reading the trials, and re-reads running trials', () => {
    const x = float(0, 1);
    const kind = categorical(['a', 'b']);
    const trials = [
      makeFrozenTrial({
        number: 0,
        value: 1,
        params: { x: 0.25, kind: 'b' },
        distributions: { x, kind },
      }),
      makeFrozenTrial({ number: 1, value: 1, params: { kind: 'a' }, distributions: { kind } }),
      makeFrozenTrial({
        number: 2,
        value: 1,
        params: { x: 0.5, kind: 'a' },
        distributions: { x: float(0, 2), kind },
      }),
      makeFrozenTrial({
        number: 70,
        value: 1,
        params: { x: 0.75, kind: 'a' },
        distributions: { x: float(0, 1), kind },
      }),
    ];
    const dims = [kernelDim(x), kernelDim(kind)];
    const cache = new ObservationCache();
    const columns = ['x', 'kind'].map((n, d) => cache.column('s', n, dims[d]));
    const plain = observe(trials, ['x', 'kind'], dims, null);
    expect(observe(trials, ['x', 'kind'], dims, null, columns)).toEqual(plain);
    // Second read comes from the cache (and trial 70 forced the columns to grow).
    expect(observe(trials, ['x', 'kind'], dims, null, columns)).toEqual(plain);
    expect(plain.values.map((c) => Array.from(c))).toEqual([
      [0.25, 0.75],
      [1, 0],
    ]);
    // A running trial reached x later: it is read afresh each time.
    const early = makeFrozenTrial({
      number: 3,
      state: 'RUNNING',
      params: { kind: 'a' },
      distributions: { kind },
    });
    const later = makeFrozenTrial({
      number: 3,
      state: 'RUNNING',
      params: { kind: 'a', x: 0.1 },
      distributions: { kind, x },
    });
    expect(observe([early], ['x'], [dims[0]], null, [columns[0]]).values[0]).toHaveLength(0);
    expect(Array.from(observe([later], ['x'], [dims[0]], null, [columns[0]]).values[0])).toEqual([
      0.1,
    ]);
    // Another study, another column; and a different trial object under a cached number is re-read.
    expect(cache.column('other', 'x', dims[0])).not.toBe(columns[0]);
    const replaced = [
      makeFrozenTrial({
        number: 0,
        value: 1,
        params: { x: 0.9, kind: 'a' },
        distributions: { x, kind },
      }),
    ];
    expect(Array.from(observe(replaced, ['x'], [dims[0]], null, [columns[0]]).values[0])).toEqual([
      0.9,
    ]);
  });
});
