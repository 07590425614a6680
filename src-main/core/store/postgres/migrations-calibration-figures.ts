/**
 * PostgreSQL migration "calibration figures" (a review finding on migration 4): an auditor reads only
 * their own calibration scores (row-level security), so figures computed from the scores they can read
 * were their own answers compared with nothing: the agreement showed nothing compared, and every
 * colleague's progress showed none scored. Two functions compute the figures with the owner's rights and
 * return aggregates only, never an answer:
 * - calibration_progress(ids): per calibration and auditor, the interactions they finished scoring. Anyone
 *   who reads the calibrations may see who is done; counts tell nothing of what anyone answered.
 * - calibration_agreement(id): per attribute (attribute = its key) and for the result (attribute NULL), the
 *   interactions where at least two auditors answered and of those where every answer is the same: the
 *   rule of reviews/calibration.ts agreementOf (N/A is an answer; a result is that of a finished scoring).
 *   Scoring stays blind: an auditor taking part gets no rows until they have finished scoring every
 *   interaction of the calibration; then the team's figures, which a calibration session discusses. The
 *   lead, the owner and auditors not taking part (who score nothing) get them at once.
 * Both have a fixed search path and are granted to the auditor group only (leads are members).
 */
export const CALIBRATION_FIGURES_SQL = `
CREATE FUNCTION calibration_progress(ids bigint[]) RETURNS TABLE (calibration_id bigint, auditor text, scored bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wolkvox AS $$
  SELECT s.calibration_id, s.auditor, count(*) FROM wolkvox.calibration_scores s
  WHERE s.calibration_id = ANY(ids) AND s.status IN ('pass', 'fail')
  GROUP BY s.calibration_id, s.auditor;
$$;

CREATE FUNCTION calibration_agreement(calibration bigint) RETURNS TABLE (attribute text, compared bigint, agreed bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = wolkvox AS $$
  WITH shown AS (
    SELECT pg_has_role(session_user, 'wolkvox_lead', 'MEMBER')
      OR NOT pg_has_role(session_user, 'wolkvox_auditor', 'MEMBER')
      OR NOT EXISTS (SELECT FROM wolkvox.calibration_auditors a WHERE a.calibration_id = calibration AND a.auditor = session_user)
      OR NOT EXISTS (
          SELECT FROM wolkvox.calibration_members m
          WHERE m.calibration_id = calibration AND NOT EXISTS (
            SELECT FROM wolkvox.calibration_scores s
            WHERE s.calibration_id = calibration AND s.interaction_uid = m.interaction_uid AND s.auditor = session_user
              AND s.status IN ('pass', 'fail'))) AS yes
  ),
  answers AS (
    SELECT s.interaction_uid, e.key, count(*) AS n, count(DISTINCT e.value) AS kinds
    FROM wolkvox.calibration_scores s, jsonb_each(s.scores::jsonb) e
    WHERE s.calibration_id = calibration AND jsonb_typeof(e.value) <> 'null'
    GROUP BY s.interaction_uid, e.key
  ),
  results AS (
    SELECT s.interaction_uid, count(*) AS n, count(DISTINCT s.status) AS kinds
    FROM wolkvox.calibration_scores s
    WHERE s.calibration_id = calibration AND s.status IN ('pass', 'fail')
    GROUP BY s.interaction_uid
  )
  SELECT key, count(*) FILTER (WHERE n >= 2), count(*) FILTER (WHERE n >= 2 AND kinds = 1)
  FROM answers WHERE (SELECT yes FROM shown) GROUP BY key
  UNION ALL
  SELECT NULL, count(*) FILTER (WHERE n >= 2), count(*) FILTER (WHERE n >= 2 AND kinds = 1)
  FROM results HAVING (SELECT yes FROM shown);
$$;

REVOKE EXECUTE ON FUNCTION calibration_progress(bigint[]), calibration_agreement(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION calibration_progress(bigint[]), calibration_agreement(bigint) TO wolkvox_auditor;
`;
