/**
 * JSON has no NaN or infinities, but objective and intermediate values may be any of them
 * (Optuna stores them too), so non-finite numbers travel as the strings `Number()` reads back.
 */
export function encodeNumber(x: number): number | string {
  // JSON.stringify(-0) is '0': -0 travels as a string too, so it reads back as -0.
  return Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
}

export function decodeNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

export function encodeValues(values: readonly number[] | undefined): string | null {
  return values === undefined ? null : JSON.stringify(values.map(encodeNumber));
}

export function decodeValues(text: string | null): number[] | undefined {
  return text === null ? undefined : (JSON.parse(text) as unknown[]).map(decodeNumber);
}

export function encodeIntermediate(map: ReadonlyMap<number, number> | undefined): string {
  const out: Record<string, number | string> = {};
  if (map !== undefined) for (const [step, v] of map) out[String(step)] = encodeNumber(v);
  return JSON.stringify(out);
}

export function decodeIntermediate(text: string): Map<number, number> {
  const obj = JSON.parse(text) as Record<string, unknown>;
  const map = new Map<number, number>();
  for (const key of Object.keys(obj)) map.set(Number(key), decodeNumber(obj[key]));
  return map;
}
