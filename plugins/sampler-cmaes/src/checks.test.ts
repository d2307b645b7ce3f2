import { InvalidArgumentError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { checkDimension, checkPopsize, checkPositiveFinite, checkSolutions } from './checks.js';

describe('checks', () => {
  it('name the parameter, the value and the rule', () => {
    expect(() => checkPositiveFinite('s', '1')).toThrow(/^s = "1": must be a positive finite/);
    expect(() => checkDimension('n', 2.5)).toThrow(/^n = 2.5: must be an integer >= 1/);
    expect(() => checkPopsize('popsize', 1)).toThrow(/^popsize = 1: must be an integer >= 2$/);
    for (const call of [
      () => checkPositiveFinite('s', 1e-300),
      () => checkDimension('n', 1),
      () => checkPopsize('popsize', 2),
    ]) {
      expect(call).not.toThrow();
    }
  });

  it('checkSolutions: typed-array x and +-Infinity values pass; a non-object solution or x does not', () => {
    const ok = [
      { x: Float64Array.of(0.1, 0.2), value: Number.POSITIVE_INFINITY },
      { x: [0.3, 0.4], value: Number.NEGATIVE_INFINITY },
    ];
    expect(() => checkSolutions(ok, 2, 'the dimension')).not.toThrow();
    const bad: [unknown, RegExp][] = [
      [null, /^solutions\[1\] = null: must be an object \{ x, value \}/],
      [{ x: '12', value: 0 }, /^solutions\[1\]\.x = "12": must hold 2 finite numbers/],
      [{ x: [0.1, '0.2'], value: 0 }, /^solutions\[1\]\.x\[1\] = "0.2": must be a finite number/],
      [{ x: [0.1, 0.2] }, /^solutions\[1\]\.value = undefined: must be a number other than NaN/],
    ];
    for (const [second, message] of bad) {
      const call = () => checkSolutions([ok[0], second as never], 2, 'the dimension');
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});
