import type { Estimator } from '../src/estimator.js';

// Small reference estimators for the tests, written to behave as scikit-learn's
// KNeighborsClassifier/Regressor (brute force, Euclidean) and DummyRegressor(mean) on
// data without distance ties, so that fixture values from scikit-learn apply.

function neighbours(train: number[][], row: number[], k: number): number[] {
  const d = train.map((r, i) => ({ i, d: r.reduce((s, v, j) => s + (v - row[j]) ** 2, 0) }));
  d.sort((a, b) => a.d - b.d || a.i - b.i);
  return d.slice(0, k).map((x) => x.i);
}

export function knnClassifier(k: number): Estimator & { classes: number[] } {
  let Xt: number[][] = [];
  let yt: number[] = [];
  const est = {
    classes: [] as number[],
    fit(X: number[][], y: number[]) {
      Xt = X;
      yt = y;
      est.classes = [...new Set(y)].sort((a, b) => a - b);
    },
    predictProba(X: number[][]) {
      return X.map((row) => {
        const nb = neighbours(Xt, row, k);
        return est.classes.map((c) => nb.filter((i) => yt[i] === c).length / k);
      });
    },
    predict(X: number[][]) {
      return est.predictProba(X).map((p) => est.classes[p.indexOf(Math.max(...p))]);
    },
  };
  return est;
}

export function knnRegressor(k: number): Estimator {
  let Xt: number[][] = [];
  let yt: number[] = [];
  return {
    fit(X, y) {
      Xt = X;
      yt = y;
    },
    predict(X) {
      return X.map((row) => neighbours(Xt, row, k).reduce((s, i) => s + yt[i], 0) / k);
    },
  };
}

export function meanRegressor(): Estimator {
  let mean = 0;
  return {
    fit(_X, y) {
      mean = y.reduce((a, b) => a + b, 0) / y.length;
    },
    predict(X) {
      return X.map(() => mean);
    },
  };
}
