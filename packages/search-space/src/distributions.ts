import { SearchSpaceError } from './errors.js';

/** A value a categorical parameter may take. */
export type CategoricalChoice = string | number | boolean | null;

/** A continuous parameter; `step` makes it discrete (low, low + step, ..., high). */
export interface FloatDistribution {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;
}

/** An integer parameter with inclusive bounds. */
export interface IntDistribution {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}

/** One of a fixed list of choices. */
export interface CategoricalDistribution<T extends CategoricalChoice = CategoricalChoice> {
  readonly type: 'categorical';
  readonly choices: readonly T[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** The value type a distribution produces. */
export type ValueOf<D extends Distribution> =
  D extends CategoricalDistribution<infer T> ? T : number;

export interface NumericOptions {
  readonly log?: boolean;
  readonly step?: number;
}

function checkFinite(low: number, high: number, param?: string): void {
  for (const [label, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SearchSpaceError(
        'non-finite-bound',
        `${label} must be a finite number, got ${String(v)}`,
        {
          param,
          value: v,
        },
      );
    }
  }
  if (low > high) {
    throw new SearchSpaceError('low-gt-high', `low (${low}) must not exceed high (${high})`, {
      param,
      value: { low, high },
    });
  }
}

function checkLogStep(
  low: number,
  log: boolean,
  step: number | undefined,
  unitStepAllowed: boolean,
  param?: string,
): void {
  if (step !== undefined && (typeof step !== 'number' || !Number.isFinite(step) || step <= 0)) {
    throw new SearchSpaceError(
      'step-nonpositive',
      `step must be a positive finite number, got ${String(step)}`,
      {
        param,
        value: step,
      },
    );
  }
  if (log && step !== undefined && !(unitStepAllowed && step === 1)) {
    throw new SearchSpaceError('step-with-log', `step (${step}) cannot be combined with log`, {
      param,
      value: step,
    });
  }
  if (log && low <= 0) {
    throw new SearchSpaceError('log-nonpositive-low', `log scale needs low > 0, got low = ${low}`, {
      param,
      value: low,
    });
  }
}

/**
 * The largest grid point not above `high`: Optuna adjusts `high` down the same way when
 * (high - low) is not a multiple of step. Computed in step units to absorb rounding error.
 */
export function adjustHighToStep(low: number, high: number, step: number): number {
  const n = Math.floor((high - low) / step + 1e-9);
  const adjusted = low + n * step;
  // Round away float noise such as 0.30000000000000004 using the step's decimal places, but
  // stay in [low, high]: bounds with more than 15 significant digits would round past them.
  return Math.min(high, Math.max(low, Number.parseFloat(adjusted.toPrecision(15))));
}

/** Builds and validates a float distribution; `param` is only used in error messages. */
export function makeFloat(
  low: number,
  high: number,
  options: NumericOptions = {},
  param?: string,
): FloatDistribution {
  checkFinite(low, high, param);
  const log = options.log ?? false;
  checkLogStep(low, log, options.step, false, param);
  const step = options.step ?? null;
  const adjustedHigh = step === null ? high : adjustHighToStep(low, high, step);
  return Object.freeze({ type: 'float', low, high: adjustedHigh, log, step });
}

/** Builds and validates an int distribution; `param` is only used in error messages. */
export function makeInt(
  low: number,
  high: number,
  options: NumericOptions = {},
  param?: string,
): IntDistribution {
  checkFinite(low, high, param);
  for (const [label, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (!Number.isInteger(v)) {
      throw new SearchSpaceError(
        'int-non-integer-bound',
        `${label} of an int parameter must be an integer, got ${v}`,
        {
          param,
          value: v,
        },
      );
    }
  }
  const log = options.log ?? false;
  checkLogStep(low, log, options.step, true, param);
  const step = options.step ?? 1;
  if (!Number.isInteger(step)) {
    throw new SearchSpaceError(
      'int-non-integer-step',
      `step of an int parameter must be an integer, got ${step}`,
      {
        param,
        value: step,
      },
    );
  }
  const adjustedHigh = low + Math.floor((high - low) / step) * step;
  return Object.freeze({ type: 'int', low, high: adjustedHigh, log, step });
}

function choiceKey(c: unknown): string {
  // Distinguishes 1 from '1' and true from 'true'; -0 and 0 are the same choice.
  return `${typeof c}:${String(c)}`;
}

/** Builds and validates a categorical distribution; `param` is only used in error messages. */
export function makeCategorical<const T extends CategoricalChoice>(
  choices: readonly T[],
  param?: string,
): CategoricalDistribution<T> {
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new SearchSpaceError('empty-choices', 'choices must be a non-empty array', {
      param,
      value: choices,
    });
  }
  const seen = new Set<string>();
  for (const c of choices) {
    const ok =
      c === null ||
      typeof c === 'string' ||
      typeof c === 'boolean' ||
      (typeof c === 'number' && !Number.isNaN(c));
    if (!ok) {
      throw new SearchSpaceError(
        'invalid-choice',
        `choices must be strings, numbers (not NaN), booleans or null, got ${String(c)}`,
        { param, value: c },
      );
    }
    const key = choiceKey(c);
    if (seen.has(key)) {
      throw new SearchSpaceError(
        'duplicate-choice',
        `choice ${JSON.stringify(c)} appears more than once`,
        {
          param,
          value: c,
        },
      );
    }
    seen.add(key);
  }
  return Object.freeze({ type: 'categorical', choices: Object.freeze([...choices]) });
}

/** A float parameter in [low, high]; `log` samples on a log scale, `step` discretises. */
export function float(low: number, high: number, options: NumericOptions = {}): FloatDistribution {
  return makeFloat(low, high, options);
}

/** An int parameter in [low, high] (inclusive); `log` samples on a log scale. */
export function int(low: number, high: number, options: NumericOptions = {}): IntDistribution {
  return makeInt(low, high, options);
}

/** One of `choices`; the literal types of the choices are kept for `Params<>`. */
export function categorical<const T extends CategoricalChoice>(
  choices: readonly T[],
): CategoricalDistribution<T> {
  return makeCategorical(choices);
}

/** Whether two distributions describe the same set of values. */
export function distributionsEqual(a: Distribution, b: Distribution): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'categorical') {
    const bc = (b as CategoricalDistribution).choices;
    return (
      a.choices.length === bc.length &&
      a.choices.every((c, i) => Object.is(c, bc[i]) || c === bc[i])
    );
  }
  const bn = b as FloatDistribution | IntDistribution;
  return a.low === bn.low && a.high === bn.high && a.log === bn.log && a.step === bn.step;
}

/** Whether the distribution admits exactly one value. */
export function isSingle(d: Distribution): boolean {
  if (d.type === 'categorical') return d.choices.length === 1;
  return d.low === d.high;
}

/** Whether `value` is a value the distribution can produce. */
export function contains(d: Distribution, value: unknown): boolean {
  if (d.type === 'categorical') return d.choices.some((c) => c === value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value < d.low || value > d.high) return false;
  if (d.type === 'int' && !Number.isInteger(value)) return false;
  if (d.type === 'int') {
    if (d.step === 1) return true;
    // Beyond 2^53 a double cannot hold every grid value, so only there is an int step
    // judged with the float tolerance below.
    if (Number.isSafeInteger(value) && Number.isSafeInteger(d.low))
      return (value - d.low) % d.step === 0;
  }
  const step = d.step;
  if (step !== null) {
    const k = (value - d.low) / step;
    // Optuna's 1e-8 of a step, widened by the error a grid value can carry: computed as
    // low + k * step (a few ulps of the larger magnitude) and then rounded to 15 significant
    // digits (roundToDistribution, at most 5e-15 of the value). Far from zero with a fine
    // step (float(1e5, 1e5 + 100, step 1e-4)) that error alone is more than 1e-8 of a step,
    // and values exactly on the grid were refused. Safe integers are exact: no tolerance.
    const error = 5e-15 * Math.abs(value) + 2e-15 * Math.max(Math.abs(value), Math.abs(d.low));
    return Math.abs(k - Math.round(k)) < Math.max(1e-8, error / step);
  }
  return true;
}

/** Index of `value` among the choices of a categorical distribution, or -1. */
export function choiceIndex(d: CategoricalDistribution, value: unknown): number {
  return (d.choices as readonly unknown[]).indexOf(value);
}

/** Throws a SearchSpaceError when `value` is not in the distribution. */
export function assertContains(d: Distribution, value: unknown, param?: string): void {
  if (!contains(d, value)) {
    throw new SearchSpaceError(
      'value-outside',
      `value ${JSON.stringify(value)} is not in ${describe(d)}`,
      {
        param,
        value,
      },
    );
  }
}

/** A short human-readable form, for messages. */
export function describe(d: Distribution): string {
  if (d.type === 'categorical') return `categorical(${JSON.stringify(d.choices)})`;
  const opts = [
    d.log ? 'log' : '',
    d.step !== null && !(d.type === 'int' && d.step === 1) ? `step=${d.step}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${d.type}(${d.low}, ${d.high}${opts ? `, ${opts}` : ''})`;
}
