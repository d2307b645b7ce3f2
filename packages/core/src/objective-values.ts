/** The outcome of checking what an objective returned or what `tell` was given. */
export type ValuesCheck =
  | { readonly ok: true; readonly values: number[] }
  | { readonly ok: false; readonly reason: string };

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'function') return 'a function';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

/**
 * Validates objective values as Optuna does before it completes a trial: one number per
 * objective (a bare number for a single objective), each a number and not NaN. Infinities
 * are allowed. The reason, when not ok, is what the FAIL trial records.
 */
export function checkObjectiveValues(result: unknown, nObjectives: number): ValuesCheck {
  let values: readonly unknown[];
  if (typeof result === 'number') values = [result];
  else if (Array.isArray(result)) values = result;
  else {
    const expected = nObjectives === 1 ? 'a number' : `an array of ${nObjectives} numbers`;
    return { ok: false, reason: `the objective returned ${show(result)}, expected ${expected}` };
  }
  if (values.length !== nObjectives) {
    return {
      ok: false,
      reason: `the number of values ${values.length} did not match the number of objectives ${nObjectives}`,
    };
  }
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') {
      return {
        ok: false,
        reason: `value ${show(v)}${nObjectives > 1 ? ` (objective ${i})` : ''} is not a number`,
      };
    }
    if (Number.isNaN(v)) {
      return {
        ok: false,
        reason: `the objective returned NaN${nObjectives > 1 ? ` (objective ${i})` : ''}`,
      };
    }
    out.push(v);
  }
  return { ok: true, values: out };
}
