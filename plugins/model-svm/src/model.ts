import type { Kernel } from './libsvm.js';

/** A trained libsvm model, parsed from its text serialisation. */
export interface SvmModel {
  readonly kernel: Kernel;
  readonly gamma: number;
  readonly degree: number;
  readonly coef0: number;
  /** Number of classes (2 for regression's single function). */
  readonly nClass: number;
  /** Training label of each model class, in libsvm's order (first appearance). */
  readonly labels: number[];
  /** Support vectors per class, in that order. */
  readonly nSV: number[];
  /** Support vectors, row-major, `nFeatures` wide. */
  readonly sv: Float64Array;
  readonly nFeatures: number;
  /** `nClass - 1` rows of dual coefficients, each `sv.length / nFeatures` long. */
  readonly coef: Float64Array[];
  /** One offset per class pair (libsvm prints it with 6 significant digits). */
  readonly rho: number[];
}

/**
 * Parses libsvm's model text. Kernel parameters are taken from the caller (libsvm prints
 * gamma with 6 significant digits); rho is only available at the printed precision, so
 * decision values can differ from libsvm's own in the 6th significant digit.
 */
export function parseModel(
  text: string,
  nFeatures: number,
  params: { kernel: Kernel; gamma: number; degree: number; coef0: number },
): SvmModel {
  const lines = text.split('\n');
  const header = new Map<string, string[]>();
  let i = 0;
  for (; i < lines.length && lines[i].trim() !== 'SV'; i++) {
    const [key, ...rest] = lines[i].trim().split(/\s+/);
    header.set(key, rest);
  }
  const nClass = Number(header.get('nr_class')?.[0] ?? 2);
  const total = Number(header.get('total_sv')?.[0] ?? 0);
  const rho = (header.get('rho') ?? []).map(Number);
  const labels = (header.get('label') ?? []).map(Number);
  const nSV = (header.get('nr_sv') ?? [String(total)]).map(Number);
  const sv = new Float64Array(total * nFeatures);
  const coef = Array.from({ length: nClass - 1 }, () => new Float64Array(total));
  for (let s = 0; s < total; s++) {
    const parts = lines[i + 1 + s].trim().split(/\s+/);
    for (let c = 0; c < nClass - 1; c++) coef[c][s] = Number(parts[c]);
    for (let t = nClass - 1; t < parts.length; t++) {
      const colon = parts[t].indexOf(':');
      const index = Number(parts[t].slice(0, colon)) - 1;
      if (index >= 0 && index < nFeatures)
        sv[s * nFeatures + index] = Number(parts[t].slice(colon + 1));
    }
  }
  return { ...params, nClass, labels, nSV, sv, nFeatures, coef, rho };
}

function kernelValues(m: SvmModel, x: Float64Array, xo: number, out: Float64Array): void {
  const p = m.nFeatures;
  const n = out.length;
  for (let s = 0; s < n; s++) {
    const so = s * p;
    if (m.kernel === 'rbf') {
      let d = 0;
      for (let j = 0; j < p; j++) {
        const t = x[xo + j] - m.sv[so + j];
        d += t * t;
      }
      out[s] = Math.exp(-m.gamma * d);
      continue;
    }
    let dot = 0;
    for (let j = 0; j < p; j++) dot += x[xo + j] * m.sv[so + j];
    out[s] =
      m.kernel === 'linear'
        ? dot
        : m.kernel === 'poly'
          ? (m.gamma * dot + m.coef0) ** m.degree
          : Math.tanh(m.gamma * dot + m.coef0);
  }
}

/**
 * libsvm's decision values of each row: one per class pair (i < j, in model order; positive
 * means class i), or the regression value. Rows x pairs, row-major.
 */
export function decisionValues(m: SvmModel, X: Float64Array, rows: number): Float64Array {
  const total = m.coef.length > 0 ? m.coef[0].length : 0;
  const k = m.nClass;
  const pairs = (k * (k - 1)) / 2;
  const out = new Float64Array(rows * pairs);
  const kv = new Float64Array(total);
  const start: number[] = [0];
  for (let c = 1; c < k; c++) start.push(start[c - 1] + m.nSV[c - 1]);
  for (let r = 0; r < rows; r++) {
    kernelValues(m, X, r * m.nFeatures, kv);
    let pi = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let sum = 0;
        const c1 = m.coef[j - 1];
        const c2 = m.coef[i];
        for (let s = start[i], e = start[i] + m.nSV[i]; s < e; s++) sum += c1[s] * kv[s];
        for (let s = start[j], e = start[j] + m.nSV[j]; s < e; s++) sum += c2[s] * kv[s];
        out[r * pairs + pi] = sum - m.rho[pi];
        pi++;
      }
    }
  }
  return out;
}

/** Regression values: sum of coef * K - rho. */
export function regressionValues(m: SvmModel, X: Float64Array, rows: number): Float64Array {
  const total = m.coef[0].length;
  const kv = new Float64Array(total);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    kernelValues(m, X, r * m.nFeatures, kv);
    let sum = 0;
    for (let s = 0; s < total; s++) sum += m.coef[0][s] * kv[s];
    out[r] = sum - m.rho[0];
  }
  return out;
}

/** One-vs-one voting as libsvm predicts: ties go to the class first in model order. */
export function vote(m: SvmModel, dec: Float64Array, r: number): number {
  const k = m.nClass;
  const pairs = (k * (k - 1)) / 2;
  const votes = new Array<number>(k).fill(0);
  let pi = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (dec[r * pairs + pi] > 0) votes[i]++;
      else votes[j]++;
      pi++;
    }
  }
  let best = 0;
  for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
  return best;
}
