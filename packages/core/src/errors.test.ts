import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, isTrialPruned, TrialPruned, TunekitError } from './errors.js';

describe('InvalidArgumentError', () => {
  it('names the parameter, the value and the rule, and keeps them as fields', () => {
    const e = new InvalidArgumentError('nTrials', -1, 'must be a non-negative integer');
    expect(e.message).toBe('nTrials = -1: must be a non-negative integer');
    expect([e.param, e.value, e.rule]).toEqual(['nTrials', -1, 'must be a non-negative integer']);
    expect(e).toBeInstanceOf(TunekitError);
    expect(e.name).toBe('InvalidArgumentError');
  });

  it('shows NaN and the infinities as themselves, not as JSON null', () => {
    const show = (v: unknown) => new InvalidArgumentError('p', v, 'r').message;
    expect(show(Number.NaN)).toBe('p = NaN: r');
    expect(show(Number.NEGATIVE_INFINITY)).toBe('p = -Infinity: r');
    expect(show([1, Number.NaN, Number.POSITIVE_INFINITY])).toBe('p = [1,NaN,Infinity]: r');
    expect(show({ a: Number.NaN })).toBe('p = {"a":NaN}: r');
    // Strings that merely read like those numbers stay quoted.
    expect(show('NaN')).toBe('p = "NaN": r');
    expect(show(['Infinity'])).toBe('p = ["Infinity"]: r');
    expect(show(null)).toBe('p = null: r');
    expect(show(undefined)).toBe('p = undefined: r');
    expect(show(3n)).toBe('p = 3n: r');
  });
});

describe('TrialPruned', () => {
  it('is recognised by its brand, also on errors of packages without a core dependency', () => {
    expect(isTrialPruned(new TrialPruned())).toBe(true);
    expect(isTrialPruned({ [Symbol.for('tunekit.TrialPruned')]: true })).toBe(true);
    expect(isTrialPruned(new Error('pruned'))).toBe(false);
    expect(isTrialPruned(null)).toBe(false);
  });
});
