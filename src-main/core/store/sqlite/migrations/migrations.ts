/**
 * The schema as numbered steps. A released step is never edited: its checksum is recorded in the
 * database, and a database whose history does not match this list is refused (see database.ts).
 */
import { REVIEWS_MIGRATION } from './reviews-schema';
import { PURGE_MIGRATION } from '../writes/retention';
import { CHANGES_MIGRATION } from '../insights/insights-changes';
import { REVIEW_RESULTS_MIGRATION } from './review-results-migration';
import { SEARCH_INDEX_MIGRATION } from '../reads/search-index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Migration 1, the first cache.
 * - interactions.id is DATE-ORDERED (creation second * 65536 + slot, see ids.ts), so ORDER BY id is
 *   creation order and newest-first needs no index; small columns come first and long text last, so
 *   the columns the grid filters on sit near the start of each record.
 * - The full-text index is contentless (the text already lives in interactions) with contentless_delete
 *   so an update can replace a row by rowid; the upsert code keeps it current, not triggers (triggers
 *   measured 6-11k rows/s). A 32 MB pending-terms hash lets a whole window flush as few large segments.
 * - Secondary indexes end in id, so a filter by one value is already in creation order.
 * - raw is the record as received, or NULL when it was exactly the JSON of its 17 fields in API order
 *   (most records): such a raw is rebuilt byte for byte on reading (history-write.ts rawOf), and the
 *   file is about a third smaller. Read it through getInteraction, never straight from the column.
 * - uid is "<creation date digits>-<sha1 of the identity>" (identity.ts): the prefix keeps the
 *   unique index in time order.
 */
const V1 = `
CREATE TABLE interactions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  server TEXT NOT NULL,
  zone TEXT NOT NULL,
  created_utc INTEGER,
  closed_utc INTEGER,
  content_hash TEXT NOT NULL,
  first_synced_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  skill_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  status TEXT NOT NULL,
  cod_act TEXT NOT NULL,
  evaluation_survey TEXT NOT NULL,
  date_creation TEXT NOT NULL,
  close_date TEXT NOT NULL,
  cod_description TEXT NOT NULL,
  subject TEXT NOT NULL,
  from_addr TEXT NOT NULL,
  to_addr TEXT NOT NULL,
  attachments TEXT NOT NULL,
  comments TEXT NOT NULL,
  answer TEXT NOT NULL,
  body TEXT NOT NULL,
  raw TEXT
);
CREATE INDEX interactions_by_agent ON interactions(agent_name, id);
CREATE INDEX interactions_by_status ON interactions(status, id);
CREATE INDEX interactions_by_channel ON interactions(channel, id);
CREATE INDEX interactions_by_skill ON interactions(skill_id, id);
CREATE INDEX interactions_by_cod_act ON interactions(cod_act, id);
CREATE INDEX interactions_by_evaluation ON interactions(evaluation_survey, id);
CREATE INDEX interactions_by_closed ON interactions(closed_utc, id);
CREATE INDEX interactions_by_case ON interactions(case_id, id);

CREATE TABLE interaction_history (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON UPDATE CASCADE ON DELETE CASCADE,
  changed_at INTEGER NOT NULL,
  changed_fields TEXT NOT NULL,
  old_fields TEXT NOT NULL,
  old_raw TEXT NOT NULL,
  old_content_hash TEXT NOT NULL
);
CREATE INDEX interaction_history_by_interaction ON interaction_history(interaction_id, id);

CREATE VIRTUAL TABLE interactions_fts USING fts5(
  subject, body, answer, comments, from_addr, to_addr, agent_name, cod_description,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO interactions_fts(interactions_fts, rank) VALUES ('hashsize', 33554432);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  server TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('range', 'incremental')),
  range_start_utc INTEGER NOT NULL,
  range_end_utc INTEGER NOT NULL,
  cursor_utc INTEGER,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  calls INTEGER NOT NULL DEFAULT 0,
  rows_received INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  error_kind TEXT,
  error_message TEXT
);
CREATE INDEX sync_runs_by_server ON sync_runs(server, status, id);

CREATE TABLE sync_calls (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES sync_runs(id),
  server TEXT NOT NULL,
  window_start_utc INTEGER NOT NULL,
  window_end_utc INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_calls_by_started ON sync_calls(started_at);
CREATE INDEX sync_calls_by_run ON sync_calls(run_id, id);

CREATE TABLE reviews (
  interaction_uid TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (lower(key) NOT LIKE '%token%'),
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE profiles (
  server TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  zone TEXT NOT NULL DEFAULT 'America/Bogota',
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * Migration 3: a narrow index on id alone. The grid's jumps (a dragged scrollbar) skip rows by offset;
 * in the default newest-first order that skip walked the table's wide rows (150 ms to reach row 900,000
 * of 1M), along this index it takes 10 ms. Same order as the table, about 12 bytes a row.
 */
const V3 = `CREATE INDEX interactions_by_id ON interactions(id);`;

/**
 * Migration 5: the `profiles` table of migration 1 goes. A connection profile is JSON in the settings
 * table (service/profiles.ts: id, name, server, zone, base URL), and nothing ever read this table.
 * IF EXISTS: a cache stays valid whatever happened to the table before.
 */
const V5 = `DROP TABLE IF EXISTS profiles;`;

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  { version: 1, name: 'initial cache', sql: V1 },
  REVIEWS_MIGRATION,
  { version: 3, name: 'narrow id index for jumps', sql: V3 },
  PURGE_MIGRATION,
  { version: 5, name: 'drop the unused profiles table', sql: V5 },
  CHANGES_MIGRATION,
  REVIEW_RESULTS_MIGRATION,
  SEARCH_INDEX_MIGRATION,
]);
