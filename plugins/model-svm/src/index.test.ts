import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ModelArgumentError',
    'NotFittedError',
    'Svc',
    'Svr',
    'preloadLibsvm',
    'setLibsvmBuild',
    'svc',
    'svcSpace',
    'svr',
    'svrSpace',
  ]);
});
