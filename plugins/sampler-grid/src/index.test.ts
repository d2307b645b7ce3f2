import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual(['GRID_ID_ATTR', 'GRID_KEY_ATTR', 'GridSampler']);
});

it('refuses an unknown option name, as from JavaScript', () => {
  expect(() => new api.GridSampler({ x: [1, 2] }, { sed: 1 } as never)).toThrow(
    /^sed = 1: is not an option of GridSampler/,
  );
});
