import { InvalidArgumentError } from '@tunekit/core';
import {
  type Decomposition,
  decomposeDiagonal,
  decomposeSymmetric,
  fromUpperTriangle,
  upperTriangle,
} from './decomposition.js';
import { type FitnessHistory, stagnationEntries, tolFunGenerations } from './fitness-history.js';
import { packFloat64, unpackFloat64 } from './packed-floats.js';

/** The live search state of one CMA-ES run. */
export interface CmaState {
  readonly n: number;
  readonly popsize: number;
  readonly separable: boolean;
  mean: number[];
  sigma: number;
  readonly sigma0: number;
  /** Full covariance, row-major n x n; or its diagonal (n values) for sep-CMA. */
  C: number[];
  /** Upper triangle, row by row, of the symmetric matrix B and D come from (empty for sep-CMA). */
  eigenInput: number[];
  /** Eigenvectors (columns, row-major n x n; empty for sep-CMA) and sqrt eigenvalues of C. */
  B: number[];
  D: number[];
  pc: number[];
  ps: number[];
  /** CMA-ES with Margin: per-axis scale of the sampled deviation (1 on continuous axes). */
  A: number[];
  generation: number;
  eigenGeneration: number;
  /** What the tolfun and stagnation criteria read; null when the run keeps none. */
  history: FitnessHistory | null;
}

/**
 * The whole search state of one CMA-ES run as JSON (stored in trial system attrs once a
 * generation). Number arrays are packed with `packFloat64` (base64 of the float64 bytes,
 * lossless). Nothing derived is stored: B and D are recomputed on load from `eigenInput`,
 * which the same eigendecomposition turns into the same bits. (The lazy eigendecomposition
 * samples from a B and D up to a few generations older than C, so they cannot be recomputed
 * from C itself.)
 */
export type CmaStateJSON = {
  version: 2;
  n: number;
  popsize: number;
  separable: boolean;
  sigma: number;
  sigma0: number;
  generation: number;
  eigenGeneration: number;
  mean: string;
  pc: string;
  ps: string;
  A: string;
  /**
   * sep-CMA: the diagonal of C. Full CMA: the upper triangle of C, or null when C is the one
   * the decomposition of `eigenInput` gives back (it was decomposed this generation).
   */
  C: string | null;
  /** Full CMA: the upper triangle of the matrix B and D were computed from; null for sep-CMA. */
  eigenInput: string | null;
  /** The termination history, or null when the run keeps none (no IPOP restarts). */
  history: { stride: number; fun: string; best: string; median: string } | null;
};

export const CMA_STATE_VERSION = 2;

export function encodeState(s: CmaState): CmaStateJSON {
  const decomposedNow = s.generation === s.eigenGeneration;
  let C: string | null;
  if (s.separable) C = packFloat64(s.C);
  else C = decomposedNow ? null : packFloat64(upperTriangle(s.C, s.n));
  const h = s.history;
  return {
    version: CMA_STATE_VERSION,
    n: s.n,
    popsize: s.popsize,
    separable: s.separable,
    sigma: s.sigma,
    sigma0: s.sigma0,
    generation: s.generation,
    eigenGeneration: s.eigenGeneration,
    mean: packFloat64(s.mean),
    pc: packFloat64(s.pc),
    ps: packFloat64(s.ps),
    A: packFloat64(s.A),
    C,
    eigenInput: s.separable ? null : packFloat64(s.eigenInput),
    history:
      h === null
        ? null
        : {
            stride: h.stride,
            fun: packFloat64(h.fun),
            best: packFloat64(h.best),
            median: packFloat64(h.median),
          },
  };
}

/** The live state `encodeState` stored, with B and D recomputed; a clear error for anything else. */
export function decodeState(json: unknown): CmaState {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    fail('', json, 'must be an object written by CmaEs#toJSON()');
  const j = json as Record<string, unknown>;
  if (j.version !== CMA_STATE_VERSION) {
    fail(
      'version',
      j.version,
      `must be ${CMA_STATE_VERSION}, the CMA-ES state format this version of @tunekit/sampler-cmaes reads; ` +
        'continue the study with the version that wrote it, or start a new study',
    );
  }
  const n = integer(j, 'n', 1);
  const popsize = integer(j, 'popsize', 2);
  const generation = integer(j, 'generation', 0);
  const eigenGeneration = integer(j, 'eigenGeneration', 0);
  if (eigenGeneration > generation)
    fail('eigenGeneration', eigenGeneration, 'must be <= generation');
  if (typeof j.separable !== 'boolean') fail('separable', j.separable, 'must be a boolean');
  const separable = j.separable;
  const sigma = number(j, 'sigma');
  const sigma0 = number(j, 'sigma0');
  const triangle = (n * (n + 1)) / 2;

  let decomposition: Decomposition;
  let eigenInput: number[] = [];
  let C: number[];
  if (separable) {
    decomposition = decomposeDiagonal(floats(j.C, 'C', n));
    C = decomposition.C;
  } else {
    eigenInput = floats(j.eigenInput, 'eigenInput', triangle);
    decomposition = decomposeSymmetric(eigenInput, n);
    if (j.C === null) {
      if (generation !== eigenGeneration)
        fail('C', null, 'is needed when eigenGeneration < generation');
      C = decomposition.C;
    } else {
      C = fromUpperTriangle(floats(j.C, 'C', triangle), n);
    }
  }
  return {
    n,
    popsize,
    separable,
    mean: floats(j.mean, 'mean', n),
    sigma,
    sigma0,
    C,
    eigenInput,
    B: decomposition.B,
    D: decomposition.D,
    pc: floats(j.pc, 'pc', n),
    ps: floats(j.ps, 'ps', n),
    A: floats(j.A, 'A', n),
    generation,
    eigenGeneration,
    history: j.history === null ? null : decodeHistory(j.history, n, popsize),
  };
}

function decodeHistory(value: unknown, n: number, popsize: number): FitnessHistory {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('history', value, 'must be null or { stride, fun, best, median }');
  const h = value as Record<string, unknown>;
  const stride = h.stride;
  if (!(Number.isInteger(stride) && (stride as number) >= 1))
    fail('history.stride', stride, 'must be a positive integer');
  const fun = floats(h.fun, 'history.fun');
  const best = floats(h.best, 'history.best');
  const median = floats(h.median, 'history.median');
  if (fun.length % 2 !== 0 || fun.length > 2 * tolFunGenerations(n, popsize))
    fail(
      'history.fun',
      `${fun.length} numbers`,
      'must hold best and worst of at most 10 + ceil(30 n / popsize) generations',
    );
  if (best.length !== median.length || best.length > stagnationEntries(n, popsize))
    fail(
      'history.best',
      `${best.length} numbers`,
      `must match history.median (${median.length}) and hold at most 120 + ceil(30 n / popsize)`,
    );
  return { fun, best, median, stride: stride as number };
}

function floats(value: unknown, field: string, length?: number): number[] {
  const out = unpackFloat64(value);
  if (out === null) fail(field, value, 'must be float64 values packed by packFloat64 (base64)');
  if (length !== undefined && out.length !== length)
    fail(field, `${out.length} numbers`, `must hold ${length}`);
  return out;
}

function integer(j: Record<string, unknown>, field: string, min: number): number {
  const v = j[field];
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min))
    fail(field, v, `must be an integer >= ${min}`);
  return v;
}

function number(j: Record<string, unknown>, field: string): number {
  const v = j[field];
  if (typeof v !== 'number') fail(field, v, 'must be a number');
  return v;
}

function fail(field: string, value: unknown, rule: string): never {
  throw new InvalidArgumentError(field === '' ? 'state' : `state.${field}`, value, rule);
}
