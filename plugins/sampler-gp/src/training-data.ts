import {
  contains,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  type JsonValue,
  lastIntermediateValue,
} from '@tunekit/core';
import { type EncodedSpace, encodeParams, encodeValue, hasSpace } from './encoding.js';
import type { GpData, GpPosterior } from './gp.js';

/** What the sampler imputes for trials still running (constant liar), or 'none' to ignore them. */
export type ConstantLiar = 'best' | 'worst' | 'none';

/**
 * The GP's training set: real observations first, then pruned trials, then failed ones, then
 * the constant liar's rows.
 */
export interface TrainingData {
  /**
   * Complete trials, then pruned ones (`prunedScores`), then failed ones (at the scores given
   * for them), then running ones with the liar's value. The posterior conditions on all of them.
   */
  readonly all: GpData;
  /**
   * The complete trials only (a prefix view of `all`). The kernel hyperparameters are fitted to
   * these: a lie is a device to spread parallel proposals, not evidence about the objective's
   * smoothness or noise, and a few 'worst' lies next to good points would otherwise shrink the
   * fitted length scales (Ginsbourger et al. 2010 keep the hyperparameters fixed likewise).
   */
  readonly observed: GpData;
  /** The complete and pruned trials (a prefix view of `all`): what a failed point is judged by. */
  readonly known: GpData;
  /** Row of the best complete trial, and its standardised score: the EI incumbent (lies excluded). */
  readonly bestIndex: number;
  readonly best: number;
  /** The worst complete trial's standardised score. */
  readonly worst: number;
}

/** Standardised scores below this spread are treated as equal (Optuna's floor of the sd). */
const MIN_SD = 1e-10;

/**
 * Scores of a maximisation, standardised to mean 0 and sd 1: NaN and -Infinity become the
 * lowest finite score, +Infinity the highest. When every score is the same the spread is
 * taken as 1e-10, so all come out 0 rather than NaN.
 */
export function standardizeScores(raw: readonly number[]): Float64Array {
  const finite = raw.filter(Number.isFinite);
  const hi = finite.length > 0 ? Math.max(...finite) : 0;
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const scores = raw.map((v) =>
    Number.isNaN(v)
      ? lo
      : v === Number.POSITIVE_INFINITY
        ? hi
        : v === Number.NEGATIVE_INFINITY
          ? lo
          : v,
  );
  const y = new Float64Array(scores.length);
  if (scores.length === 0) return y;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  if (Number.isFinite(mean) && Number.isFinite(sd)) {
    const scale = Math.max(sd, MIN_SD);
    scores.forEach((v, i) => {
      y[i] = (v - mean) / scale;
    });
    return y;
  }
  // Scores beyond about 1e154 overflow the sum of squares (or the sum): standardise them
  // divided by their largest magnitude instead, which gives the same result.
  const big = Math.max(Math.abs(hi), Math.abs(lo));
  const scaled = scores.map((v) => v / big);
  const m = scaled.reduce((a, b) => a + b, 0) / scaled.length;
  const s = Math.sqrt(scaled.reduce((a, b) => a + (b - m) ** 2, 0) / scaled.length);
  const scale = Math.max(s, MIN_SD / big);
  scaled.forEach((v, i) => {
    y[i] = (v - m) / scale;
  });
  return y;
}

/**
 * The system attribute in which a trial keeps the GP's proposal (its space's id and encoded
 * point), as Optuna's GPSampler keeps `gp:relative_params`: the runtime samples a trial when
 * it starts, but its parameters appear only as its objective suggests them, and until then
 * the constant liar must still see where it is.
 */
export const PROPOSAL_ATTR = 'gp:proposal';

/**
 * The system attribute in which a trial keeps the kernel fit made for it (its space's id and
 * θ, the log hyperparameters). The next fit starts from the newest one in the study, so the
 * study's own trials decide it: a resumed study, another worker, or one sampler shared by two
 * studies starts where the study left off, and a study re-run under the same name starts cold.
 */
export const FIT_ATTR = 'gp:fit';

/** The attribute's value for a fit θ in the space with id `space`. */
export function fitAttr(space: number, theta: ArrayLike<number>): JsonValue {
  return { space, theta: Array.from(theta) };
}

/**
 * θ of the newest trial before `number` (by trial number) that stored a fit in the space
 * `spaceId` with `size` finite components, or undefined. Trials are in number order, so the
 * search stops at the first match from the end.
 */
export function newestFit(
  trials: readonly FrozenTrial[],
  number: number,
  spaceId: number,
  size: number,
): Float64Array | undefined {
  for (let i = trials.length - 1; i >= 0; i--) {
    const t = trials[i];
    if (t.number >= number) continue;
    const theta = storedVector(t.systemAttrs[FIT_ATTR], spaceId, 'theta', size);
    if (theta !== undefined) return theta;
  }
  return undefined;
}

/**
 * The vector a `gp:` attribute holds under `key` ({ space, [key]: number[] }) when it was made
 * in the space `spaceId` and has `size` finite numbers; else undefined (another space, or an
 * attribute written by something else).
 */
function storedVector(
  attr: JsonValue | undefined,
  spaceId: number,
  key: string,
  size: number,
): Float64Array | undefined {
  if (attr === null || typeof attr !== 'object' || Array.isArray(attr) || attr.space !== spaceId)
    return undefined;
  const v = attr[key];
  if (
    !(
      Array.isArray(v) &&
      v.length === size &&
      v.every((c) => typeof c === 'number' && Number.isFinite(c))
    )
  )
    return undefined;
  return Float64Array.from(v as number[]);
}

/** The attribute's value for a proposal in the space with id `space`. */
export function proposalAttr(space: number, point: ArrayLike<number>): JsonValue {
  return { space, x: Array.from(point) };
}

/**
 * Encoded points of running trials: their parameters when all are set, else the proposal
 * they stored if it was made in this space (`spaceId`), with the values already known put
 * in: parameters already suggested, and those fixed by `enqueueTrial` (the GP proposed for
 * them too, but the trial will be evaluated at the fixed values). Trials with neither are
 * left out.
 */
export function trialPoints(
  enc: EncodedSpace,
  space: Readonly<Record<string, Distribution>>,
  spaceId: number,
  running: readonly FrozenTrial[],
): Float64Array[] {
  const d = enc.names.length;
  const out: Float64Array[] = [];
  for (const t of running) {
    if (hasSpace(t, space)) {
      const row = new Float64Array(d);
      encodeParams(enc, t.params, row, 0);
      out.push(row);
      continue;
    }
    const row = storedVector(t.systemAttrs[PROPOSAL_ATTR], spaceId, 'x', d);
    if (row === undefined) continue;
    const fixed = t.systemAttrs.fixed_params;
    const fixedValues =
      fixed !== null && typeof fixed === 'object' && !Array.isArray(fixed) ? fixed : {};
    enc.names.forEach((name, k) => {
      const dist = enc.distributions[k];
      const td = t.distributions[name];
      if (Object.hasOwn(t.params, name) && td !== undefined && distributionsEqual(td, dist))
        row[k] = encodeValue(dist, t.params[name]);
      else if (Object.hasOwn(fixedValues, name) && contains(dist, fixedValues[name]))
        row[k] = encodeValue(dist, fixedValues[name]);
    });
    out.push(row);
  }
  return out;
}

/**
 * The standardised score of a trial that is worse than its peers but has no value of its own
 * (a pruned trial that reported nothing, a failed trial with `considerFailedTrials: 'worst'`):
 * the worst complete score. With every complete value equal (one complete trial, say), or so
 * nearly that the sd floor of standardizeScores holds, that would tie with them: one unit below
 * keeps it worse. Otherwise the standardised range is at least 2 (an sd is at most half the
 * range).
 */
export function noValueScore(worst: number, best: number): number {
  return best - worst < 1 ? worst - 1 : worst;
}

/**
 * Standardised scores for pruned trials, given the complete trials' raw scores (of a
 * maximisation) and their standardised extremes: a pruned trial's last reported value, mapped
 * by the same affine standardisation and clipped to the complete trials' range. A pruned trial
 * was judged worse than its peers, so it never counts above the best complete trial; with no
 * usable value it counts as the worst, and when the complete values are all equal, as one
 * (standardised) unit below them.
 */
export function prunedScores(
  raw: readonly number[],
  completeRaw: readonly number[],
  worst: number,
  best: number,
): Float64Array {
  // With no range to place a pruned value in (see noValueScore), every one is one unit below.
  const none = noValueScore(worst, best);
  if (best - worst < 1) return new Float64Array(raw.length).fill(none);
  const finite = completeRaw.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  // Halved, the difference of two values near the largest double cannot overflow.
  const halved = !Number.isFinite(hi - lo);
  return Float64Array.from(raw, (v) => {
    if (Number.isNaN(v)) return none;
    const c = Math.min(hi, Math.max(lo, v));
    const f = halved ? (c / 2 - lo / 2) / (hi / 2 - lo / 2) : (c - lo) / (hi - lo);
    return worst + f * (best - worst);
  });
}

/** A pruned trial's value: the one it was told with, else its last intermediate value, else NaN. */
export function prunedValue(t: FrozenTrial): number {
  return t.value ?? lastIntermediateValue(t) ?? Number.NaN;
}

/**
 * The encoded parameters of failed trials that set every parameter of the space: where the
 * objective was evaluated and gave no value. A trial that failed before suggesting them all
 * tells nothing about a point (its error may have come before any training), so it is left
 * out, and so is the GP's stored proposal for it.
 */
export function failedPoints(
  enc: EncodedSpace,
  space: Readonly<Record<string, Distribution>>,
  failed: readonly FrozenTrial[],
): Float64Array[] {
  const out: Float64Array[] = [];
  for (const t of failed) {
    if (!hasSpace(t, space)) continue;
    const row = new Float64Array(enc.names.length);
    encodeParams(enc, t.params, row, 0);
    out.push(row);
  }
  return out;
}

/**
 * The score a failed point enters with: the posterior mean there (the "kriging believer" of
 * Ginsbourger et al. 2010), capped at the incumbent's score `best`. An observation equal to
 * its own predictive mean leaves the mean everywhere unchanged and only shrinks the variance
 * around the point; but where the mean beats the incumbent, expected improvement stays at
 * least mean - best however small the variance gets, and the point would be proposed again.
 * At the cap its improvement vanishes, and the surface is lowered only there.
 */
export function believedScores(
  posterior: GpPosterior,
  points: readonly Float64Array[],
  best: number,
): Float64Array {
  const d = points[0].length;
  const flat = new Float64Array(points.length * d);
  points.forEach((p, i) => {
    flat.set(p, i * d);
  });
  const mean = new Float64Array(points.length);
  posterior.predict(flat, points.length, mean, new Float64Array(points.length));
  for (let i = 0; i < mean.length; i++) mean[i] = Math.min(mean[i], best);
  return mean;
}

/** Failed points and the standardised scores they enter the posterior with. */
export interface ScoredPoints {
  readonly rows: readonly ArrayLike<number>[];
  readonly scores: ArrayLike<number>;
}

/**
 * Encodes the complete trials, standardises their values as scores of a maximisation
 * (negated when minimising), appends the pruned trials (`prunedScores`), the failed trials'
 * points at the scores given for them, and the running trials' points (`trialPoints`) with
 * the liar's value: the best or the worst standardised score.
 */
export function buildTrainingData(
  enc: EncodedSpace,
  complete: readonly FrozenTrial[],
  pending: readonly ArrayLike<number>[],
  maximize: boolean,
  liar: ConstantLiar,
  pruned: readonly FrozenTrial[] = [],
  failed: ScoredPoints = { rows: [], scores: [] },
): TrainingData {
  const d = enc.names.length;
  const nObserved = complete.length;
  const nPruned = pruned.length;
  const nKnown = nObserved + nPruned + failed.rows.length;
  const lies = liar === 'none' ? [] : pending;
  const n = nKnown + lies.length;
  const x = new Float64Array(n * d);
  complete.forEach((t, i) => {
    encodeParams(enc, t.params, x, i * d);
  });
  pruned.forEach((t, i) => {
    encodeParams(enc, t.params, x, (nObserved + i) * d);
  });
  failed.rows.forEach((row, i) => {
    x.set(row, (nObserved + nPruned + i) * d);
  });
  lies.forEach((row, i) => {
    x.set(row, (nKnown + i) * d);
  });
  const y = new Float64Array(n);
  const sign = maximize ? 1 : -1;
  const raw = complete.map((t) => sign * (t.value as number));
  y.set(standardizeScores(raw));

  let bestIndex = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  for (let i = 0; i < nObserved; i++) {
    if (y[i] > best) {
      best = y[i];
      bestIndex = i;
    }
    worst = Math.min(worst, y[i]);
  }
  y.set(
    prunedScores(
      pruned.map((t) => sign * prunedValue(t)),
      raw,
      worst,
      best,
    ),
    nObserved,
  );
  y.set(failed.scores, nObserved + nPruned);
  y.fill(liar === 'worst' ? worst : best, nKnown);

  const isCategorical = enc.isCategorical;
  return {
    all: { x, y, n, d, isCategorical },
    observed: {
      x: x.subarray(0, nObserved * d),
      y: y.subarray(0, nObserved),
      n: nObserved,
      d,
      isCategorical,
    },
    known: {
      x: x.subarray(0, (nObserved + nPruned) * d),
      y: y.subarray(0, nObserved + nPruned),
      n: nObserved + nPruned,
      d,
      isCategorical,
    },
    bestIndex,
    best,
    worst,
  };
}
