/**
 * Review progress of the rows a filter selects ("38 of 120 reviewed"): interactions joined to their
 * reviews by uid, the filter compiled by reads/filter-sql.ts so the counts cover exactly the grid's rows.
 */
import type { ReviewStatusCounts } from '../../../reviews/types';
import type { InteractionFilter } from '../../filter';
import type { SqlClient } from '../sql-client';
import { compilePgFilter, SqlParams, whereOf } from '../reads/filter-sql';

interface CountRow {
  total: number;
  in_review: number;
  pass: number;
  fail: number;
  overridden: number;
}

// Overrides are counted among decided reviews only (an upgraded decision on an incomplete review shows as pass or fail).
const COUNTS = `count(*) FILTER (WHERE r.status = 'in review') AS in_review, count(*) FILTER (WHERE r.status = 'pass') AS pass,
  count(*) FILTER (WHERE r.status = 'fail') AS fail,
  count(*) FILTER (WHERE r.override_status IS NOT NULL AND r.status IN ('pass', 'fail')) AS overridden`;

export async function reviewCountsOf(sql: SqlClient, filter: InteractionFilter): Promise<ReviewStatusCounts> {
  const params = new SqlParams();
  const conditions = compilePgFilter(filter).conditions(params, 'i');
  // The whole cache: count interactions on their own and only the (few) reviews, rather than joining
  // every interaction to its possible review.
  const text = conditions.length === 0
    ? `SELECT (SELECT count(*) FROM interactions) AS total, ${COUNTS}
       FROM reviews r WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.uid = r.interaction_uid)`
    : `SELECT count(*) AS total, ${COUNTS} FROM interactions i LEFT JOIN reviews r ON r.interaction_uid = i.uid ${whereOf(conditions)}`;
  const [row] = await sql.query<CountRow>(text, params.values);
  const { total, in_review: inReview, pass, fail, overridden } = row!;
  return { total, unreviewed: total - inReview - pass - fail, inReview, pass, fail, reviewed: pass + fail, overridden };
}
