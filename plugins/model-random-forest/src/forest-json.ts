import { EvaluatorError, type Label } from '@tunekit/evaluators';
import type { RandomForestClassifierOptions } from './options.js';
import type { TreeJSON } from './tree.js';

/** A saved forest (`toJSON()`), restored by `fromJSON`. Plain JSON: safe for JSON.stringify. */
export interface RandomForestJSON {
  format: 'tunekit.random-forest';
  version: 1;
  task: 'classification' | 'regression';
  options: Omit<RandomForestClassifierOptions, 'criterion'> & { criterion: string };
  nFeatures: number;
  classes: Label[] | null;
  featureImportances: number[];
  trees: TreeJSON[] | null;
  mlModels: unknown[] | null;
}

/** Throws unless `j` is a saved forest of this format version and task. */
export function checkForestJSON(j: RandomForestJSON, task: RandomForestJSON['task']): void {
  if (j?.format !== 'tunekit.random-forest' || j.version !== 1 || j.task !== task) {
    throw new EvaluatorError(
      'json',
      j?.format,
      `must be a version-1 tunekit.random-forest ${task} model`,
    );
  }
}
