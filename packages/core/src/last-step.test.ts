import { expect, it } from 'vitest';
import { lastIntermediateValue, lastStep } from './last-step.js';
import { makeFrozenTrial } from './view.js';

const trial = (entries: [number, number][]) =>
  makeFrozenTrial({ number: 0, intermediateValues: new Map(entries) });

it('reads the largest step, not the last one reported', () => {
  const t = trial([
    [5, 0.5],
    [9, 0.9],
    [2, 0.2],
  ]);
  expect(lastStep(t)).toBe(9);
  expect(lastIntermediateValue(t)).toBe(0.9);
});

it('is undefined for a trial with no report', () => {
  expect(lastStep(trial([]))).toBeUndefined();
  expect(lastIntermediateValue(trial([]))).toBeUndefined();
});

it('keeps step 0 and a NaN value as reported', () => {
  const t = trial([[0, Number.NaN]]);
  expect(lastStep(t)).toBe(0);
  expect(lastIntermediateValue(t)).toBeNaN();
});
