import { describe, expect, it } from 'vitest';
import { categorical, float, int } from './distributions.js';
import { SearchSpaceError } from './errors.js';
import { distributionFromJSON, spaceFromJSON, spaceToJSON, toJSON } from './json.js';
import { space, validateDistribution } from './space.js';

describe('space', () => {
  it('keeps names in declaration order', () => {
    const s = space({
      lr: float(1e-5, 1, { log: true }),
      layers: int(1, 8),
      act: categorical(['relu', 'tanh']),
    });
    expect(s.names).toEqual(['lr', 'layers', 'act']);
    expect(s.kind).toBe('space');
  });

  it('names the parameter of an invalid hand-written distribution', () => {
    const bad = { type: 'float', low: 0, high: 1, log: true, step: null } as const;
    try {
      space({ lr: bad });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SearchSpaceError);
      expect((e as SearchSpaceError).param).toBe('lr');
      expect((e as SearchSpaceError).rule).toBe('log-nonpositive-low');
      expect((e as Error).message).toContain('parameter "lr"');
    }
  });

  it('rejects objects that are not distributions', () => {
    expect(() => space({ x: 3 as never })).toThrow(SearchSpaceError);
    expect(() => validateDistribution({ type: 'normal' }, 'x')).toThrow(
      /unknown distribution type "normal"/,
    );
  });
});

describe('JSON round trip', () => {
  const all = [
    float(0, 1),
    float(1e-6, 0.1, { log: true }),
    float(-2, 2, { step: 0.5 }),
    int(0, 10),
    int(1, 1024, { log: true }),
    int(-6, 6, { step: 3 }),
    categorical(['a', 2, false, null]),
  ];

  it('is lossless through JSON.stringify for every kind', () => {
    for (const d of all) {
      expect(distributionFromJSON(JSON.stringify(toJSON(d)))).toEqual(d);
      expect(distributionFromJSON(toJSON(d))).toEqual(d);
    }
  });

  it('round-trips a whole space', () => {
    const s = space({ a: all[0], b: all[4], c: all[6] });
    const back = spaceFromJSON(JSON.stringify(spaceToJSON(s)));
    expect(back.distributions).toEqual(s.distributions);
    expect(back.names).toEqual(s.names);
  });

  it('validates what it parses', () => {
    expect(() =>
      distributionFromJSON('{"type":"int","low":3,"high":1,"log":false,"step":1}'),
    ).toThrow(/low \(3\) must not exceed high \(1\)/);
    expect(() => distributionFromJSON('not json')).toThrow(SearchSpaceError);
  });
});
