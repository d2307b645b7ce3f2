import { checkOptionNames, InvalidArgumentError, type Rng } from '@tunekit/core';
import { checkSolutions } from './checks.js';
import { checkCreateOptions, checkRestoreOptions } from './cma-options.js';
import { type CmaState, type CmaStateJSON, decodeState, encodeState } from './cma-state.js';
import {
  type Decomposition,
  decomposeDiagonal,
  decomposeSymmetric,
  symmetrisedUpper,
} from './decomposition.js';
import {
  emptyFitnessHistory,
  recordGeneration,
  stagnates,
  tolFunHolds,
} from './fitness-history.js';
import { applyMargin, type DiscreteAxis } from './margin.js';
import {
  defaultPopsize,
  type StrategyParameters,
  strategyParameters,
} from './strategy-parameters.js';

export interface CmaEsOptions {
  readonly mean: ArrayLike<number>;
  readonly sigma: number;
  /** Initial covariance, row-major n x n (default identity). */
  readonly cov?: ArrayLike<number> | undefined;
  readonly popsize?: number | undefined;
  /** sep-CMA-ES: a diagonal covariance (Ros & Hansen 2008), linear cost in n. */
  readonly separable?: boolean | undefined;
  /** Per axis: its cells if it is discrete (margin), or null. */
  readonly discrete?: readonly (DiscreteAxis | null)[] | undefined;
  /** Margin alpha of CMA-ES with Margin (default 1 / (n popsize)); needs `discrete`. */
  readonly margin?: number | undefined;
  /** Keep samples inside [0, 1]^n by resampling, then clipping (default true). */
  readonly bounded?: boolean | undefined;
  /** Resampling attempts before clipping (default 10 n, as Optuna). */
  readonly maxResampling?: number | undefined;
  /**
   * Keep the fitness history the tolfun and stagnation criteria read (default true). Without it
   * `stopReason()` skips those two, and the stored state is smaller.
   */
  readonly history?: boolean | undefined;
}

/** Every option name of `CmaEs.create`: any other is refused (`checkOptionNames`). */
const CREATE_OPTION_NAMES = [
  'mean',
  'sigma',
  'cov',
  'popsize',
  'separable',
  'discrete',
  'margin',
  'bounded',
  'maxResampling',
  'history',
] as const satisfies readonly (keyof CmaEsOptions)[];

/** What `CmaEs.fromJSON` takes besides the state: settings that are not part of it. */
export type CmaEsRestoreOptions = Pick<
  CmaEsOptions,
  'discrete' | 'margin' | 'bounded' | 'maxResampling' | 'history'
>;

export interface CmaSample {
  /** What `tell` learns from: the sample of N(m, sigma^2 C). */
  readonly x: Float64Array;
  /** The point to evaluate: x with the margin's scaling of discrete axes, inside the bounds. */
  readonly point: Float64Array;
}

/** Which termination criterion (Hansen's tutorial, appendix B.3) fired, or null. */
export type StopReason =
  | 'tolfun'
  | 'tolx'
  | 'tolxup'
  | 'noeffectaxis'
  | 'noeffectcoord'
  | 'conditioncov'
  | 'stagnation'
  | null;

const EPS = 1e-30;

/**
 * The (mu/mu_w, lambda)-CMA-ES of Hansen's tutorial with active covariance update, lazy
 * eigendecomposition, box handling on the unit cube by resampling then repair, optional
 * sep-CMA and optional margin for discrete axes (Hamano et al. 2022). Synchronous ask/tell;
 * the state round-trips losslessly through `toJSON` / `fromJSON` (a restored run continues
 * bit for bit as the original would).
 */
export class CmaEs {
  readonly n: number;
  readonly params: StrategyParameters;
  readonly separable: boolean;
  readonly discrete: readonly (DiscreteAxis | null)[];
  readonly margin: number;
  readonly bounded: boolean;
  readonly maxResampling: number;
  private s: CmaState;

  private constructor(state: CmaState, options: CmaEsRestoreOptions) {
    this.s = state;
    this.n = state.n;
    this.separable = state.separable;
    this.params = strategyParameters(state.n, state.popsize, state.separable);
    this.discrete = options.discrete ?? Array.from({ length: state.n }, () => null);
    this.margin = options.margin ?? 1 / (state.n * state.popsize);
    this.bounded = options.bounded ?? true;
    this.maxResampling = options.maxResampling ?? 10 * state.n;
  }

  /** Throws InvalidArgumentError for an option it cannot start from, naming it. */
  static create(given: CmaEsOptions): CmaEs {
    // null from JavaScript callers reads as no options, as in the pruners: the error then names
    // the missing mean, not a property of null.
    const options: Partial<CmaEsOptions> = given ?? {};
    checkOptionNames(options, CREATE_OPTION_NAMES, 'CmaEs.create');
    checkCreateOptions(options);
    const n = options.mean.length;
    const separable = options.separable ?? false;
    const popsize = options.popsize ?? defaultPopsize(n);
    let C: number[];
    if (options.cov !== undefined) {
      const cov = Array.from(options.cov);
      C = separable ? Array.from({ length: n }, (_, i) => cov[i * n + i]) : cov;
    } else {
      C = separable ? new Array(n).fill(1) : identity(n);
    }
    const state: CmaState = {
      n,
      popsize,
      separable,
      mean: Array.from(options.mean),
      sigma: options.sigma,
      sigma0: options.sigma,
      C,
      eigenInput: [],
      B: [],
      D: [],
      pc: new Array(n).fill(0),
      ps: new Array(n).fill(0),
      A: new Array(n).fill(1),
      generation: 0,
      eigenGeneration: 0,
      history: (options.history ?? true) ? emptyFitnessHistory() : null,
    };
    const cma = new CmaEs(state, options);
    cma.decompose();
    return cma;
  }

  /**
   * The run `toJSON` stored. `history` (default: as stored) drops the fitness history, or
   * starts an empty one if the state has none. Throws InvalidArgumentError for a state of
   * another format version or a malformed one.
   */
  static fromJSON(state: CmaStateJSON, given: CmaEsRestoreOptions = {}): CmaEs {
    // null from JavaScript callers reads as no options, as in `create`.
    const options: CmaEsRestoreOptions = given ?? {};
    const s = decodeState(state);
    checkRestoreOptions(options, s.n);
    if (options.history === false) s.history = null;
    else if (options.history === true && s.history === null) s.history = emptyFitnessHistory();
    return new CmaEs(s, options);
  }

  toJSON(): CmaStateJSON {
    return encodeState(this.s);
  }

  get generation(): number {
    return this.s.generation;
  }
  get popsize(): number {
    return this.s.popsize;
  }
  get sigma(): number {
    return this.s.sigma;
  }
  get mean(): readonly number[] {
    return this.s.mean;
  }
  /** Per-axis margin scale A (1 on continuous axes). */
  get marginScale(): readonly number[] {
    return this.s.A;
  }
  /** Diagonal of the covariance matrix C. */
  get covDiagonal(): number[] {
    const { n, C } = this.s;
    return this.separable ? [...C] : Array.from({ length: n }, (_, i) => C[i * n + i]);
  }

  /** One candidate: resampled until it lies in [0, 1]^n (after the margin scaling), else clipped. */
  ask(rng: Rng): CmaSample {
    let x = this.sampleRaw(rng);
    let point = this.toPoint(x);
    for (
      let attempt = 1;
      this.bounded && !inUnitCube(point) && attempt < this.maxResampling;
      attempt++
    ) {
      x = this.sampleRaw(rng);
      point = this.toPoint(x);
    }
    if (this.bounded && !inUnitCube(point)) {
      x = x.map(clip01);
      point = this.toPoint(x).map(clip01);
    }
    return { x, point };
  }

  /**
   * Updates the distribution from one generation: `popsize` (x, value) pairs, to minimise.
   * Throws InvalidArgumentError, before anything changes, for a wrong count, an x that is not
   * n finite numbers or a NaN value; +-Infinity values are ranked like any other.
   */
  tell(solutions: readonly { readonly x: ArrayLike<number>; readonly value: number }[]): void {
    const { n, popsize, weights, muEff, cSigma, dSigma, cc, c1, cMu, cm, chiN } = this.params;
    if (!Array.isArray(solutions) || solutions.length !== popsize) {
      throw new InvalidArgumentError(
        'solutions',
        Array.isArray(solutions) ? `${solutions.length} solutions` : solutions,
        `tell() needs ${popsize} solutions (popsize), one per sample of the generation`,
      );
    }
    // Once per generation, O(popsize n) like the update itself. Unchecked, a short or NaN x
    // made a NaN covariance that failed inside ml-matrix with a bare TypeError.
    checkSolutions(solutions, n, 'the dimension');
    const s = this.s;
    const order = solutions
      .map((_, i) => i)
      .sort((a, b) => cmp(solutions[a].value, solutions[b].value) || a - b);
    const values = order.map((i) => solutions[i].value);
    // y_i = (x_i - m) / sigma, best first.
    const ys = order.map((i) =>
      Float64Array.from({ length: n }, (_, j) => (solutions[i].x[j] - s.mean[j]) / s.sigma),
    );

    const yw = new Float64Array(n);
    for (let i = 0; i < popsize; i++) {
      if (weights[i] <= 0) break;
      for (let j = 0; j < n; j++) yw[j] += weights[i] * ys[i][j];
    }
    for (let j = 0; j < n; j++) s.mean[j] += cm * s.sigma * yw[j];

    // Evolution paths, with C^{-1/2} from the (possibly lazily updated) eigendecomposition.
    const invSqrtYw = this.invSqrtC(yw);
    const csn = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    for (let j = 0; j < n; j++) s.ps[j] = (1 - cSigma) * s.ps[j] + csn * invSqrtYw[j];
    const psNorm = norm(s.ps);
    const hSigma =
      psNorm / Math.sqrt(1 - (1 - cSigma) ** (2 * (s.generation + 1))) < (1.4 + 2 / (n + 1)) * chiN
        ? 1
        : 0;
    const ccn = Math.sqrt(cc * (2 - cc) * muEff);
    for (let j = 0; j < n; j++) s.pc[j] = (1 - cc) * s.pc[j] + hSigma * ccn * yw[j];

    // Rank-mu weights: negative weights rescaled by n / ||C^{-1/2} y_i||^2 (tutorial eq. 46).
    const wo = Array.from(weights, (w, i) => {
      if (w >= 0) return w;
      const q = norm(this.invSqrtC(ys[i])) ** 2;
      return (w * n) / Math.max(q, EPS);
    });
    let sumW = 0;
    for (const w of weights) sumW += w;
    const deltaH = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + c1 * deltaH - c1 - cMu * sumW;
    if (this.separable) {
      for (let j = 0; j < n; j++) {
        let rankMu = 0;
        for (let i = 0; i < popsize; i++) rankMu += wo[i] * ys[i][j] * ys[i][j];
        s.C[j] = decay * s.C[j] + c1 * s.pc[j] * s.pc[j] + cMu * rankMu;
      }
    } else {
      for (let a = 0; a < n; a++) {
        for (let b = a; b < n; b++) {
          let rankMu = 0;
          for (let i = 0; i < popsize; i++) if (wo[i] !== 0) rankMu += wo[i] * ys[i][a] * ys[i][b];
          const v = decay * s.C[a * n + b] + c1 * s.pc[a] * s.pc[b] + cMu * rankMu;
          s.C[a * n + b] = v;
          s.C[b * n + a] = v;
        }
      }
    }
    // The exponent is capped at 1 (as pycma does) so one wild generation cannot blow sigma up.
    s.sigma *= Math.exp(Math.min(1, (cSigma / dSigma) * (psNorm / chiN - 1)));
    s.generation += 1;

    if (s.history !== null) recordGeneration(s.history, s.generation, values, n, popsize);
    // Hansen's lazy eigendecomposition: the tutorial's interval is lambda / ((c1 + cMu) n 10)
    // *evaluations*, that is 1 / ((c1 + cMu) n 10) generations, under one generation below
    // n = 80 or so. A C older than that makes the active (negative) weights, which use
    // C^-1/2, push C out of positive definiteness. The margin sets P(leave a cell) from the
    // current C, so with discrete axes B and D must be current or the guarantee fails by the
    // drift (20-30 %).
    const withMargin = this.discrete.some((d) => d !== null);
    const gap = 1 / ((c1 + cMu) * n * 10);
    if (this.separable || withMargin || s.generation - s.eigenGeneration > gap) this.decompose();
    if (withMargin) {
      applyMargin(s.mean, s.A, s.sigma, this.covDiagonal, this.discrete, this.margin);
    }
  }

  /**
   * The first termination criterion that holds (the criteria IPOP restarts on), or null.
   * tolfun and stagnation need the fitness history, so they are skipped without it.
   */
  stopReason(): StopReason {
    const s = this.s;
    const { n, popsize } = this.params;
    const diag = this.covDiagonal;
    if (s.history !== null && tolFunHolds(s.history, s.generation, n, popsize)) return 'tolfun';
    const tolX = 1e-12 * s.sigma0;
    if (diag.every((c, j) => s.sigma * Math.sqrt(c) < tolX && s.sigma * Math.abs(s.pc[j]) < tolX))
      return 'tolx';
    const dMax = Math.max(...s.D);
    const dMin = Math.min(...s.D);
    if (s.sigma * dMax > 1e4) return 'tolxup';
    // NoEffectAxis: a 0.1-sigma step along principal axis (g mod n) does not move the mean.
    const axis = s.generation % n;
    let noEffectAxis = true;
    for (let j = 0; j < n && noEffectAxis; j++) {
      const bj = this.separable ? (j === axis ? 1 : 0) : s.B[j * n + axis];
      if (s.mean[j] + 0.1 * s.sigma * s.D[axis] * bj !== s.mean[j]) noEffectAxis = false;
    }
    if (noEffectAxis) return 'noeffectaxis';
    if (diag.some((c, j) => s.mean[j] + 0.2 * s.sigma * Math.sqrt(c) === s.mean[j]))
      return 'noeffectcoord';
    if ((dMax / Math.max(dMin, EPS)) ** 2 > 1e14) return 'conditioncov';
    if (s.history !== null && stagnates(s.history, s.generation, n, popsize)) return 'stagnation';
    return null;
  }

  shouldStop(): boolean {
    return this.stopReason() !== null;
  }

  private sampleRaw(rng: Rng): Float64Array {
    const { n, B, D, mean, sigma } = this.s;
    const z = Float64Array.from({ length: n }, () => rng.normal());
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let y = 0;
      if (this.separable) y = D[i] * z[i];
      else for (let k = 0; k < n; k++) y += B[i * n + k] * D[k] * z[k];
      x[i] = mean[i] + sigma * y;
    }
    return x;
  }

  private toPoint(x: Float64Array): Float64Array {
    const { mean, A } = this.s;
    return x.map((v, j) => (this.discrete[j] === null ? v : mean[j] + A[j] * (v - mean[j])));
  }

  /** The point a sample `x` of the current generation is evaluated at (as `ask` gives it). */
  pointOf(x: ArrayLike<number>): Float64Array {
    const p = this.toPoint(Float64Array.from(x));
    return this.bounded ? p.map(clip01) : p;
  }

  /**
   * A sample of the current generation that `pointOf` takes to `point`: the margin scales a
   * discrete axis about the mean by A, so the update must see (point - mean) / A there, not the
   * point itself, which would be an outlier A times too far out.
   */
  sampleAt(point: ArrayLike<number>): Float64Array {
    const { mean, A } = this.s;
    return Float64Array.from(point, (v, j) =>
      this.discrete[j] === null ? v : mean[j] + (v - mean[j]) / A[j],
    );
  }

  /** C^{-1/2} v = B D^{-1} B^T v. */
  private invSqrtC(v: ArrayLike<number>): Float64Array {
    const { n, B, D } = this.s;
    const out = new Float64Array(n);
    if (this.separable) {
      for (let j = 0; j < n; j++) out[j] = v[j] / D[j];
      return out;
    }
    const t = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += B[i * n + k] * v[i];
      t[k] = acc / D[k];
    }
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += B[i * n + k] * t[k];
      out[i] = acc;
    }
    return out;
  }

  /** Recomputes B and D from C; eigenvalues that rounding made non-positive are lifted. */
  private decompose(): void {
    const s = this.s;
    s.eigenGeneration = s.generation;
    let d: Decomposition;
    if (this.separable) {
      d = decomposeDiagonal(s.C);
    } else {
      s.eigenInput = symmetrisedUpper(s.C, s.n);
      d = decomposeSymmetric(s.eigenInput, s.n);
    }
    s.B = d.B;
    s.D = d.D;
    s.C = d.C;
  }
}

function identity(n: number): number[] {
  const out = new Array(n * n).fill(0);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

function norm(v: ArrayLike<number>): number {
  let acc = 0;
  for (let i = 0; i < v.length; i++) acc += v[i] * v[i];
  return Math.sqrt(acc);
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clip01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function inUnitCube(p: Float64Array): boolean {
  for (const v of p) if (!(v >= 0 && v <= 1)) return false;
  return true;
}
