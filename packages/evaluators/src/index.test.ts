import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('exports exactly these runtime names', () => {
    // The list in the issue: Estimator contract (types only), splitters, metrics, scorers,
    // crossValidate, curves, permutation test, errors.
    const expected = [
      // errors
      'EvaluatorError',
      'NotFittedError',
      'TrialPrunedError',
      // input checks shared with the model adapters
      'checkChoice',
      'checkInt',
      'checkNumber',
      'encodeLabels',
      'toDense',
      'toRows',
      'toTargets',
      'applyStandardScaler',
      'fitStandardScaler',
      // seeded generator (same folds for the same seed everywhere)
      'childSeed',
      'createSplitRng',
      // splitters
      'groupKFold',
      'kFold',
      'leaveOneOut',
      'predefinedSplit',
      'repeatedKFold',
      'repeatedStratifiedKFold',
      'shuffleSplit',
      'stratifiedGroupKFold',
      'stratifiedKFold',
      'stratifiedShuffleSplit',
      'timeSeriesSplit',
      'trainTestSplit',
      // metrics
      'accuracyScore',
      'averagePrecisionScore',
      'balancedAccuracyScore',
      'confusionMatrix',
      'explainedVarianceScore',
      'f1Score',
      'fbetaScore',
      'logLoss',
      'matthewsCorrcoef',
      'meanAbsoluteError',
      'meanAbsolutePercentageError',
      'meanSquaredError',
      'medianAbsoluteError',
      'precisionScore',
      'r2Score',
      'recallScore',
      'rocAucScore',
      'rootMeanSquaredError',
      'typeOfTarget',
      // scorers
      'getScorer',
      'scorers',
      // model selection
      'crossValidate',
      'learningCurve',
      'permutationTestScore',
      'validationCurve',
    ];
    expect(Object.keys(api).sort()).toEqual(expected.sort());
  });

  it('TrialPrunedError carries the brand @tunekit/core recognises', () => {
    const e = new api.TrialPrunedError();
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for('tunekit.TrialPruned')]).toBe(true);
    expect(e).toBeInstanceOf(Error);
  });

  it('an object with sync or async fit/predict is an Estimator', async () => {
    const sync: api.Estimator = { fit() {}, predict: (X) => X.map(() => 0) };
    const asyncEst: api.Estimator = {
      fit: async () => {},
      predict: async (X) => X.map(() => 1),
      predictProba: async (X) => X.map(() => [0, 1]),
    };
    const factory: api.EstimatorFactory<{ c: number }> = ({ c }) => ({
      fit() {},
      predict: (X) => X.map(() => c),
    });
    expect(await sync.predict([[1]])).toEqual([0]);
    expect(await asyncEst.predictProba!([[1]])).toEqual([[0, 1]]);
    expect(await factory({ c: 3 }).predict([[0]])).toEqual([3]);
  });
});
