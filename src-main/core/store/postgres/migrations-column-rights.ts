/**
 * PostgreSQL migration "column rights" (a review finding on migrations 2, 4 and 8): row-level security
 * chooses the rows an auditor may update, not the columns, so an auditor could rewrite what a save never
 * changes: move an own review or calibration score to another interaction, backdate its creation, or
 * wind its version back (the version rule of point 5 then no longer sees a colleague's save).
 * - UPDATE is granted per column, on what a save writes (audit/review-save.ts, assignments/calibration.ts);
 *   leads hold it through their auditor membership, as before.
 * - A trigger keeps a review's interaction and creation instant for everyone, and for the team's users
 *   (members of the auditor group, leads included) signs every change with the login and moves the
 *   version on by exactly one. The administrator (the owner, or a superuser), not bound by row-level
 *   security, is not bound by the signing rule either.
 * Self-contained: it names only the tables, columns and groups of migrations 2, 4 and 8.
 */
export const COLUMN_RIGHTS_SQL = `
REVOKE UPDATE ON reviews FROM wolkvox_auditor;
GRANT UPDATE (status, computed_status, override_status, override_reason, scorecard_id, scorecard_version, scores,
  overall_score, note, tags, reviewer, updated_at, version) ON reviews TO wolkvox_auditor;

REVOKE UPDATE ON calibration_scores FROM wolkvox_auditor;
GRANT UPDATE (scores, status, overall_score, updated_at) ON calibration_scores TO wolkvox_auditor;

CREATE FUNCTION keep_review_identity() RETURNS trigger LANGUAGE plpgsql SET search_path = wolkvox AS $$
BEGIN
  IF NEW.interaction_uid IS DISTINCT FROM OLD.interaction_uid OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a review keeps its interaction and its creation time' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF pg_has_role(session_user, 'wolkvox_auditor', 'MEMBER')
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
    IF NEW.reviewer IS DISTINCT FROM session_user::text THEN
      RAISE EXCEPTION 'a review is saved in the name of the user saving it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
      RAISE EXCEPTION 'each save of a review moves its version on by one' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reviews_keep_identity BEFORE UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION keep_review_identity();
`;
