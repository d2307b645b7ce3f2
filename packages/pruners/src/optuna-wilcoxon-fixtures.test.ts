import type { StudyDirection } from '@tunekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
// Produced by scripts/optuna-wilcoxon-fixtures.py from Optuna's own WilcoxonPruner (a source
// checkout; Debian's Optuna 3.1 predates the pruner) with numpy 1.24.2 and scipy 1.10.1:
// random per-instance studies whose paired differences never tie or vanish (see its
// docstring).
import fixtures from './fixtures/optuna-wilcoxon.json' with { type: 'json' };
import { fixturePruner, replay, replayInRuntime, scaledCurves } from './test-utils.js';

interface Scenario {
  readonly name: string;
  readonly direction: StudyDirection;
  readonly options: { pThreshold: number; nStartupSteps: number };
  /** Integer units of 1 / scale, or 'NaN'; null = no report at that step. */
  readonly curves: readonly (readonly (number | string | null)[])[];
  readonly prunedAt: readonly (number | null)[];
  readonly states: readonly string[];
}

const scenarios = fixtures.scenarios as unknown as readonly Scenario[];

const curvesOf = (s: Scenario) => scaledCurves(s.curves, s.direction, fixtures.scale);

describe("WilcoxonPruner decides as Optuna's on random per-instance studies", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('holds a hundred scenarios that prune, complete and fail trials', () => {
    expect(scenarios.length).toBe(100);
    const states = new Set(scenarios.flatMap((s) => s.states));
    expect([...states].sort()).toEqual(['COMPLETE', 'FAIL', 'PRUNED']);
  });

  for (const s of scenarios) {
    it(s.name, () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { prunedAt, trials } = replay(
        fixturePruner('wilcoxon', s.options),
        curvesOf(s),
        s.direction,
        'fixture',
        'mean',
      );
      expect(prunedAt).toEqual(s.prunedAt);
      expect(trials.map((t) => t.state)).toEqual(s.states);
    });

    it(`${s.name} in the runtime`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { prunedAt, states } = await replayInRuntime(
        fixturePruner('wilcoxon', s.options),
        curvesOf(s),
        s.direction,
        'fixture',
        'mean',
      );
      expect(prunedAt).toEqual(s.prunedAt);
      expect(states).toEqual(s.states);
    });
  }
});
