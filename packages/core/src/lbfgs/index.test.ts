import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface of @tunekit/core/lbfgs', () => {
  expect(Object.keys(api).sort()).toEqual(['minimizeLbfgs']);
});
