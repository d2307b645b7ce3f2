import { loadDataset, sklearnFolds } from '@tunekit/datasets';
import { crossValidate, predefinedSplit } from '@tunekit/evaluators';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import ref from '../fixtures/sklearn-coefficients.json' with { type: 'json' };
import { ModelArgumentError, NotFittedError } from './index.js';
import { logisticRegression } from './logistic.js';
import { elasticNet, lasso, linearRegression, ridge } from './regressors.js';

type Case = { coef: number[] | number[][]; intercept: number | number[] };
const cases = ref.cases as Record<string, Case>;

/** |a - b| <= 1e-4 * max(|b|, scale): relative, with an absolute floor for coefficients at 0. */
function expectCoefs(actual: number[], expected: number[], scale: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      1e-4 * Math.max(Math.abs(expected[i]), scale),
    );
  }
}

function expectCase(coef: number[] | number[][], intercept: number | number[], name: string): void {
  const c = cases[name];
  const flat = (v: number | number[] | number[][]) => [v].flat(2) as number[];
  const scale = Math.max(...flat(c.coef).map(Math.abs));
  expectCoefs(flat(coef), flat(c.coef), scale);
  expectCoefs(flat(intercept), flat(c.intercept), scale);
}

describe('closed forms by hand', () => {
  // y = 1 + 2 x exactly on x = 0..4: slope cov/var = 2, intercept 1.
  const X1 = [[0], [1], [2], [3], [4]];
  const y1 = [1, 3, 5, 7, 9];

  it('OLS recovers an exact line and the 2x2 normal equations', () => {
    const m = linearRegression();
    m.fit(X1, y1);
    expect(m.coef[0]).toBeCloseTo(2, 12);
    expect(m.intercept).toBeCloseTo(1, 12);
    // no intercept, X = [[1,0],[0,1],[1,1]], y = [1,2,4]: X^T X = [[2,1],[1,2]], X^T y = [5,6]
    // -> w = [[2,-1],[-1,2]]/3 [5,6] = [4/3, 7/3]
    const n = linearRegression({ fitIntercept: false });
    n.fit(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [1, 2, 4],
    );
    expect(n.coef[0]).toBeCloseTo(4 / 3, 12);
    expect(n.coef[1]).toBeCloseTo(7 / 3, 12);
  });

  it('OLS gives the minimum-norm solution for duplicated columns (as lstsq)', () => {
    const m = linearRegression({ fitIntercept: false });
    m.fit(
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      [2, 4, 6],
    );
    // any w1 + w2 = 2 fits; the minimum-norm one is (1, 1)
    expect(m.coef[0]).toBeCloseTo(1, 9);
    expect(m.coef[1]).toBeCloseTo(1, 9);
  });

  it('ridge: w = sum(xc yc) / (sum(xc^2) + alpha)', () => {
    const m = ridge({ alpha: 10 });
    m.fit(X1, y1);
    // centred x: -2..2, sum xc^2 = 10, sum xc yc = 2 * 10 = 20 -> w = 20 / 20 = 1; b = 5 - 2 * 1 = 3
    expect(m.coef[0]).toBeCloseTo(1, 12);
    expect(m.intercept).toBeCloseTo(3, 12);
  });

  it('lasso: one standardised feature gives the soft-thresholded OLS slope', () => {
    // x = v / sqrt(2) for v = -2..2 has sum x^2 = n = 5 and y = 5 + 2v, so x.y / n = (20 / sqrt(2)) / 5
    // = 2 sqrt(2), and the lasso solution is the soft threshold S(2 sqrt(2), alpha).
    const x = [[-2], [-1], [0], [1], [2]].map(([v]) => [v / Math.sqrt(2)]);
    const m = lasso({ alpha: 1.5, tol: 1e-12 });
    m.fit(x, y1);
    expect(m.coef[0]).toBeCloseTo(2 * Math.SQRT2 - 1.5, 10);
    expect(m.converged).toBe(true);
    // elastic net with l1Ratio 0.5: w = S(c, alpha/2) / (1 + alpha/2)
    const e = elasticNet({ alpha: 1, l1Ratio: 0.5, tol: 1e-12 });
    e.fit(x, y1);
    expect(e.coef[0]).toBeCloseTo((2 * Math.SQRT2 - 0.5) / 1.5, 10);
    const big = lasso({ alpha: 100 });
    big.fit(x, y1);
    expect(big.coef).toEqual([0]);
    expect(big.intercept).toBe(5);
  });

  it('logistic: the unpenalised binary fit of balanced overlapping data matches the hand-made optimum', () => {
    // x = 0 has labels [0, 1], x = 1 has labels [0, 1, 1, 1] -> p(0) = 1/2, p(1) = 3/4
    // so b = logit(1/2) = 0 and w = logit(3/4) = ln 3.
    const m = logisticRegression({ penalty: 'none', tol: 1e-10 });
    m.fit([[0], [0], [1], [1], [1], [1]], [0, 1, 0, 1, 1, 1]);
    expect(m.coef[0][0]).toBeCloseTo(Math.log(3), 7);
    expect(m.intercept[0]).toBeCloseTo(0, 7);
  });
});

describe('against scikit-learn 1.2.1 coefficients (fixtures/sklearn-coefficients.py)', () => {
  const X = ref.X;
  it('LinearRegression, Ridge, with and without intercept and scaling', () => {
    const check = (m: ReturnType<typeof ridge>, y: number[], name: string) => {
      m.fit(X, y);
      expectCase(m.coef, m.intercept, name);
    };
    check(linearRegression(), ref.y, 'linearRegression');
    check(linearRegression({ fitIntercept: false }), ref.y, 'linearRegressionNoIntercept');
    check(ridge({ alpha: 1.5 }), ref.y, 'ridge1.5');
    check(ridge({ alpha: 1.5, fitIntercept: false }), ref.y, 'ridge1.5NoIntercept');
    check(ridge({ alpha: 10, standardize: true }), ref.y, 'ridge10Standardized');
  });

  it('Lasso and ElasticNet (coordinate descent)', () => {
    const fits: [ReturnType<typeof lasso>, string][] = [
      [lasso({ alpha: 0.1, tol: 1e-12, maxIter: 100000 }), 'lasso0.1'],
      [
        lasso({ alpha: 0.5, fitIntercept: false, tol: 1e-12, maxIter: 100000 }),
        'lasso0.5NoIntercept',
      ],
      [elasticNet({ alpha: 0.2, l1Ratio: 0.3, tol: 1e-12, maxIter: 100000 }), 'elasticNet0.2_0.3'],
      [
        elasticNet({ alpha: 0.5, l1Ratio: 0.7, standardize: true, tol: 1e-12, maxIter: 100000 }),
        'elasticNet0.5_0.7Standardized',
      ],
    ];
    for (const [m, name] of fits) {
      m.fit(X, ref.y);
      expectCase(m.coef, m.intercept, name);
      expect(m.converged).toBe(true);
    }
  });

  it('LogisticRegression l2 / none, binary and multinomial (L-BFGS)', () => {
    const fits: [ReturnType<typeof logisticRegression>, number[], string][] = [
      [logisticRegression({ C: 0.5, tol: 1e-8, maxIter: 1000 }), ref.yBinary, 'logisticL2C0.5'],
      [
        logisticRegression({ penalty: 'none', tol: 1e-8, maxIter: 1000 }),
        ref.yBinary,
        'logisticNoneBinary',
      ],
      [logisticRegression({ C: 0.3, tol: 1e-8, maxIter: 1000 }), ref.yMulti, 'logisticL2C0.3Multi'],
      [
        logisticRegression({ C: 1, fitIntercept: false, tol: 1e-8, maxIter: 1000 }),
        ref.yMulti,
        'logisticL2C1MultiNoIntercept',
      ],
    ];
    for (const [m, y, name] of fits) {
      m.fit(X, y);
      expectCase(m.coef, m.intercept, name);
    }
  });

  it('LogisticRegression l1 / elasticnet, binary and multinomial (FISTA)', () => {
    const fits: [ReturnType<typeof logisticRegression>, number[], string][] = [
      [
        logisticRegression({
          penalty: 'l1',
          C: 0.5,
          standardize: true,
          tol: 1e-9,
          maxIter: 100000,
        }),
        ref.yBinary,
        'logisticL1C0.5',
      ],
      [
        logisticRegression({
          penalty: 'elasticnet',
          C: 0.5,
          l1Ratio: 0.6,
          standardize: true,
          tol: 1e-9,
          maxIter: 100000,
        }),
        ref.yBinary,
        'logisticEnetC0.5R0.6',
      ],
      [
        logisticRegression({ penalty: 'l1', C: 1, standardize: true, tol: 1e-9, maxIter: 100000 }),
        ref.yMulti,
        'logisticL1C1Multi',
      ],
    ];
    for (const [m, y, name] of fits) {
      m.fit(X, y);
      expectCase(m.coef, m.intercept, name);
      expect(m.converged).toBe(true);
    }
  });
});

describe('logisticRegression behaviour', () => {
  it('maps string labels, orders probability columns like classes_, and is deterministic', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const y = ['spam', 'spam', 'ham', 'spam', 'ham', 'ham'];
    const a = logisticRegression<string>({ C: 10 });
    a.fit(X, y);
    expect(a.classes).toEqual(['ham', 'spam']);
    const p = a.predictProba([[0], [5]]);
    expect(p[0][1]).toBeGreaterThan(0.5);
    expect(a.predict([[0], [5]])).toEqual(['spam', 'ham']);
    const b = logisticRegression<string>({ C: 10 });
    b.fit(X, y);
    expect(b.predictProba(X)).toEqual(a.predictProba(X));
  });

  it('rejects bad options and data', () => {
    expect(() => logisticRegression({ C: 0 })).toThrow(ModelArgumentError);
    expect(() => logisticRegression({ penalty: 'l3' as 'l2' })).toThrow(/penalty/);
    expect(() => logisticRegression({ l1Ratio: 2 })).toThrow(/l1Ratio = 2/);
    expect(() => ridge({ alpha: -1 })).toThrow(/alpha = -1/);
    expect(() => lasso({ maxIter: 0 })).toThrow(/maxIter/);
    expect(() => logisticRegression().fit([[0], [1]], [1, 1])).toThrow(/at least 2 classes/);
    expect(() => ridge().predict([[1]])).toThrow(NotFittedError);
  });

  it('property: probabilities are a distribution and predict is their argmax', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.integer({ min: 0, max: 2 }),
          ),
          {
            minLength: 6,
            maxLength: 30,
          },
        ),
        fc.constantFrom('l2', 'l1', 'elasticnet', 'none') as fc.Arbitrary<
          'l2' | 'l1' | 'elasticnet' | 'none'
        >,
        (rows, penalty) => {
          const y = rows.map((r, i) => (i < 3 ? i : r[2]));
          const X = rows.map(([a, b]) => [a, b]);
          const m = logisticRegression({ penalty, maxIter: 50 });
          m.fit(X, y);
          const labels = m.predict(X);
          m.predictProba(X).forEach((p, i) => {
            expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
            for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
            expect(labels[i]).toBe(m.classes[p.indexOf(Math.max(...p))]);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('5-fold CV within 2 points of scikit-learn', () => {
  // from packages/datasets/load.py's load(); same unshuffled folds (KFold(5) for diabetes):
  // cross_val_score(Ridge(alpha=10), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.4757606132091257
  // cross_val_score(Lasso(alpha=0.5), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.47932177620052663
  // cross_val_score(ElasticNet(alpha=0.1, l1_ratio=0.5), *load('diabetes'), cv=KFold(5), scoring='r2').mean() -> 0.47121725112008067
  // cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), *load('breast_cancer'), cv=StratifiedKFold(5)).mean() -> 0.9806862288464524
  // cross_val_score(make_pipeline(StandardScaler(), LogisticRegression(penalty='elasticnet', C=0.2, l1_ratio=0.5, solver='saga', max_iter=5000)), *load('wine'), cv=StratifiedKFold(5)).mean() -> 0.9776190476190475
  it('regressors on diabetes (R^2)', async () => {
    const d = loadDataset('diabetes');
    const f = sklearnFolds('diabetes');
    expect(
      Math.abs(
        (
          await crossValidate(() => ridge({ alpha: 10 }), d.X, d.y, {
            cv: predefinedSplit({ testFold: f }),
            scoring: 'r2',
          })
        ).meanTestScore - 0.4757606132091257,
      ),
    ).toBeLessThan(0.02);
    expect(
      Math.abs(
        (
          await crossValidate(() => lasso({ alpha: 0.5 }), d.X, d.y, {
            cv: predefinedSplit({ testFold: f }),
            scoring: 'r2',
          })
        ).meanTestScore - 0.47932177620052663,
      ),
    ).toBeLessThan(0.02);
    expect(
      Math.abs(
        (
          await crossValidate(() => elasticNet({ alpha: 0.1, l1Ratio: 0.5 }), d.X, d.y, {
            cv: predefinedSplit({ testFold: f }),
            scoring: 'r2',
          })
        ).meanTestScore - 0.47121725112008067,
      ),
    ).toBeLessThan(0.02);
  });

  it('logistic regression on breast cancer and wine (accuracy)', async () => {
    const bc = loadDataset('breast_cancer');
    const a = (
      await crossValidate(() => logisticRegression({ standardize: true }), bc.X, bc.y, {
        cv: predefinedSplit({ testFold: sklearnFolds('breast_cancer') }),
        scoring: 'accuracy',
      })
    ).meanTestScore;
    expect(Math.abs(a - 0.9806862288464524)).toBeLessThan(0.02);
    const wine = loadDataset('wine');
    const b = (
      await crossValidate(
        () =>
          logisticRegression({ penalty: 'elasticnet', C: 0.2, l1Ratio: 0.5, standardize: true }),
        wine.X,
        wine.y,
        { cv: predefinedSplit({ testFold: sklearnFolds('wine') }), scoring: 'accuracy' },
      )
    ).meanTestScore;
    expect(Math.abs(b - 0.9776190476190475)).toBeLessThan(0.02);
  });
});
