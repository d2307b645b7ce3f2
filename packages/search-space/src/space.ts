import {
  type CategoricalChoice,
  type Distribution,
  makeCategorical,
  makeFloat,
  makeInt,
  type ValueOf,
} from './distributions.js';
import { SearchSpaceError } from './errors.js';

/** A named set of distributions, built by `space({...})`. */
export interface Space<S extends Record<string, Distribution> = Record<string, Distribution>> {
  readonly kind: 'space';
  readonly distributions: Readonly<S>;
  readonly names: readonly (keyof S & string)[];
}

/** The parameter object a space produces: numbers for float/int, the literal union for categoricals. */
export type Params<S> =
  S extends Space<infer D>
    ? { -readonly [K in keyof D]: ValueOf<D[K]> }
    : S extends Record<string, Distribution>
      ? { -readonly [K in keyof S]: ValueOf<S[K]> }
      : never;

/**
 * Re-validates a distribution under a parameter name. Distributions built with
 * float/int/categorical are already valid; this catches hand-written objects and JSON.
 */
export function validateDistribution(d: unknown, param?: string): Distribution {
  if (d === null || typeof d !== 'object' || !('type' in d)) {
    throw new SearchSpaceError(
      'invalid-json',
      `expected a distribution, got ${JSON.stringify(d)}`,
      { param, value: d },
    );
  }
  const o = d as Record<string, unknown>;
  switch (o.type) {
    case 'float':
      return makeFloat(
        o.low as number,
        o.high as number,
        { log: o.log === true, step: (o.step ?? undefined) as number | undefined },
        param,
      );
    case 'int':
      return makeInt(
        o.low as number,
        o.high as number,
        { log: o.log === true, step: (o.step ?? undefined) as number | undefined },
        param,
      );
    case 'categorical':
      return makeCategorical(o.choices as CategoricalChoice[], param);
    default:
      throw new SearchSpaceError(
        'invalid-json',
        `unknown distribution type ${JSON.stringify(o.type)}`,
        { param, value: d },
      );
  }
}

/** A typed, validated search space. `Params<typeof s>` is the type of one configuration. */
export function space<const S extends Record<string, Distribution>>(distributions: S): Space<S> {
  if (distributions === null || typeof distributions !== 'object') {
    throw new SearchSpaceError('invalid-json', 'space() takes an object of distributions', {
      value: distributions,
    });
  }
  const out: Record<string, Distribution> = {};
  for (const [name, d] of Object.entries(distributions)) {
    try {
      out[name] = validateDistribution(d, name);
    } catch (e) {
      throw e instanceof SearchSpaceError ? e.withParam(name) : e;
    }
  }
  return Object.freeze({
    kind: 'space',
    distributions: Object.freeze(out) as Readonly<S>,
    names: Object.freeze(Object.keys(out)) as readonly (keyof S & string)[],
  });
}

/** Whether a value is a `Space` (as opposed to a bare record of distributions). */
export function isSpace(v: unknown): v is Space {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'space';
}

/** The distributions of a space or of a bare record. */
export function distributionsOf<S extends Record<string, Distribution>>(
  s: Space<S> | S,
): Readonly<S> {
  return isSpace(s) ? (s as Space<S>).distributions : (s as S);
}
