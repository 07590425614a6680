/**
 * A few cheap figures per kind of data that move with every commit changing that kind (the SQLite feed's
 * idea, ../../sqlite/connection/change-feed.ts). The feed reads them when a listener subscribes and again
 * once its LISTEN is in force: a commit that landed in between, which no notice reached, shows as a figure
 * that moved. Primary-key reads and small tables only; none reads the interactions themselves.
 */
import type { ChangeKind } from '../../store';
import type { SqlClient } from '../sql-client';

export type Signatures = Readonly<Record<ChangeKind, string>>;

// Every written window takes the next stamp of change_counter and every deleted interaction is logged in
// interaction_removals (schema-v1.ts); review history is append-only (a purge deletes it with the reviews,
// which the count sees); scorecard versions are immutable rows; a run that changes is among the latest.
// Assignments and calibration scores are read as the store's user sees them (an auditor only their own
// rows, row-level security): a change they cannot see is no news to them. A calibration's auditors and
// members come and go with it, whose ids only grow.
const SIGNATURES_SQL = `SELECT
  (SELECT seq FROM change_counter) || ':' || coalesce((SELECT max(seq) FROM interaction_removals), 0) || ':' || coalesce((SELECT max(id) FROM interactions), 0) AS interactions,
  coalesce((SELECT max(id) FROM review_history), 0) || ':' || (SELECT count(*) FROM reviews) AS reviews,
  (SELECT count(*) || ':' || coalesce(md5(string_agg(id || '=' || name, chr(31) ORDER BY id)), '') FROM samples) AS samples,
  (SELECT count(*) || ':' || coalesce(md5(string_agg(sample_id || ':' || interaction_uid || '=' || auditor || '@' || assigned_at, chr(31) ORDER BY sample_id, interaction_uid)), '') FROM assignments)
    || ':' || (SELECT count(*) || ':' || coalesce(max(id), 0) FROM calibrations)
    || ':' || (SELECT count(*) || ':' || coalesce(md5(string_agg(calibration_id || ':' || interaction_uid || ':' || auditor || '@' || updated_at || '=' || scores, chr(31) ORDER BY calibration_id, interaction_uid, auditor)), '') FROM calibration_scores) AS assignments,
  coalesce((SELECT max(seq) FROM scorecards), 0)::text AS scorecards,
  (SELECT count(*) || ':' || coalesce(md5(string_agg(key || chr(30) || value, chr(31) ORDER BY key)), '') FROM settings) AS settings,
  coalesce((SELECT max(id) FROM sync_runs), 0) || ':' || coalesce((SELECT max(id) FROM sync_calls), 0) || ':'
    || coalesce((SELECT string_agg(id || status || calls, ',') FROM (SELECT id, status, calls FROM sync_runs ORDER BY id DESC LIMIT 5) latest), '') AS "syncRuns"`;

export async function readSignatures(sql: SqlClient): Promise<Signatures> {
  const [row] = await sql.query<Signatures>(SIGNATURES_SQL);
  return row!;
}
