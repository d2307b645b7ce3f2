import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API', () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      'STYBLINSKI_TANG_ARGMIN',
      'ackley',
      'ackley5',
      'bestSoFar',
      'blockVerdicts',
      'boxProblem',
      'boxSpace',
      'branin',
      'constantPoint',
      'contractLoop',
      'formatComparison',
      'formatTable',
      'gridFor',
      'hartmann6',
      'levy',
      'levy5',
      'mixed7',
      'normalisedAuc',
      'optunaBudget',
      'optunaFigure',
      'optunaReference',
      'probabilityBetter',
      'problemsByName',
      'quantile',
      'randomRegret',
      'referenceProblems',
      'rosenbrock',
      'rosenbrock5',
      'runBenchmark',
      'runStudy',
      'samplerRegistry',
      'styblinskiTang',
      'styblinskiTang5',
      'summarize',
      'vectorOf',
    ].sort(),
  );
});
