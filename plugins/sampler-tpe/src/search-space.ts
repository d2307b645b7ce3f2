import type { StudyView } from '@tunekit/core';
import { type Distribution, distributionsEqual } from '@tunekit/search-space';

type Space = Record<string, Distribution>;

function finished(view: StudyView) {
  return view.trials.filter((t) => t.state === 'COMPLETE' || t.state === 'PRUNED');
}

/**
 * The params every finished (complete or pruned) trial has, with the same distribution
 * (Optuna's `IntersectionSearchSpace(include_pruned=True)`), in name order.
 */
export function intersectionSearchSpace(view: StudyView): Space {
  let space: Space | null = null;
  for (const t of finished(view)) {
    if (space === null) {
      space = { ...t.distributions };
      continue;
    }
    for (const name of Object.keys(space)) {
      const d = t.distributions[name];
      if (d === undefined || !distributionsEqual(d, space[name])) delete space[name];
    }
  }
  return sortByName(space ?? {});
}

/**
 * Splits the params seen in finished trials into groups that always occur together (Optuna's
 * `_GroupDecomposedSearchSpace`): each trial's param set refines the current partition, so
 * params of different branches of a conditional space end up in different groups.
 */
export function groupDecomposedSearchSpace(view: StudyView): Space[] {
  let groups: Space[] = [];
  for (const t of finished(view)) {
    const names = new Set(Object.keys(t.distributions));
    const next: Space[] = [];
    for (const g of groups) {
      const inside: Space = {};
      const outside: Space = {};
      for (const [name, d] of Object.entries(g)) {
        if (names.has(name)) {
          inside[name] = d;
          names.delete(name);
        } else {
          outside[name] = d;
        }
      }
      next.push(inside, outside);
    }
    const fresh: Space = {};
    for (const name of names) fresh[name] = t.distributions[name];
    next.push(fresh);
    groups = next.filter((g) => Object.keys(g).length > 0);
  }
  return groups.map(sortByName);
}

function sortByName(space: Space): Space {
  const out: Space = {};
  for (const name of Object.keys(space).sort()) out[name] = space[name];
  return out;
}
