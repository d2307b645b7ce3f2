import { expect, it } from 'vitest';
import * as api from './index.js';

it('pins the public API surface', () => {
  expect(Object.keys(api).sort()).toEqual(['RandomSampler']);
});

it('refuses an unknown option name, as from JavaScript', () => {
  expect(() => new api.RandomSampler({ sed: 1 } as never)).toThrow(
    /^sed = 1: is not an option of RandomSampler/,
  );
});
