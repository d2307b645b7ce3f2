import type { Fold } from './types.js';

/** A fold from its test positions: sorts them and takes every other sample as train. */
export function foldFromTest(n: number, test: number[]): Fold {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const sortedTest: number[] = [];
  const train: number[] = [];
  for (let i = 0; i < n; i++) {
    if (inTest[i] === 1) sortedTest.push(i);
    else train.push(i);
  }
  return { train, test: sortedTest };
}

/** Folds from a per-sample fold number (samples with -1 are never tested). */
export function* foldsFromAssignment(
  assignment: ArrayLike<number>,
  folds: readonly number[],
): Generator<Fold> {
  const n = assignment.length;
  for (const f of folds) {
    // Sized up front: this runs over every sample for every fold, and pushes cost more.
    let nTest = 0;
    for (let i = 0; i < n; i++) if (assignment[i] === f) nTest++;
    const test = new Array<number>(nTest);
    const train = new Array<number>(n - nTest);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (assignment[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    yield { train, test };
  }
}

/** A train/test pair given as unsorted position lists. */
export function sortedFold(train: number[], test: number[]): Fold {
  return {
    train: train.slice().sort((a, b) => a - b),
    test: test.slice().sort((a, b) => a - b),
  };
}
