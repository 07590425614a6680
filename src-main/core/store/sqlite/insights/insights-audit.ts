/**
 * The audit part of Insights on the SQLite cache: the reviews and scorecard versions read here, the
 * figures computed by core/insights/insights-audit.ts (shared with the team cache).
 */
import type { ScorecardAttribute } from '../../../reviews/types';
import type { Db } from '../connection/database';
import type { LocalCalendar } from '../../../insights/insights-time';
import type { Insights } from '../../../insights/insights-types';
import { auditFigures as figuresOf, versionKeyOf, type ReviewRow, type ScorecardVersions } from '../../../insights/insights-audit';

export type { ReviewRow } from '../../../insights/insights-audit';

/**
 * Every review (they are typed by people, thousands at most), each joined to its interaction by uid,
 * with the row's id: the caller keeps those of its selection. Driven from the reviews table, so the
 * interactions table is never scanned.
 */
export function readReviewRows(db: Db): (ReviewRow & { id: number })[] {
  return db
    .prepare(`SELECT i.id AS id, i.agent_name AS agent, i.created_utc AS created_utc, r.status AS status,
      r.override_status IS NOT NULL AS overridden, r.overall_score AS overall_score,
      r.scores AS scores, r.scorecard_id AS scorecard_id, r.scorecard_version AS scorecard_version
      FROM reviews r CROSS JOIN interactions i ON i.uid = r.interaction_uid`)
    .all() as (ReviewRow & { id: number })[];
}

function versionsOf(db: Db): ScorecardVersions {
  const rows = db.prepare('SELECT seq, id, version, attributes FROM scorecards').all() as { seq: number; id: string; version: number; attributes: string }[];
  return new Map(rows.map((r) => [versionKeyOf(r.id, r.version), { seq: r.seq, attributes: JSON.parse(r.attributes) as ScorecardAttribute[] }]));
}

export function auditFigures(rows: readonly ReviewRow[], calendar: LocalCalendar, db: Db): Insights['audit'] {
  return figuresOf(rows, calendar, versionsOf(db));
}
