import { float, int } from '@tunekit/search-space';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import type { TrialState } from '../types.js';
import {
  checkFinishedState,
  checkParamDistribution,
  isFinishedState,
  staleTrialFailReason,
  stateTransitionAllowed,
} from './rules.js';

const STATES: readonly TrialState[] = ['WAITING', 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL'];

describe('storage rules', () => {
  it('allow exactly RUNNING -> COMPLETE/PRUNED/FAIL and WAITING -> RUNNING', () => {
    const allowed = STATES.flatMap((from) =>
      STATES.filter((to) => stateTransitionAllowed(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual([
      'WAITING>RUNNING',
      'RUNNING>COMPLETE',
      'RUNNING>PRUNED',
      'RUNNING>FAIL',
    ]);
    expect(STATES.filter(isFinishedState)).toEqual(['COMPLETE', 'PRUNED', 'FAIL']);
  });

  it('checkFinishedState refuses WAITING and RUNNING', () => {
    for (const s of ['COMPLETE', 'PRUNED', 'FAIL'] as const)
      expect(() => checkFinishedState(s)).not.toThrow();
    for (const s of ['WAITING', 'RUNNING'] as const)
      expect(() => checkFinishedState(s)).toThrow(InvalidArgumentError);
  });

  it('a name keeps one distribution: an equal one passes, another throws naming both', () => {
    expect(() => checkParamDistribution(7, 'x', undefined, float(0, 1))).not.toThrow();
    expect(() => checkParamDistribution(7, 'x', float(0, 1), float(0, 1))).not.toThrow();
    let error: unknown;
    try {
      checkParamDistribution(7, 'x', int(0, 3), float(0, 1));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).param).toBe('distribution of "x" in trial 7');
    expect((error as Error).message).toContain('"type":"int"');
    expect((error as Error).message).toContain('one name keeps one distribution');
  });

  it('names the grace period in the stale-heartbeat reason', () => {
    expect(staleTrialFailReason(1500)).toBe('no heartbeat for more than 1500 ms');
  });
});
