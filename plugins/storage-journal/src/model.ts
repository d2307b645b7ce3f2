import {
  type FrozenTrial,
  type JsonValue,
  makeFrozenTrial,
  type StudyDirection,
  StudyNotFoundError,
  TrialNotFoundError,
  TrialStateError,
} from '@tunekit/core';
import type { Distribution } from '@tunekit/search-space';
import { decodeNumber, type JournalOp } from './ops.js';

export interface StudyRecord {
  readonly studyId: number;
  readonly name: string;
  readonly directions: readonly StudyDirection[];
  readonly created: number;
  userAttrs: Readonly<Record<string, JsonValue>>;
  systemAttrs: Readonly<Record<string, JsonValue>>;
  /** Indexed by trial number (numbers are consecutive from 0). */
  readonly trials: TrialRecord[];
  /** How many of `trials` are WAITING, so that claiming skips the scan when none is. */
  nWaiting: number;
}

export interface TrialRecord {
  readonly studyId: number;
  /** Replaced, never mutated, so snapshots handed out stay as they were. */
  frozen: FrozenTrial;
  heartbeat?: number;
}

/** The state the journal's lines describe, built by applying them in order. */
export class JournalModel {
  readonly studies = new Map<number, StudyRecord>();
  readonly studyIdByName = new Map<string, number>();
  readonly trials = new Map<number, TrialRecord>();
  /** Ids are never reused, even after a study is deleted. */
  nextStudyId = 0;
  nextTrialId = 0;

  study(studyId: number): StudyRecord {
    const study = this.studies.get(studyId);
    if (study === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return study;
  }

  trial(trialId: number): TrialRecord {
    const trial = this.trials.get(trialId);
    if (trial === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return trial;
  }

  runningTrial(trialId: number, op: string): TrialRecord {
    const rec = this.trial(trialId);
    const t = rec.frozen;
    if (t.state !== 'RUNNING') {
      throw new TrialStateError(
        `${op}: trial ${t.number} (id ${trialId}) is ${t.state}; only a RUNNING trial can be changed`,
      );
    }
    return rec;
  }

  apply(op: JournalOp): void {
    switch (op.op) {
      case 'createStudy': {
        this.studies.set(op.studyId, {
          studyId: op.studyId,
          name: op.name,
          directions: Object.freeze([...op.directions]),
          created: op.t,
          userAttrs: Object.freeze({}),
          systemAttrs: Object.freeze({}),
          trials: [],
          nWaiting: 0,
        });
        this.studyIdByName.set(op.name, op.studyId);
        this.nextStudyId = Math.max(this.nextStudyId, op.studyId + 1);
        return;
      }
      case 'deleteStudy': {
        const study = this.studies.get(op.studyId);
        if (study === undefined) return;
        for (const t of study.trials) this.trials.delete(t.frozen.trialId);
        this.studies.delete(op.studyId);
        this.studyIdByName.delete(study.name);
        return;
      }
      case 'studyAttr': {
        const study = this.studies.get(op.studyId);
        if (study === undefined) return;
        if (op.system)
          study.systemAttrs = Object.freeze({ ...study.systemAttrs, [op.key]: op.value });
        else study.userAttrs = Object.freeze({ ...study.userAttrs, [op.key]: op.value });
        return;
      }
      case 'createTrial': {
        const study = this.studies.get(op.studyId);
        this.nextTrialId = Math.max(this.nextTrialId, op.trialId + 1);
        if (study === undefined) return;
        const frozen = makeFrozenTrial({
          trialId: op.trialId,
          number: op.number,
          state: op.state,
          values: op.values?.map(decodeNumber),
          params: Object.freeze({ ...op.params }),
          distributions: freezeDistributions(
            (op.distributions ?? {}) as Record<string, Distribution>,
          ),
          intermediateValues: new Map(
            (op.intermediate ?? []).map(([s, v]) => [s, decodeNumber(v)]),
          ),
          userAttrs: Object.freeze({ ...op.userAttrs }),
          systemAttrs: Object.freeze({ ...op.systemAttrs }),
          datetimeStart: op.start === undefined ? undefined : new Date(op.start),
          datetimeComplete: op.complete === undefined ? undefined : new Date(op.complete),
        });
        const rec: TrialRecord = { studyId: op.studyId, frozen };
        study.trials[op.number] = rec;
        if (op.state === 'WAITING') study.nWaiting++;
        this.trials.set(op.trialId, rec);
        return;
      }
      case 'state': {
        const rec = this.trials.get(op.trialId);
        if (rec === undefined) return;
        const t = rec.frozen;
        if (t.state === 'WAITING' && op.state !== 'WAITING') {
          const study = this.studies.get(rec.studyId);
          if (study !== undefined) study.nWaiting--;
        }
        rec.frozen =
          op.state === 'RUNNING'
            ? makeFrozenTrial({ ...t, state: 'RUNNING', datetimeStart: new Date(op.t) })
            : makeFrozenTrial({
                ...t,
                state: op.state,
                value: undefined,
                values: op.values?.map(decodeNumber),
                datetimeComplete: new Date(op.t),
              });
        return;
      }
      case 'params': {
        const rec = this.trials.get(op.trialId);
        if (rec === undefined) return;
        const t = rec.frozen;
        const params = { ...t.params };
        const distributions = { ...t.distributions };
        for (const [name, value, d] of op.params) {
          params[name] = value;
          distributions[name] = Object.freeze(d) as Distribution;
        }
        rec.frozen = makeFrozenTrial({
          ...t,
          params: Object.freeze(params),
          distributions: Object.freeze(distributions),
        });
        return;
      }
      case 'intermediate': {
        const rec = this.trials.get(op.trialId);
        if (rec === undefined) return;
        const t = rec.frozen;
        const iv = new Map(t.intermediateValues);
        iv.set(op.step, decodeNumber(op.value));
        rec.frozen = makeFrozenTrial({ ...t, intermediateValues: iv });
        return;
      }
      case 'trialAttr': {
        const rec = this.trials.get(op.trialId);
        if (rec === undefined) return;
        const t = rec.frozen;
        rec.frozen = op.system
          ? makeFrozenTrial({
              ...t,
              systemAttrs: Object.freeze({ ...t.systemAttrs, [op.key]: op.value }),
            })
          : makeFrozenTrial({
              ...t,
              userAttrs: Object.freeze({ ...t.userAttrs, [op.key]: op.value }),
            });
        return;
      }
      case 'heartbeat': {
        const rec = this.trials.get(op.trialId);
        if (rec !== undefined) rec.heartbeat = op.t;
        return;
      }
      case 'failStale': {
        for (const id of op.trialIds) {
          const rec = this.trials.get(id);
          if (rec === undefined || rec.frozen.state !== 'RUNNING') continue;
          rec.frozen = makeFrozenTrial({
            ...rec.frozen,
            state: 'FAIL',
            systemAttrs: Object.freeze({ ...rec.frozen.systemAttrs, fail_reason: op.reason }),
            datetimeComplete: new Date(op.t),
          });
        }
        return;
      }
    }
  }
}

function freezeDistributions(
  d: Record<string, Distribution>,
): Readonly<Record<string, Distribution>> {
  for (const v of Object.values(d)) Object.freeze(v);
  return Object.freeze({ ...d });
}
