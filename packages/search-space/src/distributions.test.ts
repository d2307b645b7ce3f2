import { describe, expect, it } from 'vitest';
import {
  categorical,
  contains,
  describe as describeDist,
  distributionsEqual,
  float,
  int,
  isSingle,
  makeFloat,
} from './distributions.js';
import { SearchSpaceError } from './errors.js';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof SearchSpaceError) return e.rule;
    throw e;
  }
  return undefined;
}

describe('float', () => {
  it('keeps bounds and defaults', () => {
    expect(float(0, 1)).toEqual({ type: 'float', low: 0, high: 1, log: false, step: null });
    expect(float(1e-5, 1, { log: true }).log).toBe(true);
  });

  it('rejects every invalid definition with its rule', () => {
    expect(ruleOf(() => float(2, 1))).toBe('low-gt-high');
    expect(ruleOf(() => float(Number.NaN, 1))).toBe('non-finite-bound');
    expect(ruleOf(() => float(0, Number.POSITIVE_INFINITY))).toBe('non-finite-bound');
    expect(ruleOf(() => float(0, 1, { log: true }))).toBe('log-nonpositive-low');
    expect(ruleOf(() => float(-1, 1, { log: true }))).toBe('log-nonpositive-low');
    expect(ruleOf(() => float(0, 1, { step: 0 }))).toBe('step-nonpositive');
    expect(ruleOf(() => float(0, 1, { step: -0.5 }))).toBe('step-nonpositive');
    expect(ruleOf(() => float(0.1, 1, { step: 0.1, log: true }))).toBe('step-with-log');
  });

  it('adjusts high down to the last grid point, as Optuna does', () => {
    // (1 - 0) / 0.3 = 3.33 steps: the grid is 0, 0.3, 0.6, 0.9.
    expect(float(0, 1, { step: 0.3 }).high).toBe(0.9);
    // An exact multiple keeps high, despite 0.1 not being representable.
    expect(float(0, 1, { step: 0.1 }).high).toBe(1);
    expect(float(0.2, 0.7, { step: 0.1 }).high).toBe(0.7);
  });

  it('keeps high at low when the range is shorter than a step, whatever digits low has', () => {
    // Optuna: (high - low) // step is 0, so high becomes low. 17 significant digits in low
    // used to round high below low (3.73545424720992 < 3.7354542472099217).
    const low = 3.7354542472099217;
    expect(float(low, low + 0.005, { step: 0.01 }).high).toBe(low);
    expect(float(1 / 3, 0.34, { step: 0.1 }).high).toBe(1 / 3);
  });

  it('never adjusts high above the given high, whatever digits the bounds have', () => {
    // low + step = 0.2234567890123456 (to the last digit) rounds up to 0.223456789012346 at
    // 15 digits, above the given high.
    const high = 0.2234567890123456;
    const d = float(0.1234567890123456, high, { step: 0.1 });
    expect(d.high).toBeLessThanOrEqual(high);
    expect(d.high).toBeCloseTo(high, 15);
  });

  it('names the parameter in messages when given one', () => {
    expect(() => makeFloat(3, 1, {}, 'lr')).toThrow(
      /parameter "lr": low \(3\) must not exceed high \(1\)/,
    );
  });
});

describe('int', () => {
  it('defaults to step 1, inclusive bounds', () => {
    expect(int(1, 8)).toEqual({ type: 'int', low: 1, high: 8, log: false, step: 1 });
  });

  it('rejects non-integer bounds and steps', () => {
    expect(ruleOf(() => int(0.5, 3))).toBe('int-non-integer-bound');
    expect(ruleOf(() => int(0, 3.5))).toBe('int-non-integer-bound');
    expect(ruleOf(() => int(0, 10, { step: 1.5 }))).toBe('int-non-integer-step');
    expect(ruleOf(() => int(0, 10, { log: true }))).toBe('log-nonpositive-low');
    expect(ruleOf(() => int(1, 10, { log: true, step: 2 }))).toBe('step-with-log');
    expect(ruleOf(() => int(5, 1))).toBe('low-gt-high');
  });

  it('accepts log with the unit step and adjusts high to the step grid', () => {
    expect(int(1, 10, { log: true, step: 1 }).log).toBe(true);
    expect(int(0, 10, { step: 3 }).high).toBe(9);
  });
});

describe('categorical', () => {
  it('keeps choices in order, frozen', () => {
    const d = categorical(['a', 1, true, null]);
    expect(d.choices).toEqual(['a', 1, true, null]);
    expect(Object.isFrozen(d.choices)).toBe(true);
  });

  it('rejects empty, duplicate and invalid choices', () => {
    expect(ruleOf(() => categorical([]))).toBe('empty-choices');
    expect(ruleOf(() => categorical(['a', 'a']))).toBe('duplicate-choice');
    expect(ruleOf(() => categorical([1, 1]))).toBe('duplicate-choice');
    expect(ruleOf(() => categorical([Number.NaN]))).toBe('invalid-choice');
    expect(ruleOf(() => categorical([{} as unknown as string]))).toBe('invalid-choice');
  });

  it('tells 1 from "1" and true from "true"', () => {
    expect(categorical([1, '1', true, 'true']).choices).toHaveLength(4);
  });
});

describe('helpers', () => {
  it('contains respects bounds, integrality and steps', () => {
    expect(contains(float(0, 1), 0.5)).toBe(true);
    expect(contains(float(0, 1), 1.5)).toBe(false);
    expect(contains(float(0, 1, { step: 0.25 }), 0.5)).toBe(true);
    expect(contains(float(0, 1, { step: 0.25 }), 0.3)).toBe(false);
    expect(contains(int(0, 10, { step: 2 }), 4)).toBe(true);
    expect(contains(int(0, 10, { step: 2 }), 5)).toBe(false);
    expect(contains(int(0, 10), 2.5)).toBe(false);
    // A float step of 1 is a grid too (only an int's step of 1 is every value).
    expect(contains(float(0, 10, { step: 1 }), 0.5)).toBe(false);
    expect(contains(float(0, 10, { step: 1 }), 3)).toBe(true);
    // Integers are exact: far from zero an off-grid one is still out.
    expect(contains(int(1e14, 1e14 + 10, { step: 2 }), 1e14 + 1)).toBe(false);
    expect(contains(int(1e14, 1e14 + 10, { step: 2 }), 1e14 + 2)).toBe(true);
    expect(contains(int(-2e14, 2e14, { step: 2 }), 1)).toBe(false);
    // Beyond 2^53 the grid values themselves are rounded (2^53 + 9 is held as 2^53 + 8).
    const huge = int(2 ** 53, 2 ** 53 + 30, { step: 3 });
    for (let k = 0; k <= 10; k++) expect(contains(huge, 2 ** 53 + 3 * k)).toBe(true);
    // Far from zero with a fine step: a value 0.2 of a step off is out, one on the grid in.
    const t = float(1.7e9, 1.7e9 + 3600, { step: 1e-4 });
    expect(contains(t, 1.7e9 + 1234.56789 + 0.3e-4)).toBe(false);
    expect(contains(t, 1.7e9 + 1234.5679)).toBe(true);
    expect(contains(categorical(['a', 'b']), 'b')).toBe(true);
    expect(contains(categorical(['a', 'b']), 'c')).toBe(false);
    expect(contains(float(0, 1), Number.NaN)).toBe(false);
  });

  it('distributionsEqual compares every field', () => {
    expect(distributionsEqual(float(0, 1), float(0, 1))).toBe(true);
    expect(distributionsEqual(float(0, 1), float(0, 2))).toBe(false);
    expect(distributionsEqual(float(1, 2), float(1, 2, { log: true }))).toBe(false);
    expect(distributionsEqual(float(0, 1), int(0, 1))).toBe(false);
    expect(distributionsEqual(categorical(['a', 'b']), categorical(['b', 'a']))).toBe(false);
    expect(distributionsEqual(categorical(['a', 'b']), categorical(['a', 'b']))).toBe(true);
  });

  it('isSingle and describe', () => {
    expect(isSingle(float(2, 2))).toBe(true);
    expect(isSingle(int(1, 2))).toBe(false);
    expect(isSingle(categorical(['x']))).toBe(true);
    expect(describeDist(int(1, 9, { step: 2 }))).toBe('int(1, 9, step=2)');
    expect(describeDist(float(1e-3, 1, { log: true }))).toBe('float(0.001, 1, log)');
  });
});
