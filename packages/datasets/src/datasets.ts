import { readFileSync } from 'node:fs';

/** The datasets in `data/` (scikit-learn's bundled CSVs). */
export type DatasetName = 'iris' | 'wine' | 'breast_cancer' | 'digits' | 'diabetes';

/** Every dataset name, in the order of the table in the README. */
export const datasetNames: readonly DatasetName[] = Object.freeze([
  'iris',
  'wine',
  'breast_cancer',
  'digits',
  'diabetes',
]);

/** A dataset as scikit-learn's `load_*()` gives it (unscaled diabetes, as `scaled=False`). */
export interface Dataset {
  /** One row of features per sample. */
  X: number[][];
  /** Class index 0..k-1 (classification) or the target value (diabetes). */
  y: number[];
  /** scikit-learn's `feature_names`. */
  featureNames: string[];
  /** scikit-learn's `target_names` (classification only): the name of class `i` is entry `i`. */
  targetNames?: string[];
}

interface Names {
  featureNames: string[];
  targetNames?: string[];
}

const cache = new Map<DatasetName, { X: number[][]; y: number[] }>();
let names: Record<DatasetName, Names> | undefined;
let folds: Record<DatasetName, number[]> | undefined;

function text(file: string): string {
  // `data/` sits next to both `src/` and `dist/`.
  return readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8');
}

function checkName(name: unknown): DatasetName {
  if (!datasetNames.includes(name as DatasetName))
    throw new Error(`unknown dataset ${JSON.stringify(name)}; one of ${datasetNames.join(', ')}`);
  return name as DatasetName;
}

function parse(name: DatasetName): { X: number[][]; y: number[] } {
  if (name === 'diabetes') {
    const lines = (file: string) => text(file).trim().split('\n');
    return {
      X: lines('diabetes_data_raw.csv').map((l) => l.trim().split(/\s+/).map(Number)),
      y: lines('diabetes_target.csv').map(Number),
    };
  }
  // Classification files: features then the class index; all but digits open with a
  // `rows,features,class names...` header line.
  const lines = text(name === 'wine' ? 'wine_data.csv' : `${name}.csv`)
    .trim()
    .split('\n');
  const rows = (name === 'digits' ? lines : lines.slice(1)).map((l) => l.split(',').map(Number));
  return { X: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]) };
}

/**
 * Loads one of the bundled datasets. Every call returns fresh arrays (files are parsed once
 * per process), so callers may modify what they get.
 */
export function loadDataset(name: DatasetName): Dataset {
  const key = checkName(name);
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parse(key);
    cache.set(key, parsed);
  }
  names ??= JSON.parse(text('names.json')) as Record<DatasetName, Names>;
  const n = names[key];
  return {
    X: parsed.X.map((row) => row.slice()),
    y: parsed.y.slice(),
    featureNames: n.featureNames.slice(),
    ...(n.targetNames ? { targetNames: n.targetNames.slice() } : {}),
  };
}

/**
 * The fold id (0..4) of every row under scikit-learn 1.2.1's unshuffled `StratifiedKFold(5)`
 * (`KFold(5)` for diabetes): tests compare with scikit-learn figures computed on exactly these
 * folds. Pass it to `predefinedSplit({ testFold })` of @tunekit/evaluators.
 */
export function sklearnFolds(name: DatasetName): number[] {
  const key = checkName(name);
  folds ??= JSON.parse(text('sklearn-folds.json')) as Record<DatasetName, number[]>;
  return folds[key].slice();
}

/** Rows of folds 1-4 (train) and of fold 0 (test) of `sklearnFolds(name)`. */
export function foldSplit(name: DatasetName): { train: Dataset; test: Dataset } {
  const d = loadDataset(name);
  const f = sklearnFolds(name);
  const pick = (inTest: boolean): Dataset => {
    const idx = f.flatMap((k, i) => ((k === 0) === inTest ? [i] : []));
    return { ...d, X: idx.map((i) => d.X[i]), y: idx.map((i) => d.y[i]) };
  };
  return { train: pick(false), test: pick(true) };
}
