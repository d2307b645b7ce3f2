import { describe, expect, it } from 'vitest';
import fx from '../../fixtures/metrics.json' with { type: 'json' };
import type { Label } from '../check.js';
import { EvaluatorError } from '../errors.js';
import { accuracyScore, balancedAccuracyScore, matthewsCorrcoef } from './classification.js';
import { confusionMatrix } from './confusion-matrix.js';
import { type LogLossOptions, logLoss } from './log-loss.js';
import {
  type Average,
  f1Score,
  fbetaScore,
  precisionScore,
  recallScore,
  type ZeroDivision,
} from './precision-recall-f.js';
import { averagePrecisionScore, rocAucScore } from './ranking.js';
import {
  explainedVarianceScore,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './regression.js';

// Expected values come from scikit-learn 1.2.1: fixtures/metrics.json, produced by
// scripts/metric-fixtures.py (command in its docstring).

/** Fixture numbers: JSON cannot hold NaN or Infinity, so the script writes them as strings. */
function val(v: number | string): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Equal to 1e-12, relative for large magnitudes; NaN equals NaN. */
function close(actual: number, expected: number | string): void {
  const e = val(expected);
  if (Number.isNaN(e)) {
    expect(actual).toBeNaN();
    return;
  }
  if (!Number.isFinite(e)) {
    expect(actual).toBe(e);
    return;
  }
  expect(Math.abs(actual - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
}

describe('label metrics equal scikit-learn', () => {
  for (const c of fx.labels) {
    const e = c.expected as unknown as Record<string, number | string | number[][] | number[]>;
    const { yTrue, yPred } = c;
    it(`${c.name}: accuracy, balanced accuracy, MCC, confusion matrix`, () => {
      close(accuracyScore(yTrue, yPred), e.accuracyScore as number);
      close(accuracyScore(yTrue, yPred, { normalize: false }), e.accuracyScoreCount as number);
      close(balancedAccuracyScore(yTrue, yPred), e.balancedAccuracyScore as number);
      close(
        balancedAccuracyScore(yTrue, yPred, { adjusted: true }),
        e.balancedAccuracyAdjusted as number,
      );
      close(matthewsCorrcoef(yTrue, yPred), e.matthewsCorrcoef as number);
      expect(confusionMatrix(yTrue, yPred)).toEqual(e.confusionMatrix);
      const norm = confusionMatrix(yTrue, yPred, { normalize: 'true' });
      (e.confusionMatrixTrue as number[][]).forEach((row, i) => {
        row.forEach((v, j) => {
          close(norm[i][j], v);
        });
      });
    });
    it(`${c.name}: precision, recall, F1, F-beta for every average and zeroDivision`, () => {
      let checked = 0;
      for (const key of Object.keys(e)) {
        const m =
          /^(precision|recall|f1|fbeta0\.5|fbeta2) (micro|macro|weighted|binary)\/(warn|1)$/.exec(
            key,
          );
        if (!m) continue;
        const opts = {
          average: m[2] as Average,
          zeroDivision: (m[3] === 'warn' ? 'warn' : 1) as ZeroDivision,
          posLabel: e.posLabel as number,
        };
        const got =
          m[1] === 'precision'
            ? precisionScore(yTrue, yPred, opts)
            : m[1] === 'recall'
              ? recallScore(yTrue, yPred, opts)
              : m[1] === 'f1'
                ? f1Score(yTrue, yPred, opts)
                : fbetaScore(yTrue, yPred, { ...opts, beta: m[1] === 'fbeta2' ? 2 : 0.5 });
        close(got, e[key] as number);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(30);
      if (e.labelsSubset) {
        const labels = e.labelsSubset as number[];
        close(
          f1Score(yTrue, yPred, { average: 'macro', labels }),
          e['f1 macro labelsSubset'] as number,
        );
        close(
          precisionScore(yTrue, yPred, { average: 'micro', labels }),
          e['precision micro labelsSubset'] as number,
        );
      }
    });
  }

  it('by hand: a class never predicted has precision 0 (zeroDivision warn) or 1', () => {
    // class 1: tp 0, predicted 0 times -> precision 0/0.
    expect(precisionScore([0, 1, 0], [0, 0, 0], { average: 'binary' })).toBe(0);
    expect(precisionScore([0, 1, 0], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
    // macro over {0, 1}: (2/3 + 0) / 2
    expect(precisionScore([0, 1, 0], [0, 0, 0], { average: 'macro' })).toBeCloseTo(1 / 3, 15);
  });

  it('rejects average binary on a multiclass target, a bad posLabel and continuous predictions', () => {
    expect(() => f1Score([0, 1, 2], [0, 1, 2])).toThrow(/average = "binary".*multiclass/);
    expect(() => f1Score([0, 2, 2], [0, 2, 0])).toThrow(/posLabel = 1: is not a label/);
    expect(() => accuracyScore([0, 1], [0.2, 0.9])).toThrow(EvaluatorError);
    expect(() => accuracyScore([0, 1], [0.2, 0.9])).toThrow(/yPred.*continuous/);
    expect(() => accuracyScore([0, 1, 1], [0, 1])).toThrow(/one entry per sample/);
    expect(() => confusionMatrix([0, 1], [1, 0], { labels: [5] })).toThrow(/must occur in yTrue/);
  });

  it('MCC is 0 when undefined; confusion matrix honours a label order', () => {
    expect(matthewsCorrcoef([1, 1, 1], [1, 1, 1])).toBe(0);
    expect(matthewsCorrcoef([0, 1, 1], [1, 1, 1])).toBe(0);
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { labels: [2, 0] })).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });
});

describe('score metrics equal scikit-learn', () => {
  it.each(fx.scores)('$name', (c) => {
    const e = c as unknown as Record<string, number | string>;
    close(rocAucScore(c.yTrue, c.yScore), e.rocAucScore);
    if (e.averagePrecisionScore !== undefined) {
      close(averagePrecisionScore(c.yTrue, c.yScore), e.averagePrecisionScore);
    } else {
      close(
        averagePrecisionScore(c.yTrue, c.yScore, { posLabel: 2 }),
        e['averagePrecisionScore posLabel 2'],
      );
    }
  });
  it('average precision with no positive sample', () => {
    close(
      averagePrecisionScore(fx.apNoPositive.yTrue, fx.apNoPositive.yScore),
      fx.apNoPositive.value,
    );
  });
  it.each(fx.rocAucOvr)('one-vs-rest ROC AUC: $name', (c) => {
    close(rocAucScore(c.yTrue, c.yProba, { multiClass: 'ovr' }), c.macro);
    close(rocAucScore(c.yTrue, c.yProba, { multiClass: 'ovr', average: 'weighted' }), c.weighted);
  });
  it('by hand: ties count half', () => {
    // one positive and one negative with equal scores: AUC 0.5
    expect(rocAucScore([0, 1], [0.3, 0.3])).toBe(0.5);
    // pairs (pos, neg): (0.8 > 0.3), (0.3 = 0.3) -> (1 + 0.5) / 2
    expect(rocAucScore([0, 1, 1], [0.3, 0.8, 0.3])).toBe(0.75);
  });
  it('accepts a two-column probability matrix for a binary target', () => {
    expect(
      rocAucScore(
        [0, 1, 1],
        [
          [0.7, 0.3],
          [0.2, 0.8],
          [0.7, 0.3],
        ],
      ),
    ).toBe(0.75);
  });
  it('rejects one class, a multiclass target without ovr, and rows not summing to 1', () => {
    expect(() => rocAucScore([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/only one class/);
    expect(() => rocAucScore([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/multiClass: 'ovr'/);
    expect(() =>
      rocAucScore(
        [0, 1, 2],
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      ),
    ).toThrow(/multiClass/);
    expect(() =>
      rocAucScore(
        [0, 1, 2],
        [
          [0.5, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
        { multiClass: 'ovr' },
      ),
    ).toThrow(/sum to 1/);
    expect(() => averagePrecisionScore([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/binary targets only/);
  });
});

describe('log loss equals scikit-learn', () => {
  it.each(fx.logLoss)('$name', (c) => {
    close(logLoss(c.yTrue as Label[], c.yProba, c.options as LogLossOptions), c.value);
  });
  it('rejects a single class without labels and a column count that does not match', () => {
    expect(() => logLoss([1, 1], [0.5, 0.6])).toThrow(/single class/);
    expect(() =>
      logLoss(
        [0, 1, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/one column per class/);
  });
});

describe('regression metrics equal scikit-learn', () => {
  for (const c of fx.regression) {
    it(c.name, () => {
      const e = c.expected;
      close(meanSquaredError(c.yTrue, c.yPred), e.meanSquaredError);
      close(rootMeanSquaredError(c.yTrue, c.yPred), e.rootMeanSquaredError);
      close(meanAbsoluteError(c.yTrue, c.yPred), e.meanAbsoluteError);
      close(medianAbsoluteError(c.yTrue, c.yPred), e.medianAbsoluteError);
      close(meanAbsolutePercentageError(c.yTrue, c.yPred), e.meanAbsolutePercentageError);
      close(r2Score(c.yTrue, c.yPred), e.r2Score);
      close(r2Score(c.yTrue, c.yPred, { forceFinite: false }), e.r2ScoreNotFinite);
      close(explainedVarianceScore(c.yTrue, c.yPred), e.explainedVarianceScore);
    });
  }
  it('by hand: R² of a constant target is 1 if perfect, else 0', () => {
    expect(r2Score([3, 3, 3], [3, 3, 3])).toBe(1);
    expect(r2Score([3, 3, 3], [3, 2, 3])).toBe(0);
    expect(r2Score([3, 3, 3], [3, 2, 3], { forceFinite: false })).toBe(-Infinity);
  });
  it('rejects NaN and length mismatches', () => {
    expect(() => meanSquaredError([1, Number.NaN], [1, 2])).toThrow(/yTrue\[1\] = NaN/);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/one entry per sample/);
  });
});
