/**
 * A review as both SQL backends keep it: one `reviews` row per interaction (keyed by uid, so a re-sync
 * never touches it), scores and tags as JSON text. Each backend reads its stored text back its own way
 * (`decode`: as it is in SQLite; through text-codec.ts in PostgreSQL).
 */
import type { OverrideStatus, Review, ReviewStatus, Scores } from '../../reviews/types';

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

/** The row's columns, in the order a save binds them. */
export const REVIEW_COLUMNS =
  'interaction_uid, status, computed_status, override_status, override_reason, scorecard_id, scorecard_version, scores, overall_score, note, tags, reviewer, created_at, updated_at, version';

const asStored = (text: string) => text;

export function reviewOfRow(row: ReviewRow, decode: (stored: string) => string = asStored): Review {
  return {
    uid: decode(row.interaction_uid),
    status: row.status,
    computedStatus: row.computed_status,
    override: row.override_status === null ? null : { status: row.override_status, reason: row.override_reason === null ? '' : decode(row.override_reason) },
    scorecardId: decode(row.scorecard_id),
    scorecardVersion: row.scorecard_version,
    scores: JSON.parse(decode(row.scores)) as Scores,
    overallScore: row.overall_score,
    note: decode(row.note),
    tags: JSON.parse(decode(row.tags)) as string[],
    reviewer: decode(row.reviewer),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
