import type { JsonValue } from '@tunekit/core';
import { categorical, type Distribution, float, int } from '@tunekit/search-space';

/**
 * Strings that break naive storages: quotes of both kinds, SQL comment and statement
 * separators, LIKE wildcards, backslashes, JSON-path syntax, control characters,
 * astral-plane unicode and a lone combining mark.
 */
export const TRICKY_STRINGS: readonly string[] = Object.freeze([
  `it's "quoted"`,
  `Robert'); DROP TABLE studies; --`,
  `100% _match_ \\ back\\slash`,
  `$.a["b"].c[0] {"json": true}`,
  `line\nbreak\ttab\r\u0001`,
  `名前 ünïcödé 🎯𝔘 e\u0301`,
  ` leading and trailing `,
]);

/** A nested attribute value exercising every JSON type, including the tricky strings. */
export const TRICKY_JSON: JsonValue = Object.freeze({
  nested: { list: [1, -2.5, 1e-300, 1.7976931348623157e308, true, false, null, 'x'] },
  strings: [...TRICKY_STRINGS],
  empty: {},
  emptyList: [],
  zero: 0,
  [TRICKY_STRINGS[0]]: TRICKY_STRINGS[1],
}) as JsonValue;

/** One distribution of every kind, with a value of each that must survive a round trip. */
export const PARAM_CASES: readonly {
  name: string;
  dist: Distribution;
  value: string | number | boolean | null;
}[] = [
  { name: 'lr', dist: float(1e-5, 1, { log: true }), value: 0.000123456789012345 },
  { name: 'x', dist: float(-10, 10), value: -3.3333333333333335 },
  { name: 'stepped', dist: float(0, 1, { step: 0.25 }), value: 0.75 },
  { name: 'layers', dist: int(1, 8), value: 3 },
  { name: 'units', dist: int(16, 1024, { log: true }), value: 128 },
  { name: 'even', dist: int(0, 10, { step: 2 }), value: 4 },
  { name: 'kernel', dist: categorical(['rbf', 'linear', `it's "poly"`]), value: `it's "poly"` },
  { name: 'flag', dist: categorical([true, false]), value: false },
  { name: 'maybe', dist: categorical([null, 1, 'one']), value: null },
  {
    name: TRICKY_STRINGS[1],
    dist: categorical([TRICKY_STRINGS[5], 2.5]),
    value: TRICKY_STRINGS[5],
  },
];

let counter = 0;

/** A study name no other test (or earlier run against a shared database) has used. */
export function uniqueStudyName(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
