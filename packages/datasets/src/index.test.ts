import { expect, it } from 'vitest';
import * as api from './index.js';

it('exports exactly these runtime names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'datasetNames',
    'foldSplit',
    'loadDataset',
    'sklearnFolds',
  ]);
});
