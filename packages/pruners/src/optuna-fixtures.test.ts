import type { StudyDirection } from '@tunekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
// Produced by scripts/optuna-fixtures.py with Optuna 3.1.0 and numpy 1.24.2 (see its docstring).
import fixtures from './fixtures/optuna-3.1.json' with { type: 'json' };
import { HyperbandPruner } from './hyperband.js';
import { fixturePruner, replay, replayInRuntime } from './test-utils.js';

type Curve = (number | string | null)[];

/** The values the Python objective reported: sign * curve value. */
function curvesOf(s: { direction: string; curves: unknown }): (number | null)[][] {
  const sign = s.direction === 'maximize' ? -1 : 1;
  return (s.curves as Curve[]).map((c) =>
    c.map((v) => (v === null ? null : v === 'NaN' ? Number.NaN : sign * (v as number))),
  );
}

describe('decisions match Optuna 3.1 on replayed studies', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const s of fixtures.scenarios) {
    it(s.name, () => {
      const { prunedAt } = replay(
        fixturePruner(s.pruner, s.options),
        curvesOf(s),
        s.direction as StudyDirection,
        'fixture',
      );
      expect(prunedAt).toEqual(s.prunedAt);
    });

    it(`${s.name} in the runtime, which stores the rung attrs`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { prunedAt } = await replayInRuntime(
        fixturePruner(s.pruner, s.options),
        curvesOf(s),
        s.direction as StudyDirection,
        'fixture',
      );
      expect(prunedAt).toEqual(s.prunedAt);
    });
  }

  it("Hyperband's bracket of each trial number equals Optuna's (crc32 of study name and number)", () => {
    const f = fixtures.hyperbandBrackets;
    const hb = new HyperbandPruner(f.options);
    // Brackets exist once maxResource is known; a first prune call creates them.
    hb.prune({ ...emptyView(f.studyName) }, { number: 0, intermediateValues: new Map() } as never);
    expect(hb.budgets).toEqual(f.budgets);
    expect(f.brackets.map((_, i) => hb.bracketOf(f.studyName, i))).toEqual(f.brackets);
  });
});

function emptyView(studyName: string) {
  return {
    studyName,
    directions: ['minimize'] as const,
    direction: 'minimize' as const,
    userAttrs: {},
    systemAttrs: {},
    trials: [],
    getTrials: () => [],
    stop: () => {},
  };
}
