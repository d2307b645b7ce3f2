import {
  checkOptionNames,
  countFinishedBefore,
  createRng,
  type FrozenTrial,
  IndependentDelegate,
  InvalidArgumentError,
  type JsonValue,
  type Rng,
  type Sampler,
  type StudyView,
  type TrialState,
} from '@tunekit/core';
import {
  type Distribution,
  distributionsEqual,
  fromUnit,
  isSingle,
  toUnit,
} from '@tunekit/search-space';
import { CmaEs } from './cma.js';
import { checkBoolean } from './cma-options.js';
import type { CmaStateJSON } from './cma-state.js';
import { discreteAxisOf } from './discrete-axis.js';
import type { DiscreteAxis } from './margin.js';
import { type RunKeys, type StoredState, StudyScan } from './study-scan.js';
import { minSourceSolutions, warmStartDistribution } from './warm-start.js';

type NumericDistribution = Exclude<Distribution, { type: 'categorical' }>;

export interface CmaEsSamplerOptions {
  readonly seed?: number | undefined;
  /** Initial mean, in parameter values (missing names start at the centre of their axis). */
  readonly x0?: Readonly<Record<string, number>> | undefined;
  /** Initial step size as a fraction of every (unit-cube) axis; default 1/6. */
  readonly sigma0?: number | undefined;
  /** Trials sampled by the independent sampler before CMA-ES starts (default 0). */
  readonly nStartupTrials?: number | undefined;
  /** 'ipop': restart with a larger population when a termination criterion holds. */
  readonly restartStrategy?: 'ipop' | undefined;
  /** Population growth factor of IPOP restarts (default 2). */
  readonly incPopsize?: number | undefined;
  /** Initial population size (default 4 + floor(3 ln n)). */
  readonly popsize?: number | undefined;
  /** sep-CMA-ES: diagonal covariance, for many parameters or (nearly) separable problems. */
  readonly separable?: boolean | undefined;
  /** CMA-ES with Margin on int and stepped float axes (default true; no effect without them). */
  readonly withMargin?: boolean | undefined;
  /** Warm start (WS-CMA-ES): finished trials of a similar study to take the initial distribution from. */
  readonly sourceTrials?: readonly FrozenTrial[] | undefined;
  /** Samples what CMA-ES does not: categoricals, parameters outside the relative space, startup trials. */
  readonly independentSampler?: Sampler | undefined;
  /** Warn once per parameter sampled independently while CMA-ES runs (default true). */
  readonly warnIndependentSampling?: boolean | undefined;
  /** Also learn from pruned trials, valued at their last intermediate value (default false). */
  readonly considerPrunedTrials?: boolean | undefined;
}

/** Every option's name: any other is refused (`checkOptionNames`). */
const OPTION_NAMES = [
  'seed',
  'x0',
  'sigma0',
  'nStartupTrials',
  'restartStrategy',
  'incPopsize',
  'popsize',
  'separable',
  'withMargin',
  'sourceTrials',
  'independentSampler',
  'warnIndependentSampling',
  'considerPrunedTrials',
] as const satisfies readonly (keyof CmaEsSamplerOptions)[];

interface AttrKeys extends RunKeys {
  readonly x: string;
}

/**
 * A CmaEs this sampler built or updated, kept for the next trials: decoding a stored state
 * redoes the O(n^3) eigendecomposition. `json` is a state whose decoding (with the restore
 * options of `space`) is exactly this instance; `seen` the stored object last found equal
 * to it, which is then not compared again.
 */
interface KeptCma {
  readonly json: CmaStateJSON;
  seen: CmaStateJSON;
  readonly space: string;
  readonly cma: CmaEs;
}

const DEFAULT_SIGMA0 = 1 / 6;

/**
 * CMA-ES as a tunekit sampler (Optuna's CmaEsSampler): jointly samples the numeric
 * parameters every finished trial shares, on the unit cube (log axes in log space), one
 * generation of `popsize` trials at a time. The distribution lives in the study itself: the
 * trial whose sampling completed a generation stores the updated state in its system
 * attributes, and every trial records its restart and generation, so any worker, or a
 * resumed study, continues from the stored state.
 */
export class CmaEsSampler implements Sampler {
  readonly name: string = 'CmaEsSampler';
  private readonly rng: Rng;
  private readonly x0: Readonly<Record<string, number>> | undefined;
  private readonly sigma0: number | undefined;
  private readonly nStartupTrials: number;
  private readonly restartStrategy: 'ipop' | undefined;
  private readonly incPopsize: number;
  private readonly popsize: number | undefined;
  private readonly separable: boolean;
  private readonly withMargin: boolean;
  private readonly sourceTrials: readonly FrozenTrial[] | undefined;
  private readonly independent: IndependentDelegate;
  private readonly warnIndependent: boolean;
  private readonly considerPruned: boolean;
  private readonly warned = new Set<string>();
  private readonly scan: StudyScan;
  /** The last state restored or made by `tell` (see KeptCma). */
  private kept: KeptCma | undefined;
  /** The generation-0 instance (before any state is stored), by direction and space. */
  private initial: { readonly key: string; readonly cma: CmaEs } | undefined;

  constructor(options: CmaEsSamplerOptions = {}) {
    // From JavaScript, null reads as no options, as the pruners' constructors read it.
    const o: CmaEsSamplerOptions = options ?? {};
    checkOptionNames(o, OPTION_NAMES, 'CmaEsSampler');
    if (o.sigma0 !== undefined && !(Number.isFinite(o.sigma0) && o.sigma0 > 0)) {
      throw new InvalidArgumentError(
        'sigma0',
        o.sigma0,
        'must be a positive finite number (a fraction of each axis)',
      );
    }
    if (
      o.nStartupTrials !== undefined &&
      !(Number.isInteger(o.nStartupTrials) && o.nStartupTrials >= 0)
    ) {
      throw new InvalidArgumentError(
        'nStartupTrials',
        o.nStartupTrials,
        'must be a non-negative integer',
      );
    }
    if (o.popsize !== undefined && !(Number.isInteger(o.popsize) && o.popsize >= 2)) {
      throw new InvalidArgumentError('popsize', o.popsize, 'must be an integer >= 2');
    }
    if (o.incPopsize !== undefined && !(Number.isFinite(o.incPopsize) && o.incPopsize >= 1)) {
      throw new InvalidArgumentError('incPopsize', o.incPopsize, 'must be a number >= 1');
    }
    if (o.restartStrategy !== undefined && o.restartStrategy !== 'ipop') {
      throw new InvalidArgumentError(
        'restartStrategy',
        o.restartStrategy,
        "must be 'ipop' or undefined",
      );
    }
    if (o.x0 !== undefined) checkX0(o.x0);
    if (o.sourceTrials !== undefined && !Array.isArray(o.sourceTrials)) {
      throw new InvalidArgumentError(
        'sourceTrials',
        o.sourceTrials,
        'must be an array of finished trials (FrozenTrial)',
      );
    }
    if (o.sourceTrials !== undefined && (o.x0 !== undefined || o.sigma0 !== undefined)) {
      throw new InvalidArgumentError(
        'sourceTrials',
        `${o.sourceTrials.length} trials`,
        'cannot be combined with x0 or sigma0: the warm start sets both',
      );
    }
    if (o.seed !== undefined && !Number.isFinite(o.seed)) {
      throw new InvalidArgumentError('seed', o.seed, 'must be a finite number');
    }
    for (const name of [
      'separable',
      'withMargin',
      'considerPrunedTrials',
      'warnIndependentSampling',
    ] as const) {
      checkBoolean(name, o[name]);
    }
    if (o.sourceTrials !== undefined) {
      const usable = o.sourceTrials.filter((t) =>
        isSourceSolution(t, o.considerPrunedTrials ?? false),
      ).length;
      if (usable < minSourceSolutions()) {
        throw new InvalidArgumentError(
          'sourceTrials',
          `${o.sourceTrials.length} trials, ${usable} finished with a value`,
          `a warm start needs at least ${minSourceSolutions()} finished trials with a value (the best 10% set the initial distribution)`,
        );
      }
    }
    this.rng = createRng(o.seed);
    // Copied: the first generation (and its warm start) is built once and kept, so a caller's
    // later change to these must not reach some trials and not others.
    this.x0 = o.x0 === undefined ? undefined : Object.freeze({ ...o.x0 });
    this.sigma0 = o.sigma0;
    this.nStartupTrials = o.nStartupTrials ?? 0;
    this.restartStrategy = o.restartStrategy;
    this.incPopsize = o.incPopsize ?? 2;
    this.popsize = o.popsize;
    this.separable = o.separable ?? false;
    this.withMargin = o.withMargin ?? true;
    this.sourceTrials =
      o.sourceTrials === undefined ? undefined : Object.freeze([...o.sourceTrials]);
    this.independent = new IndependentDelegate(o.independentSampler);
    this.warnIndependent = o.warnIndependentSampling ?? true;
    this.considerPruned = o.considerPrunedTrials ?? false;
    this.scan = new StudyScan(
      this.separable ? [this.attrKeys(false)] : [this.attrKeys(false), this.attrKeys(true)],
      this.considerPruned,
    );
  }

  /** The numeric, non-single parameters that every complete trial has with the same distribution, sorted by name. */
  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    checkSingleObjective(study);
    const common = this.scan.read(study).common;
    const space: Record<string, Distribution> = {};
    if (common === null) return space;
    for (const name of [...common.keys()].sort()) {
      const d = common.get(name) as Distribution;
      if (d.type !== 'categorical' && !isSingle(d)) space[name] = d;
    }
    return space;
  }

  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    space: Record<string, Distribution>,
  ): Record<string, unknown> {
    checkSingleObjective(study);
    const names = Object.keys(space);
    if (names.length === 0) return {};
    const scan = this.scan.read(study);
    if (scan.finishedCount < this.nStartupTrials) return {};

    const dists = names.map((n) => space[n] as NumericDistribution);
    const axes = dists.map((d) => (this.withMargin ? discreteAxisOf(d) : null));
    const margin = axes.some((a) => a !== null);
    const keys = this.attrKeys(margin);
    const stored = scan.state(keys.state);
    // The prefix follows the space (cmawm: while a discrete axis is in it), so a space that
    // lost its last discrete axis finds its run under the other prefix, with other names. The
    // same names there are a run with the margin switched, which goes on side by side.
    const earlier = stored ?? (this.separable ? null : scan.state(this.attrKeys(!margin).state));
    if (
      earlier !== null &&
      (earlier.names.length !== names.length || earlier.names.some((n, i) => n !== names[i]))
    ) {
      this.warnOnce(
        `space:${names.join(',')}`,
        `CmaEsSampler: the search space changed (${earlier.names.join(', ')} -> ${names.join(', ')}); ` +
          'CMA-ES does not support a dynamic search space, so these parameters are sampled independently.',
      );
      return {};
    }
    const spaceKey = spaceKeyOf(names, dists);
    let restart = 0;
    let cma: CmaEs;
    if (stored === null) {
      cma = this.initialCma(study, names, dists, axes, spaceKey);
    } else {
      restart = stored.restart;
      cma = this.restoredCma(stored.cma, axes, spaceKey);
    }

    const generation = cma.generation;
    // A pruned trial may hold a parameter under another distribution, and an enqueued value
    // may lie outside a log axis's domain: neither has a point on this space's unit cube.
    const members = scan
      .members(keys, restart, generation)
      .filter((s) => unitPoint(s.trial, names, dists) !== null);
    const own: Record<string, JsonValue> = {};
    if (members.length >= cma.popsize) {
      // tell() changes the instance: it no longer is the state it was kept for.
      this.forget(cma);
      cma.tell(
        members
          .slice(0, cma.popsize)
          .map((s) => ({ x: this.xForTell(s.trial, cma, names, dists, keys), value: s.value })),
      );
      if (this.restartStrategy === 'ipop' && cma.shouldStop()) {
        restart += 1;
        const popsize = Math.round(cma.popsize * this.incPopsize);
        cma = this.initialise(study, names, dists, axes, popsize, restart);
      }
      const state: StoredState = { restart, names, cma: cma.toJSON() };
      own[keys.state] = state;
      this.kept = { json: state.cma, seen: state.cma, space: spaceKey, cma };
    }

    // ask() reads the instance and draws from the trial's own generator: a kept instance is
    // left as it was.
    const { x, point } = cma.ask(this.rng.fork(`trial:${trial.number}`));
    own[keys.restart] = restart;
    own[keys.generation] = cma.generation;
    // A plain array, as every version stores it: a packed one would be misread by earlier ones
    // sharing the study.
    own[keys.x] = Array.from(x);
    this.independent.hold(trial, own);
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => {
      out[name] = fromUnit(dists[i], point[i]);
    });
    return out;
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    dist: Distribution,
  ): unknown {
    // Only once CMA-ES runs: a trial started before is sampled independently anyway.
    if (
      this.warnIndependent &&
      !this.warned.has(`param:${name}`) &&
      countFinishedBefore(this.scan.read(study).finishedTrials(), trial) >=
        Math.max(1, this.nStartupTrials)
    ) {
      this.warnOnce(
        `param:${name}`,
        `CmaEsSampler: parameter "${name}" is sampled by the independent sampler, not by CMA-ES ` +
          `(${dist.type === 'categorical' ? 'CMA-ES does not handle categorical parameters' : 'it is not in every finished trial'}); ` +
          'set warnIndependentSampling: false if this is intended.',
      );
    }
    return this.independent.sample(study, trial, name, dist, () =>
      fromUnit(dist, this.rng.fork(`independent:${trial.number}:${name}`).random()),
    );
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    // Here, not only in sampleRelative: the runtime skips that while the space is empty, so
    // a multi-objective study would otherwise store a first trial before failing.
    checkSingleObjective(study);
    this.independent.beforeTrial(study, trial);
  }

  afterTrial(study: StudyView, trial: FrozenTrial, state: TrialState, values?: number[]): void {
    this.independent.afterTrial(study, trial, state, values);
  }

  /** The CMA-ES state of the trial's generation, with the independent sampler's attributes. */
  takeSystemAttrs(trial: FrozenTrial): Record<string, JsonValue> | undefined {
    return this.independent.takeSystemAttrs(trial);
  }

  /**
   * The generation-0 instance: the same for every trial until a state is stored, and for every
   * study with this space and direction (the direction signs a warm start's values).
   */
  private initialCma(
    study: StudyView,
    names: readonly string[],
    dists: readonly NumericDistribution[],
    axes: readonly (DiscreteAxis | null)[],
    space: string,
  ): CmaEs {
    const key = `${study.direction}\u0000${space}`;
    if (this.initial?.key === key) return this.initial.cma;
    const cma = this.initialise(study, names, dists, axes, this.popsize, 0);
    this.initial = { key, cma };
    return cma;
  }

  /**
   * The run a stored state holds: the kept instance when the state is the very one it is the
   * decoding of (whichever trial, worker or study stored it), else decoded, and kept.
   */
  private restoredCma(
    json: CmaStateJSON,
    axes: readonly (DiscreteAxis | null)[],
    space: string,
  ): CmaEs {
    const kept = this.kept;
    if (kept !== undefined && kept.space === space) {
      if (kept.seen === json) return kept.cma;
      if (sameState(kept.json, json)) {
        kept.seen = json;
        return kept.cma;
      }
    }
    const cma = CmaEs.fromJSON(json, { discrete: axes, history: this.restartStrategy === 'ipop' });
    this.kept = { json, seen: json, space, cma };
    return cma;
  }

  private forget(cma: CmaEs): void {
    if (this.initial?.cma === cma) this.initial = undefined;
    if (this.kept?.cma === cma) this.kept = undefined;
  }

  private attrKeys(margin: boolean): AttrKeys {
    // Optuna's prefixes: one study may hold the state of several kinds of run side by side.
    const prefix = this.separable ? 'sepcma:' : margin ? 'cmawm:' : 'cma:';
    return {
      state: `${prefix}state`,
      restart: `${prefix}n_restarts`,
      generation: `${prefix}generation`,
      x: `${prefix}x`,
    };
  }

  private initialise(
    study: StudyView,
    names: readonly string[],
    dists: readonly NumericDistribution[],
    axes: readonly (DiscreteAxis | null)[],
    popsize: number | undefined,
    restart: number,
  ): CmaEs {
    const n = names.length;
    // Only IPOP reads the termination criteria, so only IPOP pays for their history.
    const common = {
      popsize,
      separable: this.separable,
      discrete: axes,
      history: this.restartStrategy === 'ipop',
    };
    if (restart > 0) {
      // IPOP: a fresh start from a uniformly drawn point, reproducible from the seed.
      const rng = this.rng.fork(`restart:${restart}`);
      const mean = Array.from({ length: n }, () => rng.random());
      return CmaEs.create({ ...common, mean, sigma: this.sigma0 ?? DEFAULT_SIGMA0 });
    }
    if (this.sourceTrials !== undefined) {
      const sign = study.direction === 'maximize' ? -1 : 1;
      const source: { x: number[]; value: number }[] = [];
      for (const t of this.sourceTrials) {
        const x = isSourceSolution(t, this.considerPruned) ? unitPoint(t, names, dists) : null;
        if (x !== null) source.push({ x, value: sign * (t.value as number) });
      }
      if (source.length < minSourceSolutions()) {
        throw new InvalidArgumentError(
          'sourceTrials',
          `${this.sourceTrials.length} trials, ${source.length} with the parameters ${names.join(', ')} and the same distributions`,
          `a warm start needs at least ${minSourceSolutions()} finished trials with this study's parameters and distributions`,
        );
      }
      const ws = warmStartDistribution(source);
      return CmaEs.create({ ...common, mean: ws.mean, sigma: ws.sigma, cov: ws.cov });
    }
    const x0 = this.x0;
    const unknown = x0 === undefined ? [] : Object.keys(x0).filter((k) => !names.includes(k));
    if (unknown.length > 0) {
      // Optuna refuses an x0 that lacks a parameter; here a missing name starts at the centre,
      // so a misspelt one would otherwise go unnoticed.
      this.warnOnce(
        `x0:${unknown.join(',')}`,
        `CmaEsSampler: x0 names ${unknown.map((k) => `"${k}"`).join(', ')}, not among the parameters CMA-ES samples (${names.join(', ')}); ignored.`,
      );
    }
    const mean = names.map((name, i) => {
      if (x0 === undefined || !Object.hasOwn(x0, name)) return 0.5;
      const d = dists[i];
      const v = x0[name];
      // The bounds are known only now; a mean outside them would be clamped without a word.
      if (!(v >= d.low && v <= d.high)) {
        throw new InvalidArgumentError(
          `x0.${name}`,
          v,
          `must be within the parameter's range [${d.low}, ${d.high}]`,
        );
      }
      return toUnit(d, v);
    });
    return CmaEs.create({ ...common, mean, sigma: this.sigma0 ?? DEFAULT_SIGMA0 });
  }

  /**
   * The sample the trial was evaluated at: the stored one when the trial's parameters are the
   * ones it decodes to, else (parameters fixed by the user, for example) the sample whose point
   * is their encoding.
   */
  private xForTell(
    trial: FrozenTrial,
    cma: CmaEs,
    names: readonly string[],
    dists: readonly NumericDistribution[],
    keys: AttrKeys,
  ): number[] {
    const x = storedSample(trial.systemAttrs[keys.x], names.length);
    if (x !== null) {
      const point = cma.pointOf(x);
      if (names.every((name, i) => fromUnit(dists[i], point[i]) === trial.params[name])) return x;
    }
    return Array.from(cma.sampleAt(names.map((name, i) => toUnit(dists[i], trial.params[name]))));
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    console.warn(message);
  }
}

/** A trial's stored sample, a plain array of numbers; null for anything else or another length. */
function storedSample(v: JsonValue | undefined, n: number): number[] | null {
  if (Array.isArray(v) && v.length === n && v.every((e) => typeof e === 'number'))
    return v as number[];
  return null;
}

/** What the restore options and a warm start read of the space: names and distributions. */
function spaceKeyOf(names: readonly string[], dists: readonly NumericDistribution[]): string {
  return JSON.stringify(
    names.map((name, i) => {
      const d = dists[i];
      return [name, d.type, String(d.low), String(d.high), d.log, String(d.step)];
    }),
  );
}

/**
 * Whether two states decode to the same run: every field `decodeState` reads is equal (numbers
 * by Object.is, packed arrays as strings).
 */
function sameState(a: CmaStateJSON, b: CmaStateJSON): boolean {
  if (a === b) return true;
  const scalar = [
    'version',
    'n',
    'popsize',
    'separable',
    'sigma',
    'sigma0',
    'generation',
    'eigenGeneration',
    'mean',
    'pc',
    'ps',
    'A',
    'C',
    'eigenInput',
  ] as const;
  for (const k of scalar) if (!Object.is(a[k], b[k])) return false;
  const ha: unknown = a.history;
  const hb: unknown = b.history;
  if (ha === null || hb === null) return ha === hb;
  if (typeof ha !== 'object' || typeof hb !== 'object' || ha === undefined || hb === undefined)
    return false;
  const x = ha as Record<string, unknown>;
  const y = hb as Record<string, unknown>;
  return (
    Object.is(x.stride, y.stride) &&
    Object.is(x.fun, y.fun) &&
    Object.is(x.best, y.best) &&
    Object.is(x.median, y.median)
  );
}

/**
 * The trial's point on the unit cube of the space (names with their distributions), or null
 * when it lacks a parameter, holds one under another distribution, or has a value with no
 * finite encoding (a negative value on a log axis).
 */
function unitPoint(
  t: FrozenTrial,
  names: readonly string[],
  dists: readonly NumericDistribution[],
): number[] | null {
  const x: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const d = t.distributions[names[i]];
    const v = t.params[names[i]];
    if (d === undefined || !distributionsEqual(d, dists[i]) || typeof v !== 'number') return null;
    const u = toUnit(dists[i], v);
    if (!Number.isFinite(u)) return null;
    x.push(u);
  }
  return x;
}

function checkSingleObjective(study: StudyView): void {
  if (study.directions.length > 1) {
    throw new InvalidArgumentError(
      'study.directions',
      study.directions,
      'CmaEsSampler optimises a single objective',
    );
  }
}

/** A finished trial with a value that a warm start can learn from. */
function isSourceSolution(t: FrozenTrial, considerPruned: boolean): boolean {
  return (
    (t.state === 'COMPLETE' || (considerPruned && t.state === 'PRUNED')) && t.value !== undefined
  );
}

/** x0 must map parameter names to finite numbers; the bounds are checked at the first sample. */
function checkX0(x0: unknown): void {
  if (typeof x0 !== 'object' || x0 === null || Array.isArray(x0)) {
    throw new InvalidArgumentError('x0', x0, 'must be an object of parameter values by name');
  }
  for (const [name, v] of Object.entries(x0)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidArgumentError(`x0.${name}`, v, 'must be a finite number');
    }
  }
}
