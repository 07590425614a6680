import type { Migration } from './migration';

/**
 * Migration 2: the review model. It replaces migration 1's placeholder `reviews` table, which nothing
 * ever wrote (a sync never touches reviews), so dropping it loses nothing.
 *
 * Keys and why:
 * - Reviews, their history and sample members point at `interactions.uid`, never at `interactions.id`:
 *   a re-sync may re-number a row (its id follows its creation second) but the uid never changes.
 *   There is deliberately no foreign key to `interactions`: a review is a person's work and must outlive
 *   whatever happens to the row it judged (a purge and re-sync would otherwise cascade or be blocked);
 *   the review code checks that the uid exists when a review is written.
 * - A scorecard is a lineage (`id`) of immutable versions; `seq` records the order versions were saved
 *   in, and the newest saved version is the active one. Triggers make versions and history append-only,
 *   so no later code path can rewrite what a past review was judged against, or what an auditor did.
 * - An interaction without a review row is 'unreviewed': sync never has to create review rows.
 *
 * Released migrations are never edited (database.ts checks their checksum): change the schema with a
 * migration 3, not here.
 */

const V2 = `
DROP TABLE reviews;

CREATE TABLE scorecards (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 40),
  version INTEGER NOT NULL CHECK (version >= 1),
  name TEXT NOT NULL,
  pass_mark REAL NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
  attributes TEXT NOT NULL CHECK (json_valid(attributes) AND json_type(attributes) = 'array'),
  created_at INTEGER NOT NULL,
  UNIQUE (id, version)
);
CREATE TRIGGER scorecards_no_update BEFORE UPDATE ON scorecards
BEGIN SELECT RAISE(ABORT, 'scorecard versions are immutable: save a new version'); END;
CREATE TRIGGER scorecards_no_delete BEFORE DELETE ON scorecards
BEGIN SELECT RAISE(ABORT, 'scorecard versions are immutable: past reviews refer to them'); END;

CREATE TABLE reviews (
  interaction_uid TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'unreviewed' CHECK (status IN ('unreviewed', 'in review', 'pass', 'fail')),
  scorecard_id TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  scores TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scores) AND json_type(scores) = 'object'),
  overall_score REAL CHECK (overall_score IS NULL OR overall_score BETWEEN 0 AND 100),
  note TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  reviewer TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards(id, version)
) WITHOUT ROWID;
CREATE INDEX reviews_by_status ON reviews(status, interaction_uid);

CREATE TABLE review_history (
  id INTEGER PRIMARY KEY,
  interaction_uid TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'rescore')),
  changes TEXT NOT NULL CHECK (json_valid(changes))
);
CREATE INDEX review_history_by_uid ON review_history(interaction_uid, id);
CREATE TRIGGER review_history_no_update BEFORE UPDATE ON review_history
BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
CREATE TRIGGER review_history_no_delete BEFORE DELETE ON review_history
BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;

CREATE TABLE samples (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  seed TEXT NOT NULL,
  params TEXT NOT NULL CHECK (json_valid(params)),
  filter TEXT NOT NULL CHECK (json_valid(filter)),
  created_at INTEGER NOT NULL
);

CREATE TABLE sample_members (
  sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
  interaction_uid TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  stratum TEXT,
  position INTEGER NOT NULL,
  PRIMARY KEY (sample_id, interaction_uid)
) WITHOUT ROWID;
CREATE UNIQUE INDEX sample_members_by_position ON sample_members(sample_id, position);
CREATE INDEX sample_members_by_uid ON sample_members(interaction_uid);
`;

export const REVIEWS_MIGRATION: Migration = Object.freeze({
  version: 2,
  name: 'review model',
  sql: V2,
});
