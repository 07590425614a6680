/**
 * The statements behind the workbook's Summary and Scorecard sheets (see reviews/summary.ts for why
 * two statements and how they roll up). Read in one transaction so the figures agree.
 */
import { setSql, type InteractionSet } from './interaction-set';
import { summaryOf, type InteractionCell, type ReviewCell, type Summary } from '../../../reviews/summary';
import type { Scorecard } from '../../../reviews/types';
import type { Db } from '../connection/database';
import type { InteractionFilter } from '../reads/filters';
import { scorecardVersion } from './scorecards-sql';
import { selectionSql } from '../reads/selection';

// evaluation_survey is text: "1".."5" when the customer answered, '' otherwise. Anything else (a
// future scale, stray text) is left out rather than averaged in as 0.
const EVALUATION = `CASE WHEN trim(i.evaluation_survey) IN ('1', '2', '3', '4', '5') THEN CAST(trim(i.evaluation_survey) AS INTEGER) END`;

/** The two statements, exposed so the export can show or log exactly what the sheet was built from. */
export function summarySql(set: InteractionSet = { kind: 'all' }): { interactions: string; reviews: string; params: unknown[] } {
  const { from, params } = setSql(set);
  const interactions = `SELECT i.agent_name AS agent, i.channel AS channel, i.status AS status, count(*) AS n,
    count(${EVALUATION}) AS evaluated, total(${EVALUATION}) AS evaluation_sum ${from} GROUP BY 1, 2, 3`;
  // For the whole cache, start from reviews (CROSS JOIN fixes that order): the planner otherwise scans
  // every interaction to find the few that have a review.
  const reviewsFrom = set.kind === 'all' ? 'FROM reviews r CROSS JOIN interactions i ON i.uid = r.interaction_uid' : `${from} JOIN reviews r ON r.interaction_uid = i.uid`;
  const reviews = `SELECT i.agent_name AS agent, i.channel AS channel, i.status AS status,
    count(CASE WHEN r.status = 'pass' THEN 1 END) AS passed, count(CASE WHEN r.status = 'fail' THEN 1 END) AS failed,
    count(r.overall_score) AS scored, total(r.overall_score) AS score_sum ${reviewsFrom} GROUP BY 1, 2, 3`;
  return { interactions, reviews, params };
}

/** Per agent, per channel, per status and in total; read in one transaction so they agree. */
export function reviewSummary(db: Db, set: InteractionSet = { kind: 'all' }): Summary {
  const { interactions, reviews, params } = summarySql(set);
  return db.transaction(() => summaryOf(db.prepare(interactions).all(...params) as InteractionCell[], db.prepare(reviews).all(...params) as ReviewCell[]))();
}

/** The workbook's Summary and the scorecards the filter's reviews used, from one snapshot. */
export function auditSummaryOf(db: Db, filter: InteractionFilter): { summary: Summary; scorecards: Scorecard[] } {
  const set: InteractionSet = { kind: 'sql', ...selectionSql(filter, 'i.uid') };
  return db.transaction(() => ({ summary: reviewSummary(db, set), scorecards: scorecardsUsed(db, set) }))();
}

/** The scorecard versions the set's reviews were scored with, oldest first (the Scorecard sheet). */
export function scorecardsUsed(db: Db, set: InteractionSet = { kind: 'all' }): Scorecard[] {
  const { from, params } = setSql(set);
  const used = db
    .prepare(
      `SELECT DISTINCT r.scorecard_id AS id, r.scorecard_version AS version ${from} JOIN reviews r ON r.interaction_uid = i.uid
       ORDER BY r.scorecard_id, r.scorecard_version`,
    )
    .all(...params) as { id: string; version: number }[];
  return used.map((u) => scorecardVersion(db, u.id, u.version)).filter((c): c is Scorecard => c !== undefined);
}
