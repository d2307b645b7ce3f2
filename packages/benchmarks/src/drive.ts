import {
  createStudy,
  type FrozenTrial,
  type JsonValue,
  makeFrozenTrial,
  makeStudyView,
  type ParamValue,
  type Sampler,
} from '@tunekit/core';
import { contains, type Distribution, distributionsEqual, isSingle } from '@tunekit/search-space';
import type { AnyProblem } from './problems/problem.js';

/**
 * Runs one study of `problem` with `sampler` for `nTrials` trials through the core runtime
 * (`createStudy` + `optimize`, in-memory storage) and returns every trial's objective value
 * in order. `onTrialEnd` is called as each trial finishes (for timing).
 */
export async function runStudy(
  sampler: Sampler,
  problem: AnyProblem,
  nTrials: number,
  onTrialEnd?: (trialNumber: number) => void,
): Promise<number[]> {
  const study = await createStudy({ direction: problem.direction, sampler });
  const callbacks =
    onTrialEnd === undefined ? [] : [(_: unknown, t: FrozenTrial) => onTrialEnd(t.number)];
  await study.optimize((trial) => problem.objective(trial.suggest(problem.space) as never), {
    nTrials,
    callbacks,
  });
  return study.trials.map((t) => t.values?.[0] ?? Number.NaN);
}

/** Numbers the studies contractLoop runs, so that each has its own name (as createStudy's). */
let loopStudies = 0;

function singleValue(d: Distribution): ParamValue {
  return d.type === 'categorical' ? d.choices[0] : d.low;
}

/**
 * The sampler protocol of the contract run synchronously in memory, without storage or
 * runtime: for experiments that need thousands of short studies, and to tell sampler cost
 * from runtime cost. Calls the sampler as the runtime does: the hooks with the same trials
 * and views, relative values used only where their distribution matches and they are in
 * range, no call for single-value distributions, system attributes stored on the trial, a
 * stop requested through the study, and a study name of its own. So a seeded sampler gives
 * the trials `runStudy` gives. Returns each trial's value, fewer than `nTrials` when the
 * sampler stops the study. Not modelled: enqueued (fixed) parameters.
 */
export function contractLoop(
  sampler: Sampler,
  problem: AnyProblem,
  nTrials: number,
  onTrialEnd?: (trialNumber: number) => void,
): number[] {
  const studyName = `contract-loop-${++loopStudies}`;
  const directions = [problem.direction];
  const finished: FrozenTrial[] = [];
  const values: number[] = [];
  const names = problem.space.names;
  const dists = problem.space.distributions;
  // A sampler may stop the study (the grid, once every point is taken): as in optimize, the
  // trial under way finishes and no other starts.
  let stopped = false;
  const onStop = (): void => {
    stopped = true;
  };
  for (let number = 0; number < nTrials && !stopped; number++) {
    const params: Record<string, ParamValue> = {};
    const used: Record<string, Distribution> = {};
    const systemAttrs: Record<string, JsonValue> = {};
    const live = (): FrozenTrial =>
      makeFrozenTrial({
        number,
        params: { ...params },
        distributions: { ...used },
        systemAttrs: { ...systemAttrs },
      });
    let running = live();
    const view = () =>
      makeStudyView({ studyName, trials: [...finished, running], directions, onStop });
    // Attributes are taken after beforeTrial and after relative sampling, as the runtime
    // does; samplers that keep state on the trial (a grid point, a CMA-ES generation) read
    // them back.
    const takeAttrs = (): void => {
      const attrs = sampler.takeSystemAttrs?.(running);
      if (attrs === undefined) return;
      Object.assign(systemAttrs, attrs);
      running = live();
    };
    sampler.beforeTrial?.(view(), running);
    takeAttrs();
    const relSpace = sampler.inferRelativeSearchSpace?.(view(), running) ?? {};
    const relative =
      Object.keys(relSpace).length > 0
        ? (sampler.sampleRelative?.(view(), running, relSpace) ?? {})
        : {};
    takeAttrs();
    for (const name of names) {
      const d = dists[name];
      const rel = relSpace[name];
      let v: unknown;
      if (isSingle(d)) v = singleValue(d);
      else if (
        rel !== undefined &&
        Object.hasOwn(relative, name) &&
        distributionsEqual(rel, d) &&
        contains(d, relative[name])
      )
        v = relative[name];
      else {
        v = sampler.sampleIndependent(view(), running, name, d);
        if (!contains(d, v))
          throw new Error(
            `sampler ${sampler.name} returned ${JSON.stringify(v)} for parameter "${name}", which is not in its distribution`,
          );
      }
      params[name] = v as ParamValue;
      used[name] = d;
      running = live();
    }
    const value = problem.objective(params as never);
    // The runtime calls afterTrial with the trial still RUNNING (state and values as
    // arguments) and then stores it.
    sampler.afterTrial?.(view(), running, 'COMPLETE', [value]);
    finished.push(
      makeFrozenTrial({
        number,
        params,
        distributions: used,
        systemAttrs,
        values: [value],
        state: 'COMPLETE',
      }),
    );
    values.push(value);
    onTrialEnd?.(number);
  }
  return values;
}
