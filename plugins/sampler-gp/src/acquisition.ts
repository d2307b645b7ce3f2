import type { Rng } from '@tunekit/core';
import { minimizeLbfgs } from '@tunekit/core/lbfgs';
import { predictAlongCategory } from './category-scan.js';
import { EXHAUSTIVE_GRID_LIMIT, type SearchAxis } from './encoding.js';
import type { GpPosterior } from './gp.js';
import { ScrambledHalton } from './halton.js';
import { standardLogEi } from './log-ei.js';

export interface AcquisitionOptions {
  /** Quasi-random candidates scored before the local search. */
  readonly nCandidates: number;
  /** Best candidates refined by local search. */
  readonly nLocalSearch: number;
  /** Extra starting points of the local search (the incumbent), row-major. */
  readonly extraStarts?: Float64Array;
}

export interface AcquisitionResult {
  readonly point: Float64Array;
  readonly value: number;
}

/** log EI at one point and (optionally) its gradient over numeric coordinates. */
export class LogEiAcquisition {
  private readonly gm: Float64Array;
  private readonly gv: Float64Array;
  private readonly mean1 = new Float64Array(1);
  private readonly var1 = new Float64Array(1);

  constructor(
    readonly posterior: GpPosterior,
    /** Incumbent of the maximisation (largest standardised score). */
    readonly best: number,
  ) {
    this.gm = new Float64Array(posterior.data.d);
    this.gv = new Float64Array(posterior.data.d);
  }

  /** Values at `m` points (row-major) into `out`. */
  values(points: Float64Array, m: number, out: Float64Array): void {
    const mean = new Float64Array(m);
    const variance = new Float64Array(m);
    this.posterior.predict(points, m, mean, variance);
    for (let p = 0; p < m; p++) out[p] = this.fromMoments(mean[p], variance[p]);
  }

  /**
   * Values at `point` with categorical axis `axis` set to each of its `choices`, into `out`
   * by choice: for screening (see `predictAlongCategory`), not for the final pick.
   */
  valuesAlongCategory(point: Float64Array, axis: number, choices: number, out: Float64Array): void {
    const mean = new Float64Array(choices);
    const variance = new Float64Array(choices);
    predictAlongCategory(this.posterior, point, axis, choices, mean, variance);
    for (let c = 0; c < choices; c++) out[c] = this.fromMoments(mean[c], variance[c]);
  }

  value(point: Float64Array): number {
    this.posterior.predict(point, 1, this.mean1, this.var1);
    return this.fromMoments(this.mean1[0], this.var1[0]);
  }

  /** Value at `point`; writes d(log EI)/du into `grad`. */
  valueAndGradient(point: Float64Array, grad: Float64Array): number {
    const { gm, gv } = this;
    const { mean, variance } = this.posterior.predictWithGradient(point, gm, gv);
    const sigma = Math.sqrt(variance);
    const z = (mean - this.best) / sigma;
    const h = standardLogEi(z);
    // a = log σ + h(z): ∂a = h'(z)/σ · ∂μ + (1 - z·h'(z)) / (2σ²) · ∂σ².
    const cm = h.grad / sigma;
    const cv = (1 - z * h.grad) / (2 * variance);
    for (let k = 0; k < grad.length; k++) grad[k] = cm * gm[k] + cv * gv[k];
    return Math.log(sigma) + h.value;
  }

  private fromMoments(mean: number, variance: number): number {
    const sigma = Math.sqrt(variance);
    return Math.log(sigma) + standardLogEi((mean - this.best) / sigma).value;
  }
}

/** Maps a point of [0, 1)^D to the encoded space: snaps discrete axes, indexes categories. */
function toSearchPoint(axes: readonly SearchAxis[], raw: Float64Array, offset: number): void {
  axes.forEach((axis, k) => {
    const u = raw[offset + k];
    if (axis.kind === 'categorical')
      raw[offset + k] = Math.min(axis.choices - 1, Math.floor(u * axis.choices));
    else if (axis.kind === 'discrete') raw[offset + k] = axis.snap(u);
  });
}

/**
 * Local search from `start`: alternates bounded L-BFGS over the continuous (and relaxed
 * large discrete) axes, snapping, and exhaustive passes over categorical and small
 * discrete axes, until a sweep improves log EI by less than 1e-6. A categorical axis of more
 * than EXHAUSTIVE_GRID_LIMIT choices is screened in one O(n²) scan, and its best few
 * choices are then scored as the others.
 */
function localSearch(
  acq: LogEiAcquisition,
  axes: readonly SearchAxis[],
  start: Float64Array,
): AcquisitionResult {
  const dim = axes.length;
  const x = Float64Array.from(start);
  let fx = acq.value(x);
  const gradIdx = axes.flatMap((a, k) =>
    a.kind === 'continuous' || (a.kind === 'discrete' && a.grid === null) ? [k] : [],
  );
  const relaxed = gradIdx.filter((k) => axes[k].kind === 'discrete');
  const exhaustive = axes.flatMap((a, k) =>
    a.kind === 'categorical' || (a.kind === 'discrete' && a.grid !== null) ? [k] : [],
  );
  const full = new Float64Array(dim);
  const fullGrad = new Float64Array(dim);
  const lower = new Float64Array(gradIdx.length);
  const upper = new Float64Array(gradIdx.length).fill(1);

  for (let sweep = 0; sweep < 5; sweep++) {
    const before = fx;
    if (gradIdx.length > 0) {
      full.set(x);
      const negAcq = (sub: Float64Array, g: Float64Array | null): number => {
        gradIdx.forEach((k, i) => {
          full[k] = sub[i];
        });
        if (g === null) {
          const v = acq.value(full);
          return Number.isFinite(v) ? -v : Number.POSITIVE_INFINITY;
        }
        const v = acq.valueAndGradient(full, fullGrad);
        gradIdx.forEach((k, i) => {
          g[i] = -fullGrad[k];
        });
        return Number.isFinite(v) ? -v : Number.POSITIVE_INFINITY;
      };
      const res = minimizeLbfgs(
        negAcq,
        gradIdx.map((k) => x[k]),
        { lower, upper, maxIterations: 50, gradientTolerance: 1e-4, relativeTolerance: 1e-9 },
      );
      const trial = Float64Array.from(x);
      gradIdx.forEach((k, i) => {
        trial[k] = res.x[i];
      });
      for (const k of relaxed) trial[k] = axes[k].snap(trial[k]);
      const ft = relaxed.length > 0 ? acq.value(trial) : -res.value;
      if (ft > fx) {
        x.set(trial);
        fx = ft;
      }
    }
    for (const k of exhaustive) {
      const axis = axes[k];
      const values =
        axis.kind === 'categorical'
          ? axis.choices > EXHAUSTIVE_GRID_LIMIT
            ? screenChoices(acq, x, k, axis.choices)
            : Float64Array.from({ length: axis.choices }, (_, i) => i)
          : axis.grid!;
      // Every value of the axis in one batch: the posterior's blocked solves read the
      // factor once per block of points instead of once per point.
      const batch = new Float64Array(values.length * dim);
      for (let i = 0; i < values.length; i++) {
        batch.set(x, i * dim);
        batch[i * dim + k] = values[i];
      }
      const scores = new Float64Array(values.length);
      acq.values(batch, values.length, scores);
      // Batched scores differ from single-point ones by rounding, so values that tie exactly
      // (categories no trial holds share one kernel vector) must not win by 1e-15: a move
      // needs a gain above rounding, as it did when every score took the same path.
      const current = x[k];
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== current && scores[i] > fx + 1e-12 * Math.max(1, Math.abs(fx))) {
          fx = scores[i];
          x[k] = values[i];
        }
      }
    }
    if (!(fx - before > 1e-6)) break;
  }
  return { point: x, value: fx };
}

/** How many of a large categorical axis's best screened values are scored exactly. */
const CONFIRMED_CHOICES = 4;
/**
 * Screened values this close (relatively) to the last confirmed one are confirmed too, so that
 * choices tied but for rounding are all scored and the exact pass keeps the first, as when it
 * scored every choice. Far above the screen's rounding, which was measured at 1e-14 relative
 * and more only where EI is nil.
 */
const SCREEN_TIE = 1e-9;

/** What `screenChoices` needs of an acquisition. */
export interface CategoryScreen {
  valuesAlongCategory(point: Float64Array, axis: number, choices: number, out: Float64Array): void;
}

/**
 * The choices of categorical axis `k` worth scoring exactly at `x`, in index order: the
 * current choice left out, those whose screened value is among the `CONFIRMED_CHOICES` best
 * or within SCREEN_TIE of the last of them. Choices that screen exactly alike (those no trial
 * holds share one kernel vector) count once, by their lowest index: the exact pass would keep
 * the first of them anyway. NaN and -Infinity never enter, as they could never win a move.
 * Two passes over the choices, no sort: the axis may have many.
 */
export function screenChoices(
  acq: CategoryScreen,
  x: Float64Array,
  k: number,
  choices: number,
): Float64Array {
  const screened = new Float64Array(choices);
  acq.valuesAlongCategory(x, k, choices, screened);
  const eligible = (c: number): boolean => c !== x[k] && screened[c] > Number.NEGATIVE_INFINITY;
  // The best distinct values, best first.
  const best: number[] = [];
  for (let c = 0; c < choices; c++) {
    const v = screened[c];
    if (!eligible(c) || best.includes(v)) continue;
    if (best.length === CONFIRMED_CHOICES && !(v > best[best.length - 1])) continue;
    let at = best.length;
    while (at > 0 && v > best[at - 1]) at--;
    best.splice(at, 0, v);
    if (best.length > CONFIRMED_CHOICES) best.pop();
  }
  if (best.length === 0) return new Float64Array(0);
  const last = best[best.length - 1];
  const threshold = last - SCREEN_TIE * Math.max(1, Math.abs(last));
  const picks: number[] = [];
  const seen = new Set<number>();
  for (let c = 0; c < choices; c++) {
    const v = screened[c];
    if (!eligible(c) || v < threshold || seen.has(v)) continue;
    seen.add(v);
    picks.push(c);
  }
  return Float64Array.from(picks);
}

/**
 * Maximises the acquisition: scores `nCandidates` scrambled-Halton points (mapped onto
 * the discrete and categorical axes), then refines the best `nLocalSearch` distinct ones
 * and the extra starts by local search. Returns the best point found.
 */
export function optimizeAcquisition(
  acq: LogEiAcquisition,
  axes: readonly SearchAxis[],
  rng: Rng,
  options: AcquisitionOptions,
): AcquisitionResult {
  const dim = axes.length;
  const m = options.nCandidates;
  const candidates = new ScrambledHalton(dim, rng).sample(m);
  for (let p = 0; p < m; p++) toSearchPoint(axes, candidates, p * dim);
  const scores = new Float64Array(m);
  acq.values(candidates, m, scores);
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => scores[b] - scores[a] || a - b,
  );

  let best: AcquisitionResult = {
    point: candidates.slice(order[0] * dim, order[0] * dim + dim),
    value: scores[order[0]],
  };
  const starts: Float64Array[] = [];
  const seen = new Set<string>();
  for (const i of order) {
    if (starts.length >= options.nLocalSearch) break;
    const pt = candidates.slice(i * dim, i * dim + dim);
    const key = pt.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    starts.push(pt);
  }
  const extra = options.extraStarts;
  if (extra !== undefined)
    for (let o = 0; o + dim <= extra.length; o += dim) starts.push(extra.slice(o, o + dim));
  for (const start of starts) {
    const r = localSearch(acq, axes, start);
    if (r.value > best.value) best = r;
  }
  return best;
}
