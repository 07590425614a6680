/**
 * The SQL of a purge on the team cache, with the SQLite cache's rules (sqlite/writes/retention.ts): a
 * server's interactions created before the cut-off (a row with no readable creation date aged by its
 * first sync), unless kept as reviewed (a review other than 'unreviewed'), and what hangs off them: their
 * earlier versions, their sample places, their review and its history. Each plan or purge is one
 * statement, so its rows are chosen and counted (or removed) in one snapshot.
 */
import type { PurgeRequest } from '../../types';
import { firstIdAtOrAfter } from '../../sql/row-ids';
import { encodeText } from '../text-codec';

const LAST_DATE_MS = 8.64e15;

export interface DoomedStatement {
  /** `doomed AS MATERIALIZED (SELECT id, uid …)`, the first CTE of the statement. */
  cte: string;
  values: unknown[];
}

/** The rows a purge takes; ids are creation-ordered (sql/row-ids.ts), so the cut-off bounds the primary key. */
export function doomedOf(req: PurgeRequest): DoomedStatement {
  const values: unknown[] = [encodeText(req.server)];
  const where = ['i.server = $1'];
  if (Number.isFinite(req.beforeUtc)) {
    // Every stored instant is a JavaScript date (within ±8.64e15 ms): a cut-off beyond them keeps its meaning
    // clamped there, and its id bound fits in a bigint.
    const before = Math.min(Math.max(req.beforeUtc, -LAST_DATE_MS), LAST_DATE_MS + 1);
    values.push(firstIdAtOrAfter(before), before);
    where.push('i.id < $2', 'coalesce(i.created_utc, i.first_synced_at) < $3');
  }
  if (req.keepReviewed) where.push("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.interaction_uid = i.uid AND r.status <> 'unreviewed')");
  return { cte: `doomed AS MATERIALIZED (SELECT i.id, i.uid FROM interactions i WHERE ${where.join(' AND ')})`, values };
}

/** Counts of what hangs off the doomed rows, as the columns of PurgeCounts. */
export const COUNT_DOOMED = `(SELECT count(*) FROM doomed) AS interactions,
  (SELECT count(*) FROM reviews WHERE interaction_uid IN (SELECT uid FROM doomed)) AS reviews,
  (SELECT count(*) FROM interaction_history WHERE interaction_id IN (SELECT id FROM doomed)) AS history,
  (SELECT count(*) FROM review_history WHERE interaction_uid IN (SELECT uid FROM doomed)) AS "reviewHistory",
  (SELECT count(*) FROM sample_members WHERE interaction_uid IN (SELECT uid FROM doomed)) AS "sampleMembers"`;

/**
 * Removes the doomed rows and what hangs off them, counting what each DELETE removed. Review history
 * goes only inside a transaction that opened the purge gate (`wolkvox.purge`, schema-v1.ts); the
 * interactions' trigger logs each removed id in interaction_removals.
 */
export const DELETE_DOOMED = `sample_gone AS (DELETE FROM sample_members WHERE interaction_uid IN (SELECT uid FROM doomed) RETURNING 1),
  reviews_gone AS (DELETE FROM reviews WHERE interaction_uid IN (SELECT uid FROM doomed) RETURNING 1),
  review_history_gone AS (DELETE FROM review_history WHERE interaction_uid IN (SELECT uid FROM doomed) RETURNING 1),
  history_gone AS (DELETE FROM interaction_history WHERE interaction_id IN (SELECT id FROM doomed) RETURNING 1),
  rows_gone AS (DELETE FROM interactions WHERE id IN (SELECT id FROM doomed) RETURNING 1)
SELECT (SELECT count(*) FROM rows_gone) AS interactions, (SELECT count(*) FROM reviews_gone) AS reviews, (SELECT count(*) FROM history_gone) AS history,
  (SELECT count(*) FROM review_history_gone) AS "reviewHistory", (SELECT count(*) FROM sample_gone) AS "sampleMembers"`;
