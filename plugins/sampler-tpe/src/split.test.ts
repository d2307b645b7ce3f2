import {
  type FrozenTrial,
  makeFrozenTrial,
  makeStudyView,
  type StudyDirection,
} from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { defaultGamma } from './gamma-weights.js';
import { splitTrials } from './split.js';

const fixed = (k: number) => () => k;
const numbers = (ts: readonly FrozenTrial[]) => ts.map((t) => t.number);
const view = (trials: FrozenTrial[], directions: StudyDirection[] = ['minimize']) =>
  makeStudyView({ trials, directions });

describe('single-objective split', () => {
  it('takes the gamma(n) best as the good set, both sets in trial order', () => {
    const values = [5, 1, 4, 2, 3, 0.5, 9, 8, 7, 6, 10];
    const trials = values.map((value, number) => makeFrozenTrial({ number, value }));
    // n = 11 finished -> default gamma = ceil(1.1) = 2: the two smallest, 0.5 (#5) and 1 (#1).
    const s = splitTrials(view(trials), -1, defaultGamma, false);
    expect(s.nFinished).toBe(11);
    expect(numbers(s.below)).toEqual([1, 5]);
    expect(numbers(s.above)).toEqual([0, 2, 3, 4, 6, 7, 8, 9, 10]);
  });

  it('maximize flips the order', () => {
    const trials = [5, 1, 4].map((value, number) => makeFrozenTrial({ number, value }));
    expect(numbers(splitTrials(view(trials, ['maximize']), -1, fixed(1), false).below)).toEqual([
      0,
    ]);
  });

  it('ranks pruned trials after complete ones: more steps first, then last value', () => {
    const iv = (entries: [number, number][]) => new Map(entries);
    const trials = [
      makeFrozenTrial({
        number: 0,
        state: 'PRUNED',
        intermediateValues: iv([
          [0, 0.1],
          [3, 0.5],
        ]),
      }),
      makeFrozenTrial({ number: 1, value: 5 }),
      makeFrozenTrial({ number: 2, state: 'PRUNED', intermediateValues: iv([[5, 10]]) }),
      makeFrozenTrial({ number: 3, state: 'PRUNED' }),
      makeFrozenTrial({ number: 4, value: 7 }),
      makeFrozenTrial({ number: 5, state: 'PRUNED', intermediateValues: iv([[3, 0.2]]) }),
      makeFrozenTrial({ number: 6, state: 'FAIL' }),
      makeFrozenTrial({ number: 7, state: 'PRUNED', intermediateValues: iv([[5, Number.NaN]]) }),
    ];
    // Order: #1 (5), #4 (7), #2 (step 5, 10), #7 (step 5, NaN = worst at that step),
    // #5 (step 3, 0.2), #0 (step 3, 0.5), #3 (no steps). The failed #6 is ignored.
    const expected = [1, 4, 2, 7, 5, 0, 3];
    for (let k = 1; k <= expected.length; k++) {
      const s = splitTrials(view(trials), -1, fixed(k), false);
      expect(numbers(s.below)).toEqual(expected.slice(0, k).sort((a, b) => a - b));
      expect(s.nFinished).toBe(7);
    }
  });

  it('ignores running trials, or counts them as bad under constant liar (not in n)', () => {
    const trials = [
      makeFrozenTrial({ number: 0, value: 3 }),
      makeFrozenTrial({ number: 1, state: 'RUNNING', params: { x: 1 } }),
      makeFrozenTrial({ number: 2, value: 2 }),
      makeFrozenTrial({ number: 3, state: 'RUNNING' }),
      makeFrozenTrial({ number: 4, state: 'WAITING' }),
    ];
    const plain = splitTrials(view(trials), 3, fixed(5), false);
    expect(numbers(plain.below)).toEqual([0, 2]);
    expect(numbers(plain.above)).toEqual([]);
    // Even a gamma asking for every trial never puts a running trial in the good set; the
    // trial being sampled (#3) is never its own evidence.
    const liar = splitTrials(view(trials), 3, fixed(5), true);
    expect(liar.nFinished).toBe(2);
    expect(numbers(liar.below)).toEqual([0, 2]);
    expect(numbers(liar.above)).toEqual([1]);
    expect(numbers(splitTrials(view(trials), 3, fixed(1), true).above)).toEqual([0, 1]);
  });
});

describe('multi-objective split (MOTPE)', () => {
  // Minimise both. Fronts: {A(1,4), B(2,2), C(4,1)}, {D(3,3)}, {E(5,5)}.
  const pts = [
    [1, 4],
    [2, 2],
    [4, 1],
    [3, 3],
    [5, 5],
  ];
  const trials = pts.map((values, number) => makeFrozenTrial({ number, values }));
  const v = view(trials, ['minimize', 'minimize']);

  it('fills the good set front by front', () => {
    expect(numbers(splitTrials(v, -1, fixed(4), false).below)).toEqual([0, 1, 2, 3]);
    expect(numbers(splitTrials(v, -1, fixed(3), false).below)).toEqual([0, 1, 2]);
  });

  it('cuts the overflowing front by greedy hypervolume contribution', () => {
    // Reference point of the front: max(1.1·worst, 0.9·worst) = (4.4, 4.4). Alone, B dominates
    // 2.4·2.4 = 5.76 against 3.4·0.4 = 1.36 for A or C, so k = 1 picks B. Next, A and C each
    // add 1·0.4 = 0.4: the tie goes to the earlier, A.
    expect(numbers(splitTrials(v, -1, fixed(1), false).below)).toEqual([1]);
    expect(numbers(splitTrials(v, -1, fixed(2), false).below)).toEqual([0, 1]);
  });

  it('weights the good set by hypervolume contribution', () => {
    // Good set {A'(1,3), B'(2,2)}: ref = (2.2, 3.3); boxes 1.2·0.3 = 0.36 and 0.2·1.3 = 0.26,
    // overlap 0.2·0.3 = 0.06, union 0.56. Contributions 0.30 and 0.20 -> weights 1 and 2/3.
    const t2 = [
      [1, 3],
      [2, 2],
      [3, 3],
      [4, 4],
    ].map((values, number) => makeFrozenTrial({ number, values }));
    const s = splitTrials(view(t2, ['minimize', 'minimize']), -1, fixed(2), false);
    expect(numbers(s.below)).toEqual([0, 1]);
    expect(Array.from(s.belowWeights!)).toEqual([expect.closeTo(1, 12), expect.closeTo(2 / 3, 10)]);
  });

  it('uses neither pruned nor running trials, and respects maximize', () => {
    const mixed = [
      ...trials,
      makeFrozenTrial({ number: 5, state: 'PRUNED', intermediateValues: new Map([[1, 0]]) }),
      makeFrozenTrial({ number: 6, state: 'RUNNING' }),
    ];
    const s = splitTrials(view(mixed, ['minimize', 'minimize']), -1, fixed(1), true);
    expect(s.nFinished).toBe(5);
    expect(numbers([...s.below, ...s.above]).sort()).toEqual([0, 1, 2, 3, 4]);
    // Maximising the second objective makes E(5,5) non-dominated with A... A(1,4) and E trade off.
    const max = splitTrials(view(trials, ['minimize', 'maximize']), -1, fixed(2), false);
    expect(numbers(max.below)).toEqual([0, 4]);
  });
});

describe('constraints (feasibility first)', () => {
  // Objective 1..5; violations 0, 3, 0, 1, 0: feasible #0, #2, #4.
  const viol = [0, 3, 0, 1, 0];
  const trials = [1, 2, 3, 4, 5].map((value, number) => makeFrozenTrial({ number, value }));
  const violation = (t: FrozenTrial) => viol[t.number];

  it('takes the best feasible trials when there are enough of them', () => {
    // gamma 2 <= 3 feasible: the two best feasible by objective, #0 (1) and #2 (3).
    expect(numbers(splitTrials(view(trials), -1, fixed(2), false, violation).below)).toEqual([
      0, 2,
    ]);
  });

  it('fills up with the least-violating trials otherwise', () => {
    // gamma 3: exactly the three feasible; gamma 4: plus #3 (violation 1) rather than #1 (3).
    expect(numbers(splitTrials(view(trials), -1, fixed(3), false, violation).below)).toEqual([
      0, 2, 4,
    ]);
    expect(numbers(splitTrials(view(trials), -1, fixed(4), false, violation).below)).toEqual([
      0, 2, 3, 4,
    ]);
  });

  it('multi-objective: infeasible good trials weigh ~0, contributions only among feasible ones', () => {
    // Violations 0, 2, 0, 1: only #0 and #2 are feasible and gamma asks for 3, so the good set
    // is #0, #2 and the least-violating #3.
    const pts = [
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 4],
    ];
    const mo = pts.map((values, number) => makeFrozenTrial({ number, values }));
    const v2 = [0, 2, 0, 1];
    const s = splitTrials(
      view(mo, ['minimize', 'minimize']),
      -1,
      fixed(3),
      false,
      (t) => v2[t.number],
    );
    expect(numbers(s.below)).toEqual([0, 2, 3]);
    // Feasible good set {(1,3), (3,1)}: ref (3.3, 3.3); boxes 2.3·0.3 = 0.69 each, overlap
    // 0.3·0.3 = 0.09, so equal contributions 0.6 -> weights 1, 1; #3 is infeasible -> 1e-12.
    expect(Array.from(s.belowWeights!)).toEqual([
      expect.closeTo(1, 12),
      expect.closeTo(1, 12),
      1e-12,
    ]);
  });
});
