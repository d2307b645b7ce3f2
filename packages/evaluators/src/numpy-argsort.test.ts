import { describe, expect, it } from 'vitest';
import fx from '../fixtures/numpy-argsort.json' with { type: 'json' };
import { numpyArgsort } from './numpy-argsort.js';

// Reference: np.argsort from numpy 1.24.2, fixtures/numpy-argsort.json
// (scripts/numpy-argsort-fixture.py); ties are where it differs from a stable sort. The
// "adversarial" cases (McIlroy's antiquicksort) reach the heapsort fallback.
describe('numpyArgsort', () => {
  it.each(fx.cases.map((c, i) => ({ ...c, i, n: c.values.length })))(
    'case $i (n = $n) equals numpy',
    (c) => {
      expect(numpyArgsort(c.values)).toEqual(c.argsort);
    },
  );
});
