import {
  createStudy,
  type FrozenTrial,
  type JsonValue,
  makeFrozenTrial,
  makeStudyView,
  type ParamValue,
  type Sampler,
} from '@tunekit/core';
import type { Distribution } from '@tunekit/search-space';
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

/**
 * The sampler protocol of the contract run synchronously in memory, without storage or
 * runtime: for experiments that need thousands of short studies, and to tell sampler cost
 * from runtime cost. Calls the sampler exactly as the runtime does (hooks, relative and
 * independent sampling, system attributes stored on the trial, a stop requested through the
 * study), so a seeded sampler gives the trials `runStudy` gives; returns each trial's value,
 * fewer than `nTrials` when the sampler stops the study.
 */
export function contractLoop(
  sampler: Sampler,
  problem: AnyProblem,
  nTrials: number,
  onTrialEnd?: (trialNumber: number) => void,
): number[] {
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
    let running = makeFrozenTrial({ number });
    const view = () => makeStudyView({ trials: [...finished, running], directions, onStop });
    // System attributes are taken after beforeTrial and after relative sampling, as the
    // runtime does; samplers that keep state on the trial (a grid point, a CMA-ES generation)
    // read them back.
    const systemAttrs: Record<string, JsonValue> = {};
    const takeAttrs = (): void => {
      const attrs = sampler.takeSystemAttrs?.(running);
      if (attrs === undefined) return;
      Object.assign(systemAttrs, attrs);
      running = makeFrozenTrial({ number, systemAttrs: { ...systemAttrs } });
    };
    sampler.beforeTrial?.(view(), running);
    takeAttrs();
    const relSpace = sampler.inferRelativeSearchSpace?.(view(), running) ?? {};
    const relative =
      Object.keys(relSpace).length > 0
        ? (sampler.sampleRelative?.(view(), running, relSpace) ?? {})
        : {};
    takeAttrs();
    const params: Record<string, ParamValue> = {};
    const used: Record<string, Distribution> = {};
    for (const name of names) {
      const d = dists[name];
      const v =
        name in relative && relSpace[name] !== undefined
          ? relative[name]
          : sampler.sampleIndependent(view(), running, name, d);
      params[name] = v as ParamValue;
      used[name] = d;
      running = makeFrozenTrial({
        number,
        params: { ...params },
        distributions: { ...used },
        systemAttrs: { ...systemAttrs },
      });
    }
    const value = problem.objective(params as never);
    const done = makeFrozenTrial({
      number,
      params,
      distributions: used,
      systemAttrs,
      values: [value],
      state: 'COMPLETE',
    });
    finished.push(done);
    values.push(value);
    sampler.afterTrial?.(
      makeStudyView({ trials: finished, directions, onStop }),
      done,
      'COMPLETE',
      [value],
    );
    onTrialEnd?.(number);
  }
  return values;
}
