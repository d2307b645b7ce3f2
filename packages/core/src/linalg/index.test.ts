import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface of @tunekit/core/linalg', () => {
  expect(Object.keys(api).sort()).toEqual([
    'choleskyInPlace',
    'choleskyInverseDiagonal',
    'choleskyInverseLower',
    'choleskySolveInPlace',
    'dot',
    'lowerInverseTransposed',
    'solveLowerInPlace',
    'solveLowerRowsInPlace',
    'solveUpperTransposedInPlace',
  ]);
});
