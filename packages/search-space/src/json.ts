import type { Distribution } from './distributions.js';
import { SearchSpaceError } from './errors.js';
import { type Space, space, validateDistribution } from './space.js';

/** The JSON form of a distribution: a plain object, stable across versions. */
export type DistributionJSON =
  | { type: 'float'; low: number; high: number; log: boolean; step: number | null }
  | { type: 'int'; low: number; high: number; log: boolean; step: number }
  | { type: 'categorical'; choices: (string | number | boolean | null)[] };

/** A distribution as a JSON-safe plain object. */
export function toJSON(d: Distribution): DistributionJSON {
  if (d.type === 'categorical') return { type: 'categorical', choices: [...d.choices] };
  if (d.type === 'int') return { type: 'int', low: d.low, high: d.high, log: d.log, step: d.step };
  return { type: 'float', low: d.low, high: d.high, log: d.log, step: d.step };
}

/** Parses a distribution from its JSON form (object or string), validating it. */
export function distributionFromJSON(json: DistributionJSON | string): Distribution {
  let obj: unknown = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json);
    } catch {
      throw new SearchSpaceError('invalid-json', `not valid JSON: ${json.slice(0, 80)}`, {
        value: json,
      });
    }
  }
  return validateDistribution(obj);
}

/** A whole space as JSON: `{ name: DistributionJSON }`. */
export function spaceToJSON(s: Space): Record<string, DistributionJSON> {
  const out: Record<string, DistributionJSON> = {};
  for (const name of s.names) out[name] = toJSON(s.distributions[name]);
  return out;
}

/** Parses a space from `spaceToJSON` output (object or string). */
export function spaceFromJSON(json: Record<string, DistributionJSON> | string): Space {
  const obj =
    typeof json === 'string' ? (JSON.parse(json) as Record<string, DistributionJSON>) : json;
  return space(obj as unknown as Record<string, Distribution>);
}
