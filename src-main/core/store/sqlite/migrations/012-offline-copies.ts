import type { Migration } from './migration';

/**
 * Migration 12: offline audits with a team (issue 19, point 6). This computer's cache keeps the selections
 * taken from a team cache and what waits to be sent back to it:
 * - offline_sets: one row per selection (an auditor's part of a sample, a sample, a filter's rows); a
 *   sample or an auditor's part taken again is the same set (refreshed), hence the unique (kind, sample_id).
 * - offline_members: the interactions of each set (`selected` 0: another interaction of a selected one's
 *   conversation, copied so the conversation view works).
 * - offline_reviews: per copied interaction, the team's review version its copy started from
 *   (`base_version`, 0: none; what a push names as its base) and the local review's version then
 *   (`local_version`): a local review whose version differs was changed here and waits to be sent.
 *   `copied` 1: the interaction came with a take (removing the last set holding it removes it).
 * - offline_outbox: saves the team cache could not take when its connection dropped, with the review as the
 *   auditor saw it saved and the team's version their edit started from.
 * - offline_conflicts: reviews a push found changed by someone else meanwhile: both kept until resolved.
 * - offline_push: the last push (one row).
 */
export const OFFLINE_COPIES_MIGRATION: Migration = Object.freeze({
  version: 12,
  name: 'offline copies',
  sql: `
CREATE TABLE offline_sets (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('assignment', 'sample', 'filter')),
  sample_id INTEGER,
  filter TEXT,
  label TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  local_sample_id INTEGER REFERENCES samples(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX offline_sets_by_sample ON offline_sets(kind, sample_id) WHERE sample_id IS NOT NULL;

CREATE TABLE offline_members (
  set_id INTEGER NOT NULL REFERENCES offline_sets(id) ON DELETE CASCADE,
  uid TEXT NOT NULL,
  selected INTEGER NOT NULL CHECK (selected IN (0, 1)),
  PRIMARY KEY (set_id, uid)
) WITHOUT ROWID;
CREATE INDEX offline_members_by_uid ON offline_members(uid);

CREATE TABLE offline_reviews (
  uid TEXT PRIMARY KEY,
  base_version INTEGER NOT NULL CHECK (base_version >= 0),
  local_version INTEGER NOT NULL CHECK (local_version >= 0),
  copied INTEGER NOT NULL CHECK (copied IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE offline_outbox (
  uid TEXT PRIMARY KEY,
  base_version INTEGER NOT NULL CHECK (base_version >= 0),
  review TEXT NOT NULL CHECK (json_valid(review)),
  saved_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE offline_conflicts (
  uid TEXT PRIMARY KEY,
  mine TEXT NOT NULL CHECK (json_valid(mine)),
  theirs TEXT NOT NULL CHECK (json_valid(theirs)),
  found_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE offline_push (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (json_valid(result)),
  error TEXT
);
`,
});
