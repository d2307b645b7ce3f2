import {
  createRng,
  createStudy,
  type FrozenTrial,
  type Sampler,
  type StudyView,
  sampleUniform,
  TrialPruned,
} from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { HyperbandPruner } from './hyperband.js';
import { runWithReports } from './iterative.js';
import { maxTrialsCallback } from './max-trials.js';
import { MedianPruner } from './median.js';
import { stagnationCallback } from './stagnation.js';
import { completedRungKey, SuccessiveHalvingPruner } from './successive-halving.js';
import { reportCrossValidationScores, terminatorCallback } from './terminator.js';
import { replay } from './test-utils.js';

/** A seeded uniform sampler that records which trials each trial's sampler view held. */
function recordingSampler(seed: number) {
  const rng = createRng(seed);
  const seen = new Map<number, number[]>();
  const sampler: Sampler = {
    name: 'recording',
    sampleIndependent(study: StudyView, trial: FrozenTrial, _name, dist) {
      seen.set(
        trial.number,
        study.trials.filter((t) => t.number !== trial.number).map((t) => t.number),
      );
      return sampleUniform(dist, rng);
    },
  };
  return { sampler, seen };
}

/** Curve of trial n: converges to a final value that depends on n only. */
const curve = (n: number) =>
  Array.from({ length: 12 }, (_, s) => ((n * 7) % 11) / 11 + Math.exp(-s / 3));

describe('pruners inside createStudy/optimize', () => {
  it('SuccessiveHalving decides in the runtime as in a hand-replayed study', async () => {
    const curves = Array.from({ length: 25 }, (_, n) => curve(n));
    const expected = replay(
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
      curves,
      'minimize',
    ).prunedAt;
    const prunedAt: (number | null)[] = [];
    const study = await createStudy({
      sampler: recordingSampler(0).sampler,
      pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
    });
    await study.optimize(
      async (trial) => {
        try {
          const v = await runWithReports(trial, 12, (s) => curves[trial.number][s]);
          prunedAt.push(null);
          return v;
        } catch (e) {
          prunedAt.push(trial.intermediateValues.size - 1);
          throw e;
        }
      },
      { nTrials: 25 },
    );
    expect(prunedAt).toEqual(expected);
    expect(expected.some((s) => s !== null)).toBe(true);
    const states = study.trials.map((t) => t.state);
    expect(states.filter((s) => s === 'PRUNED').length).toBe(
      expected.filter((s) => s !== null).length,
    );
    // Rung 0 is promoted at step minResource * reductionFactor^0 = 1 (Optuna's rule), which
    // every trial reaches, so each stores its step-1 value: the runtime persisted what the
    // pruner handed over through takeSystemAttrs.
    for (const t of study.trials) {
      expect(t.systemAttrs[completedRungKey(0)]).toBe(curves[t.number][1]);
    }
  });

  it('SuccessiveHalving stores an infinite rung value and compares later trials with it', async () => {
    // Maximise; eta 2 and minResource 1 put rungs 0 and 1 at steps 1 and 2. A diverging run
    // reports +-Infinity, which Optuna stores and compares like any value.
    // Trial 0: alone at both rungs, so promoted; its rung 0 value is +Infinity.
    // Trial 1: 10 against +Infinity at rung 0, two competitors (< eta): only the best goes on,
    // so it is pruned. Had the stored +Infinity been lost, it would be alone and go on.
    // Trial 2: -Infinity against +Infinity and 10: pruned, its -Infinity stored too.
    const curves = [
      [0, Number.POSITIVE_INFINITY, 5],
      [0, 10, 10],
      [0, Number.NEGATIVE_INFINITY, 1],
    ];
    const study = await createStudy({
      direction: 'maximize',
      sampler: recordingSampler(3).sampler,
      pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
    });
    await study.optimize((trial) => runWithReports(trial, 3, (s) => curves[trial.number][s]), {
      nTrials: 3,
    });
    expect(study.trials.map((t) => t.state)).toEqual(['COMPLETE', 'PRUNED', 'PRUNED']);
    expect(study.trials.map((t) => t.systemAttrs[completedRungKey(0)])).toEqual([
      'Infinity',
      10,
      '-Infinity',
    ]);
    expect(study.trials[0].systemAttrs[completedRungKey(1)]).toBe(5);
  });

  it('MedianPruner ends trials as PRUNED through runWithReports', async () => {
    const study = await createStudy({
      sampler: recordingSampler(1).sampler,
      pruner: new MedianPruner(),
    });
    await study.optimize((trial) => runWithReports(trial, 12, (s) => curve(trial.number)[s]), {
      nTrials: 20,
    });
    const pruned = study.trials.filter((t) => t.state === 'PRUNED');
    expect(pruned.length).toBeGreaterThan(0);
    // The first five trials finish: nStartupTrials is 5.
    expect(study.trials.slice(0, 5).every((t) => t.state === 'COMPLETE')).toBe(true);
  });

  it("Hyperband's sampler view holds only the trial's bracket", async () => {
    const { sampler, seen } = recordingSampler(2);
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 9, reductionFactor: 3 });
    const study = await createStudy({ studyName: 'hb-int', sampler, pruner: hb });
    await study.optimize(
      (trial) => {
        trial.suggestFloat('x', 0, 1);
        return runWithReports(trial, 9, (s) => curve(trial.number)[s]);
      },
      { nTrials: 30 },
    );
    expect(seen.size).toBe(30);
    for (const [number, others] of seen) {
      const b = hb.bracketOf('hb-int', number);
      expect(others.every((o) => hb.bracketOf('hb-int', o) === b)).toBe(true);
    }
    const b0 = hb.bracketOf('hb-int', 29);
    expect(seen.get(29)).toEqual(
      Array.from({ length: 29 }, (_, i) => i).filter((i) => hb.bracketOf('hb-int', i) === b0),
    );
  });

  it("Hyperband's sampler view follows trials that finish after the trial started", async () => {
    // Optuna's bracket study re-reads the storage on every call; the view must not be the
    // snapshot of when trial 0 was asked.
    const { sampler, seen } = recordingSampler(3);
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 3, reductionFactor: 3 });
    const study = await createStudy({ studyName: 'hb-live', sampler, pruner: hb });
    const first = await study.ask();
    for (let i = 1; i <= 3; i++) {
      const t = await study.ask();
      t.suggestFloat('x', 0, 1);
      await study.tell(t, i);
    }
    first.suggestFloat('x', 0, 1);
    const sameBracket = [1, 2, 3].filter(
      (i) => hb.bracketOf('hb-live', i) === hb.bracketOf('hb-live', 0),
    );
    expect(sameBracket.length).toBeGreaterThan(0);
    expect(seen.get(0)).toEqual(sameBracket);
  });

  it('SuccessiveHalving from the first check in a process: a trial that checks only at its last step records every rung it passed', async () => {
    // minResource 1, eta 2: rungs at steps 1, 2, 4, 8, 16. Trial 0 reports steps 0..10 and
    // checks only at step 10: no rung stored yet, so it is at rung 0, alone at each rung, and
    // passes rungs 0..3 with its value at step 10 (1 + 1/11); step 16 is not reached. Trial 1
    // checks every report: at step 1 its 2.5 is not the best of two at rung 0, so it is
    // pruned. Optuna 3.1 gives the same (rungs 0..3 = 1.0909 on trial 0, trial 1 PRUNED at
    // step 1).
    const study = await createStudy({
      pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
    });
    const prunedAt: (number | null)[] = [];
    await study.optimize(
      (trial) => {
        let v = 0;
        for (let step = 0; step <= 10; step++) {
          v = (trial.number === 0 ? 1 : 2) + 1 / (step + 1);
          trial.report(v, step);
          if ((trial.number === 1 || step === 10) && trial.shouldPrune()) {
            prunedAt.push(step);
            throw new TrialPruned();
          }
        }
        prunedAt.push(null);
        return v;
      },
      { nTrials: 2 },
    );
    const [t0, t1] = study.trials;
    expect(t0.state).toBe('COMPLETE');
    expect(t0.systemAttrs).toEqual(
      Object.fromEntries([0, 1, 2, 3].map((r) => [completedRungKey(r), 1 + 1 / 11])),
    );
    expect(t1.state).toBe('PRUNED');
    expect(prunedAt).toEqual([null, 1]);
  });

  it('maxTrialsCallback and stagnationCallback stop optimize', async () => {
    const a = await createStudy({ sampler: recordingSampler(3).sampler });
    await a.optimize(() => 1, { nTrials: 100, callbacks: [maxTrialsCallback(7)] });
    expect(a.trials.length).toBe(7);
    const b = await createStudy({ sampler: recordingSampler(4).sampler });
    // Values 10, 9, 9, 9, ...: the best stops improving after trial 1.
    await b.optimize((t) => (t.number === 0 ? 10 : 9), {
      nTrials: 100,
      callbacks: [stagnationCallback({ patience: 3 })],
    });
    expect(b.trials.length).toBe(5);
  });

  it('terminatorCallback, fed by reportCrossValidationScores, stops optimize when nothing is left to gain', async () => {
    // Every trial scores 0.5 on average over its 5 folds: no configuration is better, so the
    // regret bound is 0, below the folds' error, and the study stops at the first evaluation,
    // after minNTrials (20) COMPLETE trials. A 1-D quadratic whose folds agree to 1e-6 leaves
    // more to gain than that error for all of its 60 trials.
    const run = async (score: (x: number) => number[]) => {
      const study = await createStudy({ sampler: recordingSampler(5).sampler });
      await study.optimize(
        (trial) => {
          const scores = score(trial.suggestFloat('x', -1, 1));
          reportCrossValidationScores(trial, scores);
          return scores.reduce((a, b) => a + b, 0) / scores.length;
        },
        { nTrials: 60, callbacks: [terminatorCallback({ nSamples: 256 })] },
      );
      return study.trials;
    };
    const flat = await run(() => [0.4, 0.5, 0.6, 0.45, 0.55]);
    expect(flat.length).toBe(20);
    expect(flat[0].userAttrs.cvScores).toEqual([0.4, 0.5, 0.6, 0.45, 0.55]);
    const quadratic = await run((x) => [0, 1, 2, 3, 4].map((k) => x * x + k * 1e-6));
    expect(quadratic.length).toBe(60);
  });
});
