import type { FrozenTrial, Objective, PruneContext, Pruner, StudyView, Trial } from '@tunekit/core';
import { expectTypeOf, test } from 'vitest';
import type { HyperbandPruner } from './hyperband.js';
import { iterativeObjective, type ReportingTrial, runWithReports } from './iterative.js';
import type { MedianPruner } from './median.js';
import type { PatientPruner } from './patient.js';
import { SuccessiveHalvingPruner } from './successive-halving.js';
import { reportCrossValidationScores, type ScoresTrial } from './terminator.js';

test("core's Trial fits what the helpers need of a trial", () => {
  expectTypeOf<Trial>().toExtend<ReportingTrial>();
  expectTypeOf<Trial>().toExtend<ScoresTrial>();
  expectTypeOf(reportCrossValidationScores).parameter(1).toEqualTypeOf<readonly number[]>();
});

test('iterativeObjective infers the model state from setup and gives an Objective', () => {
  const objective = iterativeObjective({
    steps: 10,
    setup: (trial: Trial) => ({ trees: [] as number[], depth: trial.suggestInt('depth', 1, 8) }),
    step: (state, step) => {
      expectTypeOf(state).toEqualTypeOf<{ trees: number[]; depth: number }>();
      expectTypeOf(step).toEqualTypeOf<number>();
      return state.depth / (step + 1);
    },
  });
  expectTypeOf(objective).toExtend<Objective>();
  expectTypeOf(objective).returns.toEqualTypeOf<Promise<number>>();
  // A step must give the value to report: a number, now or later.
  iterativeObjective({
    steps: 3,
    setup: () => 0,
    // @ts-expect-error a string is not a value to report
    step: () => 'loss',
  });
});

test('runWithReports resolves to the last value', () => {
  expectTypeOf(runWithReports<Trial>).returns.toEqualTypeOf<Promise<number>>();
});

test('every pruner is a core Pruner; PatientPruner wraps a Pruner or null', () => {
  expectTypeOf<MedianPruner>().toExtend<Pruner>();
  expectTypeOf<SuccessiveHalvingPruner>().toExtend<Pruner>();
  expectTypeOf<HyperbandPruner>().toExtend<Pruner>();
  expectTypeOf<PatientPruner>().toExtend<Pruner>();
  expectTypeOf<ConstructorParameters<typeof PatientPruner>[0]>().toEqualTypeOf<Pruner | null>();
  // @ts-expect-error reductionFactor is a number
  new SuccessiveHalvingPruner({ reductionFactor: '3' });
  // @ts-expect-error minResource is a number or 'auto'
  new SuccessiveHalvingPruner({ minResource: 'max' });
});

test('prune takes an optional runtime context; a pruner written without it still fits', () => {
  expectTypeOf<Pruner['prune']>().parameters.toEqualTypeOf<
    [StudyView, FrozenTrial, (PruneContext | undefined)?]
  >();
  expectTypeOf<PruneContext>().toEqualTypeOf<{ readonly storesSystemAttrs: boolean }>();
  expectTypeOf<{ prune(study: StudyView, trial: FrozenTrial): boolean }>().toExtend<Pruner>();
  expectTypeOf(SuccessiveHalvingPruner.prototype.prune)
    .parameter(2)
    .toEqualTypeOf<PruneContext | undefined>();
});
