import type { Migration } from './migration';

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

/** The columns of the full-text index above, in order: the search index code writes this index until migration 8's rebuild replaces it. */
export const INITIAL_SEARCH_COLUMNS: readonly string[] = ['subject', 'body', 'answer', 'comments', 'from_addr', 'to_addr', 'agent_name', 'cod_description'];

export const INITIAL_MIGRATION: Migration = Object.freeze({ version: 1, name: 'initial cache', sql: V1 });
