/**
 * The audit workbook's Summary and Scorecard sheets for the rows a filter selects (reviews/summary.ts
 * says why two grouped statements and how they roll up). Read in one REPEATABLE READ transaction: the
 * groups, their reviews and the scorecards used are one snapshot, whatever commits meanwhile.
 */
import { summaryOf, type InteractionCell, type ReviewCell } from '../../../reviews/summary';
import type { InteractionFilter } from '../../filter';
import type { AuditSummary } from '../../store';
import type { PgContext } from '../pg-context';
import { compilePgFilter, SqlParams, whereOf } from '../reads/filter-sql';
import { decodeText } from '../text-codec';
import { scorecardOf, SCORECARD_COLUMNS, type ScorecardRow } from './scorecards';

// evaluation_survey is text: "1".."5" when the customer answered, '' otherwise. Anything else (a future
// scale, stray text) is left out rather than averaged in as 0.
const EVALUATION = `CASE WHEN trim(i.evaluation_survey) IN ('1', '2', '3', '4', '5') THEN trim(i.evaluation_survey)::integer END`;

type Group = { agent: string; channel: string; status: string };
const decoded = <T extends Group>(row: T): T => ({ ...row, agent: decodeText(row.agent), channel: decodeText(row.channel), status: decodeText(row.status) });

export async function auditSummaryOf(ctx: PgContext, filter: InteractionFilter): Promise<AuditSummary> {
  const params = new SqlParams();
  const where = whereOf(compilePgFilter(filter).conditions(params, 'i'));
  return ctx.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const interactions = await tx.query<InteractionCell>(
      `SELECT i.agent_name AS agent, i.channel AS channel, i.status AS status, count(*) AS n,
         count(${EVALUATION}) AS evaluated, coalesce(sum(${EVALUATION}), 0) AS evaluation_sum
       FROM interactions i ${where} GROUP BY 1, 2, 3`,
      params.values,
    );
    const reviews = await tx.query<ReviewCell>(
      `SELECT i.agent_name AS agent, i.channel AS channel, i.status AS status,
         count(*) FILTER (WHERE r.status = 'pass') AS passed, count(*) FILTER (WHERE r.status = 'fail') AS failed,
         count(r.overall_score) AS scored, coalesce(sum(r.overall_score), 0) AS score_sum
       FROM interactions i JOIN reviews r ON r.interaction_uid = i.uid ${where} GROUP BY 1, 2, 3`,
      params.values,
    );
    // The versions the selection's reviews were scored with, oldest first (ids in byte order, as SQLite).
    const used = await tx.query<ScorecardRow>(
      `SELECT ${SCORECARD_COLUMNS} FROM scorecards
       WHERE (id, version) IN (SELECT r.scorecard_id, r.scorecard_version FROM interactions i JOIN reviews r ON r.interaction_uid = i.uid ${where})
       ORDER BY id COLLATE "C", version`,
      params.values,
    );
    return { summary: summaryOf(interactions.map(decoded), reviews.map(decoded)), scorecards: used.map(scorecardOf) };
  });
}
