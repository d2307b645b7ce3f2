import { makeFrozenTrial, makeStudyView } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { filteredView } from './bracket-view.js';

describe('filteredView', () => {
  it('follows a list that grows and changes in place, and a list that is replaced', () => {
    const trials = [0, 1, 2, 3].map((number) => makeFrozenTrial({ number, state: 'RUNNING' }));
    const study = makeStudyView({ trials });
    let replaced = trials;
    const source = {
      ...study,
      get trials() {
        return replaced;
      },
    };
    const even = filteredView(source, (n) => n % 2 === 0);
    expect(even.trials.map((t) => t.number)).toEqual([0, 2]);
    // A finished copy of trial 2 and two new trials, in the same array.
    trials[2] = makeFrozenTrial({ number: 2, state: 'COMPLETE', value: 1 });
    trials.push(makeFrozenTrial({ number: 4 }), makeFrozenTrial({ number: 5 }));
    expect(even.trials.map((t) => t.number)).toEqual([0, 2, 4]);
    expect(even.getTrials({ states: ['COMPLETE'] })).toEqual([trials[2]]);
    // Another list (a view that builds a new array per read, say): filtered from scratch.
    replaced = [1, 6].map((number) => makeFrozenTrial({ number }));
    expect(even.trials.map((t) => t.number)).toEqual([6]);
  });

  it('filters afresh when the same array shrinks, regrows or shifts its trials', () => {
    const list = [1, 2, 3].map((number) => makeFrozenTrial({ number }));
    const even = filteredView(makeStudyView({ trials: list }), (n) => n % 2 === 0);
    expect(even.trials.map((t) => t.number)).toEqual([2]);
    // Trial 1 removed and trial 4 added: the same length, every position shifted.
    list.splice(0, 1);
    list.push(makeFrozenTrial({ number: 4 }));
    expect(even.trials.map((t) => t.number)).toEqual([2, 4]);
    // Shrunk, then grown back to the old length with other trials.
    list.length = 0;
    expect(even.trials).toEqual([]);
    list.push(...[5, 7, 9].map((number) => makeFrozenTrial({ number })));
    expect(even.trials).toEqual([]);
  });
});
