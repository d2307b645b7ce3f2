import type { FrozenTrial, StudyDirection } from './types.js';

/** Values turned into "smaller is better" for every objective. */
function normalized(t: FrozenTrial, directions: readonly StudyDirection[]): number[] {
  const values = t.values ?? [];
  return directions.map((d, i) => {
    const v = values[i] ?? Number.POSITIVE_INFINITY;
    return d === 'maximize' ? -v : v;
  });
}

/**
 * Whether `a` dominates `b` (Optuna's definition): no worse in every objective and not
 * equal in all of them. Inputs are already normalised to minimisation.
 */
export function dominatesNormalized(a: readonly number[], b: readonly number[]): boolean {
  let strictly = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) strictly = true;
  }
  return strictly;
}

/**
 * The COMPLETE trials that no other COMPLETE trial dominates, in number order. Trials with
 * equal values are all kept, so for one objective this is every trial with the best value.
 * Sorting lexicographically first means a trial can only be dominated by one before it, and
 * (by transitivity) by one already on the front, so each trial is compared with the front only.
 */
export function paretoFront(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
): FrozenTrial[] {
  const points = trials
    .filter((t) => t.state === 'COMPLETE')
    .map((t) => ({ t, v: normalized(t, directions) }));
  points.sort((p, q) => {
    for (let i = 0; i < p.v.length; i++) {
      if (p.v[i] !== q.v[i]) return p.v[i] < q.v[i] ? -1 : 1;
    }
    return 0;
  });
  const front: { t: FrozenTrial; v: number[] }[] = [];
  for (const p of points) {
    if (!front.some((f) => dominatesNormalized(f.v, p.v))) front.push(p);
  }
  return front.map((f) => f.t).sort((a, b) => a.number - b.number);
}
