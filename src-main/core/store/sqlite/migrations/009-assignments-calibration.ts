import type { Migration } from './migration';

/**
 * Migration 9: assignments and calibration (issue 19, point 5).
 * - `assignments`: who has each member of a sample (one auditor per member); it goes with its sample.
 * - `calibrations`, with their auditors and members (copied from a sample, so deleting the sample keeps
 *   the calibration), and `calibration_scores`: one auditor's answers on one interaction, apart from the
 *   operation's reviews (a review is one per interaction). Scores are scored against one scorecard version.
 * Like reviews, nothing points at `interactions`: the work outlives a purge of the rows it judged.
 */
const V9 = `
CREATE TABLE assignments (
  sample_id INTEGER NOT NULL,
  interaction_uid TEXT NOT NULL,
  auditor TEXT NOT NULL CHECK (length(auditor) BETWEEN 1 AND 100),
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (sample_id, interaction_uid),
  FOREIGN KEY (sample_id, interaction_uid) REFERENCES sample_members(sample_id, interaction_uid) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX assignments_by_auditor ON assignments(auditor, sample_id);

CREATE TABLE calibrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  sample_id INTEGER REFERENCES samples(id) ON DELETE SET NULL,
  scorecard_id TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards(id, version)
);
CREATE TABLE calibration_auditors (
  calibration_id INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  auditor TEXT NOT NULL CHECK (length(auditor) BETWEEN 1 AND 100),
  PRIMARY KEY (calibration_id, auditor)
) WITHOUT ROWID;
CREATE TABLE calibration_members (
  calibration_id INTEGER NOT NULL REFERENCES calibrations(id) ON DELETE CASCADE,
  interaction_uid TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (calibration_id, interaction_uid)
) WITHOUT ROWID;
CREATE TABLE calibration_scores (
  calibration_id INTEGER NOT NULL,
  interaction_uid TEXT NOT NULL,
  auditor TEXT NOT NULL,
  scores TEXT NOT NULL CHECK (json_valid(scores) AND json_type(scores) = 'object'),
  status TEXT NOT NULL CHECK (status IN ('unreviewed', 'in review', 'pass', 'fail')),
  overall_score REAL CHECK (overall_score IS NULL OR overall_score BETWEEN 0 AND 100),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (calibration_id, interaction_uid, auditor),
  FOREIGN KEY (calibration_id, interaction_uid) REFERENCES calibration_members(calibration_id, interaction_uid) ON DELETE CASCADE,
  FOREIGN KEY (calibration_id, auditor) REFERENCES calibration_auditors(calibration_id, auditor) ON DELETE CASCADE
) WITHOUT ROWID;
`;

export const ASSIGNMENTS_MIGRATION: Migration = Object.freeze({
  version: 9,
  name: 'assignments and calibration',
  sql: V9,
});
