/**
 * The fitness history that the tolfun and stagnation termination criteria read (the criteria
 * IPOP restarts on), kept to a size that depends on n and lambda but not on the generation
 * count, because the history is part of the state stored in the study every generation.
 *
 * Definitions, and what each needs:
 * - TolFun (Hansen, "The CMA Evolution Strategy: A Tutorial", appendix B.3): the range of the
 *   best values of the last 10 + ceil(30 n / lambda) generations and of all values of the
 *   current one is below 1e-12. Like the `cmaes` library Optuna uses (`_funhist_values`, the
 *   best and the worst value of each of those generations), we keep best and worst of each:
 *   2 (10 + ceil(30 n / lambda)) numbers.
 * - Stagnation (tutorial B.3): the best and the median value of every generation over "the
 *   last 20% but at least 120 + 30 n / lambda and no more than 20 000 iterations"; stop when,
 *   in both, the median of the newest 30% is not better than the median of the oldest 30%.
 *   The window grows with the generation count, so no fixed buffer holds it whole. pycma
 *   (cma/evolution_strategy.py, r4.4.0: `CMAEvolutionStrategy.tell` records `fit.histbest` /
 *   `fit.histmedian` only every 5th iteration, "20 percent of 1e5 gen.", at most 2e4 entries;
 *   `_CMAStopDict._update` compares the newest l against the previous l entries, with l the
 *   larger of tolstagnation / 10 and a tenth of the history, tolstagnation defaulting to
 *   int(100 + 100 N**1.5 / popsize)) shows the criterion works on a subsampled history. We keep
 *   the tutorial's window but subsample it as it grows: one entry every `stride` generations,
 *   `stride` doubling (every other entry dropped) whenever the window would need more than
 *   120 + ceil(30 n / lambda) entries. Up to 5 (120 + ceil(30 n / lambda)) generations the
 *   stride is 1 and the test is exactly the tutorial's.
 */
export interface FitnessHistory {
  /** Best and worst value of each of the last `tolFunGenerations` generations, interleaved. */
  fun: number[];
  /** Best value of every `stride`-th generation inside the stagnation window, oldest first. */
  best: number[];
  /** Median value of the same generations. */
  median: number[];
  /** Generations between two entries of `best` / `median` (a power of 2). */
  stride: number;
}

/** The tutorial's cap on the stagnation window, in generations. */
const MAX_STAGNATION_WINDOW = 20_000;
const TOL_FUN = 1e-12;

export function emptyFitnessHistory(): FitnessHistory {
  return { fun: [], best: [], median: [], stride: 1 };
}

/** 10 + ceil(30 n / lambda): the generations TolFun looks back over. */
export function tolFunGenerations(n: number, popsize: number): number {
  return 10 + Math.ceil((30 * n) / popsize);
}

/** 120 + ceil(30 n / lambda): the shortest stagnation window, and the most entries kept of it. */
export function stagnationEntries(n: number, popsize: number): number {
  return 120 + Math.ceil((30 * n) / popsize);
}

/** The stagnation window after `generation` generations: 20%, within [120 + 30 n / lambda, 20 000]. */
export function stagnationWindow(generation: number, n: number, popsize: number): number {
  return Math.min(
    MAX_STAGNATION_WINDOW,
    Math.max(Math.ceil(0.2 * generation), stagnationEntries(n, popsize)),
  );
}

/** Adds generation `generation` (counted from 1), whose values are `sorted` ascending. */
export function recordGeneration(
  h: FitnessHistory,
  generation: number,
  sorted: readonly number[],
  n: number,
  popsize: number,
): void {
  const best = finite(sorted[0]);
  const funLength = 2 * tolFunGenerations(n, popsize);
  h.fun.push(best, finite(sorted[sorted.length - 1]));
  if (h.fun.length > funLength) h.fun.splice(0, h.fun.length - funLength);

  if (generation % h.stride === 0) {
    h.best.push(best);
    h.median.push(finite(median(sorted)));
  }
  // Entry i (oldest first) belongs to generation newest - (length - 1 - i) stride.
  let newest = generation - (generation % h.stride);
  const start = generation - stagnationWindow(generation, n, popsize);
  let stale = 0;
  while (stale < h.best.length && newest - (h.best.length - 1 - stale) * h.stride <= start) stale++;
  h.best.splice(0, stale);
  h.median.splice(0, stale);

  const cap = stagnationEntries(n, popsize);
  while (h.best.length > cap) {
    const { length } = h.best;
    const { stride } = h;
    const keep = (_: number, i: number): boolean =>
      (newest - (length - 1 - i) * stride) % (2 * stride) === 0;
    h.best = h.best.filter(keep);
    h.median = h.median.filter(keep);
    h.stride *= 2;
    newest = generation - (generation % h.stride);
  }
}

/** TolFun: the best and worst values of the last 10 + ceil(30 n / lambda) generations lie within 1e-12. */
export function tolFunHolds(
  h: FitnessHistory,
  generation: number,
  n: number,
  popsize: number,
): boolean {
  const term = tolFunGenerations(n, popsize);
  if (generation <= term || h.fun.length < 2 * term) return false;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of h.fun) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo < TOL_FUN;
}

/** Stagnation: in both histories, the newest 30% of the window is not better than the oldest 30%. */
export function stagnates(
  h: FitnessHistory,
  generation: number,
  n: number,
  popsize: number,
): boolean {
  if (generation < stagnationWindow(generation, n, popsize) || h.best.length === 0) return false;
  const k = Math.ceil(0.3 * h.best.length);
  const stale = (values: readonly number[]): boolean =>
    median(values.slice(values.length - k)) >= median(values.slice(0, k));
  return stale(h.best) && stale(h.median);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Infinite values would make every range infinite (and stay in the history for good). */
function finite(v: number): number {
  return Number.isFinite(v) ? v : v > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}
