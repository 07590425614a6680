/**
 * Reviews as the team cache keeps them and reads them back: one row per interaction (keyed by uid, so a
 * re-sync never touches it), scores and tags as JSON text, every text through text-codec.ts.
 */
import type { OverrideStatus, Review, ReviewChange, ReviewStatus, Scores } from '../../../reviews/types';
import type { SqlClient } from '../sql-client';
import { decodeNullable, decodeText, encodeText } from '../text-codec';

export interface ReviewRow {
  interaction_uid: string;
  /** The effective status (override ?? computed): what every count and filter reads. */
  status: ReviewStatus;
  computed_status: ReviewStatus;
  override_status: OverrideStatus | null;
  override_reason: string | null;
  scorecard_id: string;
  scorecard_version: number;
  scores: string;
  overall_score: number | null;
  note: string;
  tags: string;
  reviewer: string;
  created_at: number;
  updated_at: number;
  version: number;
}

export const REVIEW_COLUMNS =
  'interaction_uid, status, computed_status, override_status, override_reason, scorecard_id, scorecard_version, scores, overall_score, note, tags, reviewer, created_at, updated_at, version';

export function reviewOf(row: ReviewRow): Review {
  const reason = decodeNullable(row.override_reason);
  return {
    uid: decodeText(row.interaction_uid),
    status: row.status,
    computedStatus: row.computed_status,
    override: row.override_status === null ? null : { status: row.override_status, reason: reason ?? '' },
    scorecardId: decodeText(row.scorecard_id),
    scorecardVersion: row.scorecard_version,
    scores: JSON.parse(decodeText(row.scores)) as Scores,
    overallScore: row.overall_score,
    note: decodeText(row.note),
    tags: JSON.parse(decodeText(row.tags)) as string[],
    reviewer: decodeText(row.reviewer),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The row's values in REVIEW_COLUMNS order. */
export function rowValuesOf(review: Review): unknown[] {
  return [
    encodeText(review.uid),
    review.status,
    review.computedStatus,
    review.override?.status ?? null,
    review.override === null ? null : encodeText(review.override.reason),
    encodeText(review.scorecardId),
    review.scorecardVersion,
    encodeText(JSON.stringify(review.scores)),
    review.overallScore,
    encodeText(review.note),
    encodeText(JSON.stringify(review.tags)),
    encodeText(review.reviewer),
    review.createdAt,
    review.updatedAt,
    review.version,
  ];
}

/** One interaction's review, or null. */
export async function readReview(sql: SqlClient, uid: string): Promise<Review | null> {
  const [row] = await sql.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE interaction_uid = $1`, [encodeText(uid)]);
  return row ? reviewOf(row) : null;
}

/** The given interactions' reviews, by uid; those never reviewed are absent. */
export async function readReviews(sql: SqlClient, uids: readonly string[]): Promise<Map<string, Review>> {
  if (uids.length === 0) return new Map();
  const rows = await sql.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE interaction_uid = ANY($1::text[])`, [uids.map(encodeText)]);
  return new Map(rows.map((row) => [decodeText(row.interaction_uid), reviewOf(row)]));
}

export interface ReviewMark {
  status: ReviewStatus;
  overridden: boolean;
}

/** The grid's marks of each given interaction: its status and whether that is an override ('unreviewed' when none). */
export async function readMarks(sql: SqlClient, uids: readonly string[]): Promise<Map<string, ReviewMark>> {
  const out = new Map<string, ReviewMark>(uids.map((uid) => [uid, { status: 'unreviewed', overridden: false }]));
  if (uids.length === 0) return out;
  const rows = await sql.query<{ uid: string; status: ReviewStatus; overridden: boolean }>(
    'SELECT interaction_uid AS uid, status, override_status IS NOT NULL AS overridden FROM reviews WHERE interaction_uid = ANY($1::text[])',
    [uids.map(encodeText)],
  );
  for (const r of rows) out.set(decodeText(r.uid), { status: r.status, overridden: r.overridden });
  return out;
}

interface HistoryRow {
  id: number;
  interaction_uid: string;
  changed_at: number;
  reviewer: string;
  action: ReviewChange['action'];
  changes: string;
}

/** Every change to one interaction's review, oldest first. */
export async function readHistory(sql: SqlClient, uid: string): Promise<ReviewChange[]> {
  const rows = await sql.query<HistoryRow>(
    'SELECT id, interaction_uid, changed_at, reviewer, action, changes FROM review_history WHERE interaction_uid = $1 ORDER BY id',
    [encodeText(uid)],
  );
  return rows.map((r) => ({
    id: r.id,
    uid: decodeText(r.interaction_uid),
    changedAt: r.changed_at,
    reviewer: decodeText(r.reviewer),
    action: r.action,
    changes: JSON.parse(decodeText(r.changes)) as ReviewChange['changes'],
  }));
}
