import type { ParamValue } from './types.js';

/** A frozen copy of `record` with `key` set: how trials change without being mutated. */
export function withKey<T>(
  record: Readonly<Record<string, T>>,
  key: string,
  value: T,
): Readonly<Record<string, T>> {
  const out: Record<string, T> = { ...record };
  out[key] = value;
  return Object.freeze(out);
}

/** Whether `v` can be a parameter value: a string, a finite number, a boolean or null. */
export function isParamValue(v: unknown): v is ParamValue {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v))
  );
}
