import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChoice, checkInt, checkNumber } from './check.js';
import { encodeLabels, toDense, toRows, toTargets } from './dense.js';
import { EvaluatorError, NotFittedError } from './errors.js';

describe('toDense', () => {
  it('copies rows row-major', () => {
    const m = toDense([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the row and column of a bad entry', () => {
    expect(() => toDense([[1], [2, 3]])).toThrow(/X\[1\]/);
    expect(() =>
      toDense([
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(/X\[1\]\[1\] = NaN.*finite/);
    expect(() => toDense([[1], [Number.POSITIVE_INFINITY]], 'Xtest')).toThrow(/Xtest\[1\]\[0\]/);
    expect(() => toDense([])).toThrow(EvaluatorError);
    expect(() => toDense([[]])).toThrow(/X\[0\].*at least one feature/);
    expect(() => toDense('x')).toThrow(/X = "x"/);
  });

  it('with the width seen in fit, rejects another width', () => {
    expect(() => toDense([[1, 2]], 'X', 3)).toThrow(/must have 3 features, as in fit\(\)/);
    expect(toDense([[1, 2, 3]], 'X', 3).cols).toBe(3);
  });

  it('toRows gives the rows back', () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(toRows(toDense(X))).toEqual(X);
  });

  it('is a copy', () => {
    const X = [[1, 2]];
    const m = toDense(X);
    X[0][0] = 9;
    expect(m.data[0]).toBe(1);
  });
});

describe('toTargets', () => {
  it('checks finiteness and length', () => {
    expect([...toTargets([1.5, -2], 2)]).toEqual([1.5, -2]);
    expect(() => toTargets([1, Number.NaN], 2)).toThrow(/y\[1\] = NaN/);
    expect(() => toTargets([1], 2)).toThrow(/one entry per sample of X \(2\)/);
  });
});

describe('encodeLabels', () => {
  it('sorts classes as numpy does and encodes 0..k-1', () => {
    const e = encodeLabels([3, -1, 3, 10], 4);
    expect(e.classes).toEqual([-1, 3, 10]);
    expect([...e.codes]).toEqual([1, 0, 1, 2]);
    // Strings by code unit: uppercase before lowercase, '10' before '9'.
    expect(encodeLabels(['b', 'B', '9', '10'], 4).classes).toEqual(['10', '9', 'B', 'b']);
  });

  it('decodes back through classes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant('x'), fc.constant('y'), fc.constant('z')), { minLength: 1 }),
        (y) => {
          const { classes, codes } = encodeLabels(y, y.length);
          expect(Array.from(codes, (c) => classes[c])).toEqual(y);
          expect([...classes].sort()).toEqual(classes);
        },
      ),
    );
  });

  it('rejects mixed, non-finite and wrongly sized labels', () => {
    expect(() => encodeLabels([1, 'a'] as (number | string)[], 2)).toThrow(/y\[1\]/);
    expect(() => encodeLabels([1, Number.NaN], 2)).toThrow(/y\[1\] = NaN/);
    expect(() => encodeLabels([1, 2], 3)).toThrow(/one entry per sample/);
  });

  it('minClasses: a model that needs two classes names the one it got', () => {
    expect(() => encodeLabels(['a', 'a'], 2, { minClasses: 2 })).toThrow(
      'y = ["a"]: needs at least 2 classes',
    );
    expect(encodeLabels(['a', 'a'], 2).classes).toEqual(['a']);
    expect(() => encodeLabels([0], 1, { param: 'target', minClasses: 3 })).toThrow(/^target = /);
  });
});

describe('option checks', () => {
  it('checkNumber: bounds, inclusivity, finiteness', () => {
    expect(checkNumber(0, 'alpha', 0, true)).toBe(0);
    expect(() => checkNumber(0, 'C', 0, false)).toThrow(/C = 0: must be a finite number > 0/);
    expect(() => checkNumber(2, 'l1Ratio', 0, true, 1)).toThrow(/l1Ratio = 2: .*>= 0 and <= 1/);
    expect(() => checkNumber(Number.POSITIVE_INFINITY, 'tol', 0, false)).toThrow(/tol/);
    expect(() => checkNumber('1', 'tol', 0, false)).toThrow(EvaluatorError);
    expect(checkNumber(-3, 'coef0', Number.NEGATIVE_INFINITY, false)).toBe(-3);
    expect(() => checkNumber(Number.NaN, 'coef0', Number.NEGATIVE_INFINITY, false)).toThrow(
      'coef0 = NaN: must be a finite number',
    );
  });

  it('checkInt: a lower bound of -Infinity leaves only the integer rule', () => {
    expect(checkInt(-7, 'seed', Number.NEGATIVE_INFINITY)).toBe(-7);
    expect(() => checkInt(1.5, 'seed', Number.NEGATIVE_INFINITY)).toThrow(
      'seed = 1.5: must be an integer',
    );
    expect(() => checkInt(0, 'n', 1)).toThrow('n = 0: must be an integer >= 1');
  });

  it('checkChoice lists the choices', () => {
    expect(checkChoice('rbf', 'kernel', ['rbf', 'linear'])).toBe('rbf');
    expect(() => checkChoice('poly', 'kernel', ['rbf', 'linear'])).toThrow(
      'kernel = "poly": must be one of "rbf", "linear"',
    );
  });

  it('NotFittedError names the method', () => {
    const e = new NotFittedError('predict');
    expect(e.message).toBe('predict() called before fit()');
    expect(e.name).toBe('NotFittedError');
    expect(e.method).toBe('predict');
  });
});
