/**
 * PostgreSQL migration "assignments and calibration" (issue 19, point 5), the same tables as SQLite's
 * migration 10, with their rights (the rules of migrations-team-rights.ts):
 * - assignments: the lead splits samples (insert, delete); an auditor reads only their own line
 *   (auditor = session_user), the lead every line. They go with their sample's members (a cascade).
 * - calibrations, their auditors and members: every auditor reads them, the lead makes and deletes them.
 * - calibration_scores: an auditor writes and reads their own (auditor = session_user; a foreign key to the
 *   calibration's auditors refuses anyone not taking part); the lead reads all (the agreement) and deletes.
 * The sync host reads none of them.
 */
export const ASSIGNMENTS_SQL = `
CREATE TABLE assignments (
  sample_id bigint NOT NULL,
  interaction_uid text NOT NULL,
  auditor text NOT NULL CHECK (length(auditor) BETWEEN 1 AND 100),
  assigned_at bigint NOT NULL,
  PRIMARY KEY (sample_id, interaction_uid),
  FOREIGN KEY (sample_id, interaction_uid) REFERENCES sample_members (sample_id, interaction_uid) ON DELETE CASCADE
);
CREATE INDEX assignments_by_auditor ON assignments (auditor, sample_id);

CREATE TABLE calibrations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  sample_id bigint REFERENCES samples (id) ON DELETE SET NULL,
  scorecard_id text NOT NULL,
  scorecard_version integer NOT NULL,
  created_at bigint NOT NULL,
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards (id, version)
);
CREATE UNIQUE INDEX calibrations_by_name ON calibrations (lower(name));
CREATE TABLE calibration_auditors (
  calibration_id bigint NOT NULL REFERENCES calibrations (id) ON DELETE CASCADE,
  auditor text NOT NULL CHECK (length(auditor) BETWEEN 1 AND 100),
  PRIMARY KEY (calibration_id, auditor)
);
CREATE TABLE calibration_members (
  calibration_id bigint NOT NULL REFERENCES calibrations (id) ON DELETE CASCADE,
  interaction_uid text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (calibration_id, interaction_uid)
);
CREATE TABLE calibration_scores (
  calibration_id bigint NOT NULL,
  interaction_uid text NOT NULL,
  auditor text NOT NULL,
  scores text NOT NULL,
  status text NOT NULL CHECK (status IN ('unreviewed', 'in review', 'pass', 'fail')),
  overall_score double precision CHECK (overall_score IS NULL OR overall_score BETWEEN 0 AND 100),
  updated_at bigint NOT NULL,
  PRIMARY KEY (calibration_id, interaction_uid, auditor),
  FOREIGN KEY (calibration_id, interaction_uid) REFERENCES calibration_members (calibration_id, interaction_uid) ON DELETE CASCADE,
  FOREIGN KEY (calibration_id, auditor) REFERENCES calibration_auditors (calibration_id, auditor) ON DELETE CASCADE
);

GRANT SELECT ON assignments, calibrations, calibration_auditors, calibration_members, calibration_scores TO wolkvox_auditor;
GRANT INSERT, DELETE ON assignments, calibrations, calibration_auditors, calibration_members TO wolkvox_lead;
GRANT INSERT, UPDATE ON calibration_scores TO wolkvox_auditor;
GRANT DELETE ON calibration_scores TO wolkvox_lead;

ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY assignments_own_read ON assignments FOR SELECT TO wolkvox_auditor USING (auditor = session_user);
CREATE POLICY assignments_lead_read ON assignments FOR SELECT TO wolkvox_lead USING (true);
CREATE POLICY assignments_lead_insert ON assignments FOR INSERT TO wolkvox_lead WITH CHECK (true);
CREATE POLICY assignments_lead_delete ON assignments FOR DELETE TO wolkvox_lead USING (true);

ALTER TABLE calibration_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY calibration_scores_own_read ON calibration_scores FOR SELECT TO wolkvox_auditor USING (auditor = session_user);
CREATE POLICY calibration_scores_lead_read ON calibration_scores FOR SELECT TO wolkvox_lead USING (true);
CREATE POLICY calibration_scores_own_insert ON calibration_scores FOR INSERT TO wolkvox_auditor WITH CHECK (auditor = session_user);
CREATE POLICY calibration_scores_own_update ON calibration_scores FOR UPDATE TO wolkvox_auditor
  USING (auditor = session_user) WITH CHECK (auditor = session_user);
CREATE POLICY calibration_scores_lead_delete ON calibration_scores FOR DELETE TO wolkvox_lead USING (true);
`;
