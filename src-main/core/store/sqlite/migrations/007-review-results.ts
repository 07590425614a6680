import type { Migration } from './migration';

/**
 * Migration 7: results follow the scores (reviews/result.ts), and an auditor may override one with a reason.
 *
 * `reviews.status` stays the EFFECTIVE status (override ?? computed), so every count, filter, summary and
 * Insights figure that reads it keeps working unchanged; `computed_status` is what the answers give, and
 * `override_status`/`override_reason` the auditor's decision (both set or both NULL).
 *
 * Existing reviews, every one kept, with its status decided as follows (each change gets a history row
 * signed by the upgrade, so nothing changes silently):
 * - A stored 'pass' or 'fail' was an auditor's decision (the app never passed a review on its own) or the
 *   automatic fail of a critical "No". Where the new rule disagrees, the stored result is kept as an
 *   override with a stated reason, so no pass rate moves on upgrade; the auditor can clear it (back to the
 *   computed result). This also keeps a decision made on an incomplete review: it is the one way an
 *   override can sit on an incomplete review, and only the auditor ends it.
 * - A stored 'unreviewed' or 'in review' was never a decision (the app set 'in review' as soon as a review
 *   had content, and left complete reviews there): it is recomputed. A complete review stuck 'in review'
 *   becomes pass or fail, which is exactly what the new rule is for.
 * The rule in SQL, for stored data only: before this migration 'na' was refused, so an answer is a boolean
 * (yes-no) or an integer 1-5; complete reviews always have their overall score (rounded as the app does).
 */

const OLD_DECISION_REASON = 'Decided before results followed the scores (kept on upgrade)';
const UPGRADE_SIGNATURE = 'Wolkvox Audit upgrade';

const V7 = `
ALTER TABLE reviews ADD COLUMN computed_status TEXT NOT NULL DEFAULT 'unreviewed'
  CHECK (computed_status IN ('unreviewed', 'in review', 'pass', 'fail'));
ALTER TABLE reviews ADD COLUMN override_status TEXT CHECK (override_status IS NULL OR override_status IN ('pass', 'fail'));
ALTER TABLE reviews ADD COLUMN override_reason TEXT
  CHECK ((override_reason IS NULL) = (override_status IS NULL) AND (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 500));

CREATE TEMP TABLE review_results_v7 AS
WITH answers AS (
  SELECT r.interaction_uid AS uid, r.status AS old, r.overall_score AS overall, s.pass_mark AS pass_mark,
    r.note <> '' OR r.tags <> '[]' AS started,
    json_array_length(s.attributes) AS n,
    (SELECT count(*) FROM json_each(s.attributes) a WHERE
       CASE json_extract(a.value, '$.scale')
         WHEN 'yes-no' THEN json_type(r.scores, '$."' || json_extract(a.value, '$.key') || '"') IN ('true', 'false')
         ELSE json_type(r.scores, '$."' || json_extract(a.value, '$.key') || '"') = 'integer'
           AND json_extract(r.scores, '$."' || json_extract(a.value, '$.key') || '"') BETWEEN 1 AND 5
       END) AS answered,
    EXISTS (SELECT 1 FROM json_each(s.attributes) a WHERE json_extract(a.value, '$.critical') = 1 AND
       CASE json_extract(a.value, '$.scale')
         WHEN 'yes-no' THEN json_type(r.scores, '$."' || json_extract(a.value, '$.key') || '"') = 'false'
         ELSE json_type(r.scores, '$."' || json_extract(a.value, '$.key') || '"') = 'integer'
           AND json_extract(r.scores, '$."' || json_extract(a.value, '$.key') || '"') = 1
       END) AS critical_failed
  FROM reviews r JOIN scorecards s ON s.id = r.scorecard_id AND s.version = r.scorecard_version
),
computed AS (
  SELECT uid, old, CASE
      WHEN answered = 0 AND NOT started THEN 'unreviewed'
      WHEN answered = 0 THEN 'in review'
      WHEN answered < n THEN 'in review'
      WHEN critical_failed THEN 'fail'
      WHEN overall IS NULL OR overall >= pass_mark THEN 'pass'
      ELSE 'fail'
    END AS computed
  FROM answers
)
SELECT uid, old, computed,
  CASE WHEN old IN ('pass', 'fail') AND old <> computed THEN old END AS override_status
FROM computed;

UPDATE reviews SET
  computed_status = (SELECT computed FROM review_results_v7 t WHERE t.uid = reviews.interaction_uid),
  override_status = (SELECT override_status FROM review_results_v7 t WHERE t.uid = reviews.interaction_uid),
  override_reason = (SELECT CASE WHEN override_status IS NOT NULL THEN '${OLD_DECISION_REASON}' END
    FROM review_results_v7 t WHERE t.uid = reviews.interaction_uid),
  status = (SELECT coalesce(override_status, computed) FROM review_results_v7 t WHERE t.uid = reviews.interaction_uid)
WHERE interaction_uid IN (SELECT uid FROM review_results_v7);

INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes)
SELECT uid, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), '${UPGRADE_SIGNATURE}', 'update',
  CASE WHEN override_status IS NOT NULL
    THEN json_object('override', json_object('from', NULL, 'to', json_object('status', override_status, 'reason', '${OLD_DECISION_REASON}')))
    ELSE json_object('status', json_object('from', old, 'to', computed))
  END
FROM review_results_v7
WHERE override_status IS NOT NULL OR old <> computed
ORDER BY uid;

DROP TABLE review_results_v7;
`;

export const REVIEW_RESULTS_MIGRATION: Migration = Object.freeze({
  version: 7,
  name: 'review results follow the scores, with overrides',
  sql: V7,
});
