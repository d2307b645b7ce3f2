import {
  categorical,
  createStudy,
  type Distribution,
  type FrozenTrial,
  float,
  int,
  makeFrozenTrial,
  makeStudyView,
  type ParamValue,
  type Pruner,
  type StudyDirection,
  type StudyView,
  TrialPruned,
  type TrialState,
} from '@tunekit/core';
import { HyperbandPruner } from './hyperband.js';
import { MedianPruner } from './median.js';
import { PatientPruner } from './patient.js';
import { PercentilePruner } from './percentile.js';
import { SuccessiveHalvingPruner } from './successive-halving.js';
import { ThresholdPruner } from './threshold.js';
import { WilcoxonPruner } from './wilcoxon.js';

/** A finished or running trial with the given intermediate values (step -> value). */
export function trialWith(
  number: number,
  values: Record<number, number> | readonly number[],
  extra: Partial<FrozenTrial> = {},
): FrozenTrial {
  const entries = Array.isArray(values)
    ? values.map((v, i) => [i, v] as [number, number])
    : Object.entries(values).map(([k, v]) => [Number(k), v as number] as [number, number]);
  return makeFrozenTrial({ number, intermediateValues: new Map(entries), ...extra });
}

/** A COMPLETE trial whose final value is its last intermediate value (or `value`). */
export function completeWith(
  number: number,
  values: Record<number, number> | readonly number[],
  extra: Partial<FrozenTrial> = {},
): FrozenTrial {
  const t = trialWith(number, values);
  const last = [...t.intermediateValues.values()].at(-1);
  return trialWith(number, values, {
    state: 'COMPLETE',
    values: [extra.value ?? (last as number)],
    ...extra,
  });
}

export function viewOf(
  trials: readonly FrozenTrial[],
  direction: StudyDirection = 'minimize',
  studyName = 'study',
): StudyView {
  return makeStudyView({ trials, directions: [direction], studyName });
}

/** What a replayed trial returns: its last report, or the mean of its reports (per-instance steps). */
export type FinalValue = 'last' | 'mean';

function finalOf(reported: readonly number[], final: FinalValue): number {
  if (reported.length === 0) return Number.NaN;
  if (final === 'last') return reported[reported.length - 1];
  let sum = 0;
  for (const v of reported) sum += v;
  return sum / reported.length;
}

/**
 * Replays a sequential study the way the runtime drives a pruner: trial i reports curves[i]
 * step by step (null = no report) and is asked after each report whether to stop; a pruned
 * trial ends PRUNED, the others COMPLETE with their `final` value (the last report, or the
 * mean of the reports), or FAIL when that value is NaN. Returns the step each trial was
 * pruned at (null if never) and the finished trials. Rung attrs are not stored: successive
 * halving re-derives them.
 */
export function replay(
  pruner: Pruner,
  curves: readonly (readonly (number | null)[])[],
  direction: StudyDirection,
  studyName = 'study',
  final: FinalValue = 'last',
): { prunedAt: (number | null)[]; trials: FrozenTrial[] } {
  const finished: FrozenTrial[] = [];
  const prunedAt: (number | null)[] = [];
  for (let number = 0; number < curves.length; number++) {
    const iv = new Map<number, number>();
    let pruned: number | null = null;
    for (let step = 0; step < curves[number].length; step++) {
      const v = curves[number][step];
      if (v === null) continue;
      iv.set(step, v);
      const live = makeFrozenTrial({ number, intermediateValues: new Map(iv) });
      if (
        pruner.prune(
          makeStudyView({ trials: [...finished, live], directions: [direction], studyName }),
          live,
        )
      ) {
        pruned = step;
        break;
      }
    }
    prunedAt.push(pruned);
    // The runtime (like Optuna) fails a trial whose objective returns NaN (no report at
    // all, a last report of NaN, or with 'mean' any NaN report), so it does not count as
    // COMPLETE.
    const value = finalOf([...iv.values()], final);
    const state = pruned !== null ? 'PRUNED' : Number.isNaN(value) ? 'FAIL' : 'COMPLETE';
    finished.push(
      makeFrozenTrial({
        number,
        intermediateValues: iv,
        state,
        values: state === 'COMPLETE' ? [value] : undefined,
      }),
    );
  }
  return { prunedAt, trials: finished };
}

/**
 * The study `replay` plays, run by the runtime itself (createStudy, optimize, shouldPrune
 * after each report), so rung attrs are stored on the trials as Optuna stores them.
 */
export async function replayInRuntime(
  pruner: Pruner,
  curves: readonly (readonly (number | null)[])[],
  direction: StudyDirection,
  studyName = 'study',
  final: FinalValue = 'last',
): Promise<{ prunedAt: (number | null)[]; states: TrialState[] }> {
  const study = await createStudy({ studyName, direction, pruner });
  const prunedAt: (number | null)[] = [];
  await study.optimize(
    (trial) => {
      const reported: number[] = [];
      const curve = curves[trial.number];
      for (let step = 0; step < curve.length; step++) {
        const v = curve[step];
        if (v === null) continue;
        reported.push(v);
        trial.report(v, step);
        if (trial.shouldPrune()) {
          prunedAt.push(step);
          throw new TrialPruned();
        }
      }
      prunedAt.push(null);
      return finalOf(reported, final);
    },
    { nTrials: curves.length },
  );
  return { prunedAt, states: study.trials.map((t) => t.state) };
}

/**
 * The pruner an Optuna fixture scenario names (scripts/optuna-*fixtures.py), built from its
 * options, which use tunekit's names; 'patient' wraps a MedianPruner with `options.wrapped`.
 */
export function fixturePruner(kind: string, options: Record<string, unknown>): Pruner {
  switch (kind) {
    case 'median':
      return new MedianPruner(options);
    case 'percentile':
      return new PercentilePruner(options as { percentile: number });
    case 'sha':
      return new SuccessiveHalvingPruner(options);
    case 'hyperband':
      return new HyperbandPruner(options);
    case 'threshold':
      return new ThresholdPruner(options);
    case 'patient': {
      const { wrapped, ...rest } = options;
      return new PatientPruner(
        new MedianPruner(wrapped as Record<string, unknown>),
        rest as { patience: number },
      );
    }
    case 'wilcoxon':
      return new WilcoxonPruner(options);
    default:
      throw new Error(`unknown fixture pruner: ${kind}`);
  }
}

/** A distribution as scripts/regret-bound-fixtures.py writes it. */
type FixtureDistribution =
  | { type: 'float' | 'int'; low: number; high: number; log: boolean; step: number | null }
  | { type: 'categorical'; choices: string[] };

function fixtureDistribution(d: FixtureDistribution): Distribution {
  if (d.type === 'categorical') return categorical(d.choices);
  const options = { log: d.log, ...(d.step === null ? {} : { step: d.step }) };
  return d.type === 'int' ? int(d.low, d.high, options) : float(d.low, d.high, options);
}

/** The COMPLETE trials of a regret-bound fixture case. */
export function fixtureTrials(c: {
  distributions: Record<string, unknown>;
  params: Record<string, ParamValue>[];
  values: number[];
}): FrozenTrial[] {
  const distributions = Object.fromEntries(
    Object.entries(c.distributions).map(([k, d]) => [
      k,
      fixtureDistribution(d as FixtureDistribution),
    ]),
  );
  return c.values.map((value, number) =>
    makeFrozenTrial({
      number,
      state: 'COMPLETE',
      values: [value],
      params: c.params[number],
      distributions,
    }),
  );
}

/**
 * The values a Python fixture's objective reported, from integer units of 1 / scale: sign * k /
 * scale, sign * float(k) for 'NaN', 'Infinity' and '-Infinity', null for no report. The
 * objective negated the curves of maximize studies so that both directions prune.
 */
export function scaledCurves(
  curves: readonly (readonly (number | string | null)[])[],
  direction: StudyDirection,
  scale: number,
): (number | null)[][] {
  const sign = direction === 'maximize' ? -1 : 1;
  return curves.map((c) =>
    c.map((k) =>
      k === null ? null : typeof k === 'string' ? sign * Number(k) : (sign * k) / scale,
    ),
  );
}
