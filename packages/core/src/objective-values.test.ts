import { describe, expect, it } from 'vitest';
import { checkObjectiveValues } from './objective-values.js';

describe('checkObjectiveValues', () => {
  it('accepts a number, or one number per objective, infinities included', () => {
    expect(checkObjectiveValues(1.5, 1)).toEqual({ ok: true, values: [1.5] });
    expect(checkObjectiveValues([2], 1)).toEqual({ ok: true, values: [2] });
    expect(checkObjectiveValues([1, Number.NEGATIVE_INFINITY], 2)).toEqual({
      ok: true,
      values: [1, Number.NEGATIVE_INFINITY],
    });
  });

  it.each([
    [Number.NaN, 1, /NaN/],
    [undefined, 1, /returned undefined, expected a number/],
    ['1.5', 1, /returned "1.5"/],
    [null, 1, /returned null/],
    [{ v: 1 }, 1, /an object/],
    [[1, 2], 1, /number of values 2 did not match the number of objectives 1/],
    [3, 2, /number of values 1 did not match .* 2/],
    [[1, '2'], 2, /"2" \(objective 1\) is not a number/],
    [[1, Number.NaN], 2, /NaN \(objective 1\)/],
    [10n, 1, /10n/],
  ])('rejects %s for %i objective(s) with a reason', (result, n, reason) => {
    const check = checkObjectiveValues(result, n);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});
