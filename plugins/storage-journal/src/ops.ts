import type { JsonValue, ParamValue, StudyDirection, TrialState } from '@tunekit/core';
import type { DistributionJSON } from '@tunekit/search-space';

/** A number in the journal: finite, or 'NaN' / 'Infinity' / '-Infinity' / '-0' (JSON has none of them). */
export type JournalNumber = number | string;

/**
 * One line of the journal. Every id, number and timestamp is decided by the writer under the
 * lock and written out, so replaying the same lines gives every process the same state.
 */
export type JournalOp =
  | { op: 'createStudy'; studyId: number; name: string; directions: StudyDirection[]; t: number }
  | { op: 'deleteStudy'; studyId: number }
  | { op: 'studyAttr'; studyId: number; system: boolean; key: string; value: JsonValue }
  | {
      op: 'createTrial';
      studyId: number;
      trialId: number;
      number: number;
      state: TrialState;
      values?: JournalNumber[];
      params?: Record<string, ParamValue>;
      distributions?: Record<string, DistributionJSON>;
      intermediate?: [number, JournalNumber][];
      userAttrs?: Record<string, JsonValue>;
      systemAttrs?: Record<string, JsonValue>;
      start?: number;
      complete?: number;
    }
  | { op: 'state'; trialId: number; state: TrialState; values?: JournalNumber[]; t: number }
  | {
      op: 'params';
      trialId: number;
      params: [name: string, value: ParamValue, distribution: DistributionJSON][];
    }
  | { op: 'intermediate'; trialId: number; step: number; value: JournalNumber }
  | { op: 'trialAttr'; trialId: number; system: boolean; key: string; value: JsonValue }
  | { op: 'heartbeat'; trialId: number; t: number }
  | { op: 'failStale'; trialIds: number[]; t: number; reason: string };

export function encodeNumber(x: number): JournalNumber {
  // JSON.stringify(-0) is '0': -0 travels as a string too, so it reads back as -0.
  return Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
}

export function decodeNumber(v: JournalNumber): number {
  return typeof v === 'number' ? v : Number(v);
}
