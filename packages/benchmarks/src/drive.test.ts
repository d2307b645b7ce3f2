import type { FrozenTrial, JsonValue, Sampler, StudyView } from '@tunekit/core';
import { categorical, float, int, space } from '@tunekit/search-space';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractLoop, runStudy } from './drive.js';
import { branin, hartmann6, mixed7 } from './problems/index.js';
import type { AnyProblem } from './problems/problem.js';
import { samplerRegistry } from './samplers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

// contractLoop claims to call the sampler as the runtime does, so the runtime (runStudy:
// createStudy + optimize) is the reference for every expectation here.

describe('contractLoop gives the trials the runtime gives', () => {
  // CMA-ES and the grid keep state on the trial (takeSystemAttrs) and the grid stops the
  // study; mixed7 has categoricals, which go to the samplers' fallbacks.
  for (const name of Object.keys(samplerRegistry)) {
    it(name, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const problem of [branin, mixed7]) {
        const budget = 24;
        const make = samplerRegistry[name];
        const viaRuntime = await runStudy(make(5, { problem, budget }), problem, budget);
        const viaLoop = contractLoop(make(5, { problem, budget }), problem, budget);
        expect(viaLoop).toEqual(viaRuntime);
      }
    });
  }
});

/** x, a single-value int, and a categorical; the objective reads x only. */
const small: AnyProblem = {
  name: 'small',
  space: space({ x: float(0, 1), one: int(3, 3), c: categorical(['a', 'b']) }),
  objective: (p) => (p as { x: number }).x,
  optimum: 0,
  direction: 'minimize',
};

interface Seen {
  readonly log: string[];
}

/**
 * A scripted sampler that logs what it is shown: the trial's state, attributes and the
 * view's states at every hook. `stopAt` names the hook and trial at which it stops the study.
 */
function scripted(stopAt?: { hook: string; trial: number }): Sampler & Seen {
  const log: string[] = [];
  const show = (hook: string, view: StudyView, t: FrozenTrial): void => {
    log.push(
      `${hook} #${t.number} ${t.state} attrs=${JSON.stringify(t.systemAttrs)} params=${JSON.stringify(t.params)} view=${view.trials.map((u) => u.state[0]).join('')}`,
    );
    if (stopAt?.hook === hook && stopAt.trial === t.number) view.stop();
  };
  let takes = 0;
  return {
    name: 'scripted',
    log,
    beforeTrial: (view, t) => show('before', view, t),
    inferRelativeSearchSpace: (view, t) => {
      show('infer', view, t);
      return { x: float(0, 1) };
    },
    // Out of range on odd trials: the runtime then samples x independently.
    sampleRelative: (view, t) => {
      show('relative', view, t);
      return { x: t.number % 2 === 1 ? 7 : 0.25 };
    },
    sampleIndependent: (view, t, name, dist) => {
      show(`independent ${name}`, view, t);
      return dist.type === 'categorical' ? 'b' : 0.5;
    },
    // Two takes per trial, the second adding to the first.
    takeSystemAttrs: (t): Record<string, JsonValue> => {
      takes++;
      return takes % 2 === 1 ? { first: t.number } : { second: t.number * 10 };
    },
    afterTrial: (view, t, state, values) =>
      show(`after ${state} ${JSON.stringify(values)}`, view, t),
  };
}

describe('contractLoop with a scripted sampler', () => {
  it.each([
    ['no stop', undefined],
    ['a stop in beforeTrial', { hook: 'before', trial: 1 }],
    ['a stop in sampleIndependent', { hook: 'independent c', trial: 2 }],
    ['a stop in afterTrial', { hook: 'after COMPLETE [0.5]', trial: 1 }],
  ] as const)('shows the sampler what the runtime shows: %s', async (_, stopAt) => {
    const viaRuntime = scripted(stopAt);
    const runtimeValues = await runStudy(viaRuntime, small, 4);
    const viaLoop = scripted(stopAt);
    const loopValues = contractLoop(viaLoop, small, 4);
    expect(viaLoop.log).toEqual(viaRuntime.log);
    expect(loopValues).toEqual(runtimeValues);
  });

  it('uses a relative value only in range, and never asks for a single-value parameter', () => {
    const sampler = scripted();
    expect(contractLoop(sampler, small, 2)).toEqual([0.25, 0.5]);
    const asked = sampler.log
      .filter((l) => l.startsWith('independent'))
      .map((l) => l.split(' ')[1]);
    expect(asked).toEqual(['c', 'x', 'c']);
  });

  it('gives each study its own name, as createStudy does: a reused sampler starts afresh', () => {
    // QMC keeps the search space of each study by name; with one shared name the second
    // problem would be sampled in the first one's space.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reused = samplerRegistry.qmc(1);
    contractLoop(reused, branin, 5);
    expect(contractLoop(reused, hartmann6, 12)).toEqual(
      contractLoop(samplerRegistry.qmc(1), hartmann6, 12),
    );
  });

  it('refuses an independent value outside its distribution, naming the sampler', () => {
    const bad: Sampler = { name: 'bad', sampleIndependent: () => 5 };
    expect(() => contractLoop(bad, small, 1)).toThrow(/sampler bad returned 5 for parameter "x"/);
  });
});
