import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual(['GRID_ID_ATTR', 'GRID_KEY_ATTR', 'GridSampler']);
});
