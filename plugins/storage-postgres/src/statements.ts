import type { Tables } from './schema.js';

/** The SQL of every storage call, built once per schema; values are always bind parameters. */
export interface Statements {
  readonly insertStudy: string;
  readonly deleteStudy: string;
  readonly studyIdByName: string;
  readonly studyById: string;
  readonly allStudies: string;
  readonly setStudyUserAttr: string;
  readonly setStudySystemAttr: string;
  readonly insertTrial: string;
  readonly claimWaiting: string;
  readonly claimOrCreate: string;
  readonly setParams: string;
  readonly setIntermediate: string;
  readonly setTrialUserAttr: string;
  readonly setTrialSystemAttr: string;
  readonly startTrial: string;
  readonly finishTrial: string;
  readonly finishTrialReturning: string;
  readonly trialById: string;
  readonly trialsOfStudy: string;
  readonly heartbeat: string;
  readonly failStale: string;
}

export function statements(t: Tables): Statements {
  const studyCols =
    'study_id, study_name, directions, user_attrs, system_attrs, next_number, datetime_created';
  // Intermediate values come back as two arrays ordered by step (float8 keeps NaN and infinities).
  const plainCols = `t.trial_id, t.number, t.state, t."values", t.params, t.distributions, t.user_attrs,
    t.system_attrs, t.datetime_start, t.datetime_complete`;
  const trialCols = `${plainCols},
    (SELECT array_agg(i.step ORDER BY i.step) FROM ${t.intermediate} i WHERE i.trial_id = t.trial_id) AS iv_steps,
    (SELECT array_agg(i.value ORDER BY i.step) FROM ${t.intermediate} i WHERE i.trial_id = t.trial_id) AS iv_values`;
  // For SELECTs: one aggregate pass per trial instead of two.
  const selectTrials = `SELECT ${plainCols}, i.iv_steps, i.iv_values FROM ${t.trials} t
    LEFT JOIN LATERAL (
      SELECT array_agg(step ORDER BY step) AS iv_steps, array_agg(value ORDER BY step) AS iv_values
      FROM ${t.intermediate} WHERE trial_id = t.trial_id
    ) i ON true`;
  // SKIP LOCKED: concurrent claimers take different trials and never wait for each other.
  const claimOldest = `
    UPDATE ${t.trials} t SET state = 'RUNNING', datetime_start = now()
    WHERE t.trial_id = (
      SELECT trial_id FROM ${t.trials} WHERE study_id = $1 AND state = 'WAITING'
      ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED
    ) AND t.state = 'WAITING'
    RETURNING ${trialCols}
  `;
  const setAttr = (table: string, column: string, id: string, guard: string) =>
    `UPDATE ${table} SET ${column} = ${column} || jsonb_build_object($2::text, $3::jsonb) WHERE ${id} = $1${guard}`;
  return {
    insertStudy: `INSERT INTO ${t.studies} (study_name, directions) VALUES ($1, $2::jsonb)
      ON CONFLICT (study_name) DO NOTHING RETURNING study_id`,
    deleteStudy: `DELETE FROM ${t.studies} WHERE study_id = $1`,
    studyIdByName: `SELECT study_id FROM ${t.studies} WHERE study_name = $1`,
    studyById: `SELECT ${studyCols} FROM ${t.studies} WHERE study_id = $1`,
    allStudies: `SELECT ${studyCols} FROM ${t.studies} ORDER BY study_id`,
    setStudyUserAttr: setAttr(t.studies, 'user_attrs', 'study_id', ''),
    setStudySystemAttr: setAttr(t.studies, 'system_attrs', 'study_id', ''),
    // The counter row's lock serialises concurrent creators of one study until commit, so
    // numbers are consecutive and unique; other studies are not blocked.
    insertTrial: `WITH n AS (
        UPDATE ${t.studies} SET next_number = next_number + 1 WHERE study_id = $1 RETURNING next_number - 1 AS number
      ), ins AS (
        INSERT INTO ${t.trials} (study_id, number, state, "values", params, distributions, user_attrs, system_attrs,
          datetime_start, datetime_complete)
        SELECT $1, n.number, $2, $3::float8[], $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb,
          COALESCE($8::timestamptz, CASE WHEN $9::boolean THEN now() END),
          COALESCE($10::timestamptz, CASE WHEN $11::boolean THEN now() END)
        FROM n
        RETURNING *
      ), iv AS (
        INSERT INTO ${t.intermediate} (trial_id, step, value)
        SELECT ins.trial_id, u.step, u.value FROM ins, unnest($12::integer[], $13::float8[]) AS u(step, value)
      )
      SELECT trial_id, number, state, "values", params, distributions, user_attrs, system_attrs,
        datetime_start, datetime_complete FROM ins`,
    // Always one row: whether the study exists, and the claimed trial's columns (or nulls).
    claimWaiting: `WITH c AS (${claimOldest})
      SELECT EXISTS (SELECT 1 FROM ${t.studies} WHERE study_id = $1) AS study_exists, c.*
      FROM (SELECT 1) AS one LEFT JOIN c ON true`,
    // One statement, one snapshot: the claim as above, and only when it took nothing, the
    // counter and insert of insertTrial. Returns the claimed or the new trial.
    claimOrCreate: `WITH c AS (${claimOldest}), n AS (
        UPDATE ${t.studies} SET next_number = next_number + 1
        WHERE study_id = $1 AND NOT EXISTS (SELECT 1 FROM c)
        RETURNING next_number - 1 AS number
      ), ins AS (
        INSERT INTO ${t.trials} (study_id, number, state, datetime_start)
        SELECT $1, n.number, 'RUNNING', now() FROM n
        RETURNING trial_id, number, state, "values", params, distributions, user_attrs,
          system_attrs, datetime_start, datetime_complete
      )
      SELECT * FROM c
      UNION ALL
      SELECT ins.*, NULL::integer[] AS iv_steps, NULL::float8[] AS iv_values FROM ins`,
    // $2: { name: value }, $3: { name: distribution }; nothing changes if any name already
    // has another distribution.
    setParams: `UPDATE ${t.trials}
      SET params = params || $2::jsonb, distributions = distributions || $3::jsonb
      WHERE trial_id = $1 AND state = 'RUNNING'
        AND NOT EXISTS (
          SELECT 1 FROM jsonb_each($3::jsonb) AS n(key, value)
          WHERE distributions -> n.key IS NOT NULL AND distributions -> n.key <> n.value
        )`,
    // FOR SHARE waits for a concurrent finish, so a value is never added to a finished trial.
    setIntermediate: `INSERT INTO ${t.intermediate} (trial_id, step, value)
      SELECT trial_id, $2, $3 FROM ${t.trials} WHERE trial_id = $1 AND state = 'RUNNING' FOR SHARE
      ON CONFLICT (trial_id, step) DO UPDATE SET value = EXCLUDED.value`,
    setTrialUserAttr: setAttr(t.trials, 'user_attrs', 'trial_id', " AND state = 'RUNNING'"),
    setTrialSystemAttr: setAttr(t.trials, 'system_attrs', 'trial_id', " AND state = 'RUNNING'"),
    startTrial: `UPDATE ${t.trials} SET state = 'RUNNING', datetime_start = now() WHERE trial_id = $1 AND state = 'WAITING'`,
    finishTrial: `UPDATE ${t.trials} SET state = $2, "values" = $3::float8[], datetime_complete = now()
      WHERE trial_id = $1 AND state = 'RUNNING'`,
    finishTrialReturning: `UPDATE ${t.trials} t SET state = $2, "values" = $3::float8[], datetime_complete = now()
      WHERE t.trial_id = $1 AND t.state = 'RUNNING'
      RETURNING ${trialCols}`,
    trialById: `${selectTrials} WHERE t.trial_id = $1`,
    trialsOfStudy: `${selectTrials}
      WHERE t.study_id = $1 AND t.number >= $2 AND ($3::text[] IS NULL OR t.state = ANY($3::text[]))
      ORDER BY t.number`,
    heartbeat: `UPDATE ${t.trials} SET heartbeat = clock_timestamp() WHERE trial_id = $1 AND state = 'RUNNING'`,
    // SKIP LOCKED plus the re-checked state guard: of concurrent callers, each stale trial is
    // failed, and reported, by exactly one.
    failStale: `WITH f AS (
        UPDATE ${t.trials} t SET state = 'FAIL', datetime_complete = now(),
          system_attrs = system_attrs || jsonb_build_object('fail_reason', $3::text)
        WHERE t.trial_id IN (
          SELECT trial_id FROM ${t.trials}
          WHERE study_id = $1 AND state = 'RUNNING' AND heartbeat < clock_timestamp() - $2::float8 * interval '1 millisecond'
          FOR UPDATE SKIP LOCKED
        ) AND t.state = 'RUNNING'
        RETURNING t.trial_id
      )
      SELECT EXISTS (SELECT 1 FROM ${t.studies} WHERE study_id = $1) AS study_exists,
        ARRAY(SELECT trial_id FROM f ORDER BY trial_id) AS trial_ids`,
  };
}
