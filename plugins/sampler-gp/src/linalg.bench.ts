/**
 * Own Float64Array Cholesky vs ml-matrix 6.15's CholeskyDecomposition on a GP kernel matrix.
 * Run: cd plugins/sampler-gp && npx tsx --conditions=@tunekit/source src/linalg.bench.ts [n]
 * (ml-matrix is a dev dependency for this comparison only; the sampler does not use it.)
 */
import { createRng } from '@tunekit/core';
import {
  choleskyInverseLower,
  choleskySolveInPlace,
  solveLowerInPlace,
  solveLowerRowsInPlace,
} from '@tunekit/core/linalg';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { choleskyWithJitter } from './cholesky-with-jitter.js';
import { matern52 } from './kernel.js';

const n = Number(globalThis.process?.argv?.[2] ?? 300);
const d = 6;
const rng = createRng(0);
const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.random()));
const a = new Float64Array(n * n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) r2 += 4 * (x[i][k] - x[j][k]) ** 2;
    a[i * n + j] = matern52(r2) + (i === j ? 1e-4 : 0);
  }
}
const b = Float64Array.from({ length: n }, () => rng.normal());

function best(label: string, reps: number, f: () => void): void {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} ${Math.min(...times).toFixed(2)} ms (best of ${reps})`);
}

const m = new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n))));
const out = new Float64Array(n * n);
const rhs = new Float64Array(n);
console.log(`n = ${n}`);
best('own: Cholesky', 20, () => choleskyWithJitter(a, n, {}, out));
best('ml-matrix: new CholeskyDecomposition', 20, () => new CholeskyDecomposition(m));
const { factor } = choleskyWithJitter(a, n);
best('own: solve A x = b (two triangular solves)', 200, () => {
  rhs.set(b);
  choleskySolveInPlace(factor, n, rhs);
});
const chol = new CholeskyDecomposition(m);
const bm = Matrix.columnVector(Array.from(b));
best('ml-matrix: CholeskyDecomposition.solve', 200, () => chol.solve(bm));
best('own: lower triangle of A⁻¹ from the factor', 20, () => choleskyInverseLower(factor, n, out));

// Scoring the acquisition's candidates: one forward solve per candidate's kernel vector.
const candidates = 2048;
const rows = Float64Array.from({ length: candidates * n }, () => rng.random());
const scratch = new Float64Array(candidates * n);
best(`own: ${candidates} forward solves, one by one`, 5, () => {
  scratch.set(rows);
  for (let p = 0; p < candidates; p++)
    solveLowerInPlace(factor, n, scratch.subarray(p * n, p * n + n));
});
best(`own: ${candidates} forward solves, solveLowerRowsInPlace`, 5, () => {
  scratch.set(rows);
  solveLowerRowsInPlace(factor, n, scratch, candidates);
});
