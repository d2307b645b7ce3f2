import type { StudyDirection } from '@tunekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
// Produced by scripts/optuna-random-fixtures.py with Optuna 3.1.0 and numpy 1.24.2 (see its
// docstring): random scenarios, curves and options from a fixed seed. The generator leaves out
// one case on purpose, documented in the README: a successive halving or Hyperband report that
// reaches two or more new rungs at once (replay stores no rung attrs; see the script).
import fixtures from './fixtures/optuna-3.1-random.json' with { type: 'json' };
import { fixturePruner, replay, replayInRuntime, scaledCurves } from './test-utils.js';

interface Scenario {
  readonly name: string;
  readonly pruner: string;
  readonly options: Record<string, unknown>;
  readonly direction: StudyDirection;
  readonly studyName: string;
  readonly scale: number;
  /** Integer units of 1 / scale, or 'NaN', 'Infinity', '-Infinity'; null = no report at that step. */
  readonly curves: readonly (readonly (number | string | null)[])[];
  readonly prunedAt: readonly (number | null)[];
  readonly states: readonly string[];
}

const scenarios = fixtures.scenarios as unknown as readonly Scenario[];

const curvesOf = (s: Scenario) => scaledCurves(s.curves, s.direction, s.scale);

describe('decisions match Optuna 3.1 on random replayed studies', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('covers every pruner with a few hundred scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(scenarios.map((s) => s.pruner));
    expect([...kinds].sort()).toEqual([
      'hyperband',
      'median',
      'patient',
      'percentile',
      'sha',
      'threshold',
    ]);
  });

  for (const s of scenarios) {
    it(`${s.name} (${s.direction}, ${JSON.stringify(s.options)})`, () => {
      const { prunedAt, trials } = replay(
        fixturePruner(s.pruner, s.options),
        curvesOf(s),
        s.direction,
        s.studyName,
      );
      expect(prunedAt).toEqual(s.prunedAt);
      expect(trials.map((t) => t.state)).toEqual(s.states);
    });

    it(`${s.name} in the runtime, which stores the rung attrs`, async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { prunedAt, states } = await replayInRuntime(
        fixturePruner(s.pruner, s.options),
        curvesOf(s),
        s.direction,
        s.studyName,
      );
      expect(prunedAt).toEqual(s.prunedAt);
      expect(states).toEqual(s.states);
    });
  }
});
