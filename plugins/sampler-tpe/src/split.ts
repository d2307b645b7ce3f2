import type { FrozenTrial, StudyView } from '@tunekit/core';
import type { GammaFunction } from './gamma-weights.js';
import {
  contributionWeights,
  greedyHssp,
  nondominatedRanks,
  referencePoint,
} from './hypervolume.js';

/** The trials TPE learns from for one sampling step, split into the good and the rest. */
export interface Split {
  /** Finished trials counted for n (COMPLETE, plus PRUNED in single-objective studies). */
  readonly nFinished: number;
  /** The good set ("below"), in trial-number order. */
  readonly below: readonly FrozenTrial[];
  /** The rest ("above"), in trial-number order; running trials land here under constant liar. */
  readonly above: readonly FrozenTrial[];
  /** Multi-objective only: each good trial's weight from its hypervolume contribution. */
  readonly belowWeights: Float64Array | null;
}

/**
 * The ordering key of a single-objective trial, compared lexicographically (smaller = better):
 * complete trials first, then pruned trials by how many steps they reached (more is better),
 * then by their last (sign-adjusted) intermediate value; running trials last of all.
 */
export function rankKey(trial: FrozenTrial, sign: number): [number, number] {
  if (trial.state === 'COMPLETE')
    return [Number.NEGATIVE_INFINITY, sign * (trial.values?.[0] ?? Number.NaN)];
  if (trial.state === 'PRUNED') {
    let lastStep = Number.NEGATIVE_INFINITY;
    let lastValue = 0;
    for (const [step, value] of trial.intermediateValues) {
      if (step > lastStep) {
        lastStep = step;
        lastValue = value;
      }
    }
    if (lastStep === Number.NEGATIVE_INFINITY) return [1, 0];
    return [-lastStep, Number.isNaN(lastValue) ? Number.POSITIVE_INFINITY : sign * lastValue];
  }
  return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
}

/** Weight of an infeasible trial in a multi-objective good set (Optuna's EPS). */
const INFEASIBLE_WEIGHT = 1e-12;

/**
 * Collects the trials to learn from and splits them with gamma, as Optuna's TPE does.
 * `exclude` is the trial being sampled (never its own evidence). With `violation` (the summed
 * positive constraint values of a finished trial), feasible trials come first: when fewer
 * than gamma(n) are feasible the good set is completed with the least-violating ones,
 * otherwise it is the best of the feasible trials by objective.
 */
export function splitTrials(
  view: StudyView,
  exclude: number,
  gamma: GammaFunction,
  constantLiar: boolean,
  violation?: (trial: FrozenTrial) => number,
): Split {
  const multi = view.directions.length > 1;
  const signs = view.directions.map((d) => (d === 'maximize' ? -1 : 1));
  const used: FrozenTrial[] = [];
  let nFinished = 0;
  for (const t of view.trials) {
    if (t.number === exclude) continue;
    if (t.state === 'COMPLETE') {
      if (t.values === undefined || t.values.length !== signs.length) continue;
    } else if (t.state === 'PRUNED' || (t.state === 'RUNNING' && constantLiar)) {
      // Multi-objective TPE uses neither pruned nor running trials (as Optuna).
      if (multi) continue;
    } else {
      continue;
    }
    used.push(t);
    if (t.state !== 'RUNNING') nFinished++;
  }
  // At most the finished trials: a running trial (constant liar) is never "good".
  const nBelow = Math.max(0, Math.min(nFinished, Math.floor(gamma(nFinished))));
  const all = used.map((_, i) => i);
  const points = multi
    ? used.map((t) => (t.values as readonly number[]).map((v, i) => signs[i] * v))
    : [];
  const byLoss = (subset: number[]): number[] =>
    multi ? bestMulti(subset, points, nBelow) : bestSingle(subset, used, signs[0], nBelow);

  let chosen: number[];
  let feasible: Uint8Array | null = null;
  if (violation === undefined) {
    chosen = byLoss(all);
  } else {
    const viol = used.map((t) => (t.state === 'RUNNING' ? Number.POSITIVE_INFINITY : violation(t)));
    feasible = Uint8Array.from(viol, (v) => (v === 0 ? 1 : 0));
    const byViolation = [...all].sort((a, b) =>
      viol[a] < viol[b] ? -1 : viol[a] > viol[b] ? 1 : a - b,
    );
    chosen =
      nBelow >= used.length || viol[byViolation[nBelow]] > 0
        ? byViolation.slice(0, nBelow)
        : byLoss(all.filter((i) => viol[i] === 0));
  }
  const isBelow = new Uint8Array(used.length);
  for (const i of chosen) isBelow[i] = 1;
  const below: FrozenTrial[] = [];
  const above: FrozenTrial[] = [];
  const belowIdx: number[] = [];
  for (let i = 0; i < used.length; i++) {
    if (isBelow[i]) {
      below.push(used[i]);
      belowIdx.push(i);
    } else {
      above.push(used[i]);
    }
  }
  return {
    nFinished,
    below,
    above,
    belowWeights: multi ? motpeWeights(belowIdx, points, feasible) : null,
  };
}

/** The k best of `subset` by rank key (stable: ties keep trial order). */
function bestSingle(subset: number[], used: FrozenTrial[], sign: number, k: number): number[] {
  const keys = new Map(subset.map((i) => [i, rankKey(used[i], sign)]));
  const order = [...subset].sort((a, b) => compareKey(keys.get(a)!, keys.get(b)!) || a - b);
  return order.slice(0, k);
}

function compareKey(a: [number, number], b: [number, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) {
    if (Number.isNaN(a[1])) return 1;
    if (Number.isNaN(b[1])) return -1;
    return a[1] < b[1] ? -1 : 1;
  }
  return 0;
}

/**
 * MOTPE's good set: whole non-dominated fronts while they fit; the front that overflows is
 * cut by greedy hypervolume subset selection.
 */
function bestMulti(subset: number[], points: number[][], k: number): number[] {
  const pts = subset.map((i) => points[i]);
  const ranks = nondominatedRanks(pts);
  const chosen: number[] = [];
  for (let rank = 0; chosen.length < k; rank++) {
    const front: number[] = [];
    for (let j = 0; j < subset.length; j++) if (ranks[j] === rank) front.push(j);
    if (front.length === 0) break;
    if (chosen.length + front.length <= k) {
      for (const j of front) chosen.push(subset[j]);
      continue;
    }
    const frontPts = front.map((j) => pts[j]);
    for (const f of greedyHssp(frontPts, k - chosen.length, referencePoint(frontPts))) {
      chosen.push(subset[front[f]]);
    }
  }
  return chosen;
}

/** Hypervolume-contribution weights of the good set; infeasible members weigh ~0 (as Optuna). */
function motpeWeights(
  belowIdx: number[],
  points: number[][],
  feasible: Uint8Array | null,
): Float64Array {
  const ok = belowIdx.filter((i) => feasible === null || feasible[i] === 1);
  const w = contributionWeights(ok.map((i) => points[i]));
  const out = new Float64Array(belowIdx.length).fill(INFEASIBLE_WEIGHT);
  let r = 0;
  belowIdx.forEach((i, j) => {
    if (feasible === null || feasible[i] === 1) out[j] = w[r++];
  });
  return out;
}
