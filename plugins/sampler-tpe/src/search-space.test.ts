import { makeFrozenTrial, makeStudyView } from '@tunekit/core';
import { categorical, float, int } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { groupDecomposedSearchSpace, intersectionSearchSpace } from './search-space.js';

const kind = categorical(['a', 'b']);
const x = float(0, 1);
const ya = int(1, 5);
const yb = float(-1, 1);
const trials = [
  makeFrozenTrial({
    number: 0,
    value: 1,
    params: { kind: 'a', x: 0.1, ya: 2 },
    distributions: { kind, x, ya },
  }),
  makeFrozenTrial({
    number: 1,
    value: 1,
    params: { kind: 'b', x: 0.2, yb: 0 },
    distributions: { kind, x, yb },
  }),
  makeFrozenTrial({
    number: 2,
    state: 'PRUNED',
    params: { kind: 'a', x: 0.3, ya: 1 },
    distributions: { kind, x, ya },
  }),
  // Failed and running trials do not shape the space.
  makeFrozenTrial({ number: 3, state: 'FAIL', params: { z: 1 }, distributions: { z: x } }),
  makeFrozenTrial({ number: 4, state: 'RUNNING', params: { w: 1 }, distributions: { w: x } }),
];

describe('search spaces', () => {
  it('intersection keeps params every finished trial has with the same distribution', () => {
    expect(intersectionSearchSpace(makeStudyView({ trials }))).toEqual({ kind, x });
    const changed = [
      ...trials,
      makeFrozenTrial({
        number: 5,
        value: 0,
        params: { kind: 'a', x: 2 },
        distributions: { kind, x: float(0, 3) },
      }),
    ];
    expect(intersectionSearchSpace(makeStudyView({ trials: changed }))).toEqual({ kind });
    expect(intersectionSearchSpace(makeStudyView({ trials: [] }))).toEqual({});
  });

  it('group decomposition separates the branches of a conditional space', () => {
    expect(groupDecomposedSearchSpace(makeStudyView({ trials }))).toEqual([
      { kind, x },
      { ya },
      { yb },
    ]);
    // A trial with only x splits {kind, x} into {x} and {kind}.
    const more = [
      ...trials,
      makeFrozenTrial({ number: 6, value: 0, params: { x: 0.5 }, distributions: { x } }),
    ];
    expect(groupDecomposedSearchSpace(makeStudyView({ trials: more }))).toEqual([
      { x },
      { kind },
      { ya },
      { yb },
    ]);
  });
});
