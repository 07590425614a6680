/**
 * The one statement behind an Insights request on the team cache: the server sums the selection and
 * sends back groups, never rows, so the answer's size and the desktop's memory do not grow with the
 * cache. One statement is one snapshot (every figure describes the same rows) and one round trip.
 *
 * One scan of the selection feeds four grouping sets, hashed where the server can: per agent; per local
 * hour × channel (the volume, the heatmap and the survey's weeks); per typification pair; per survey
 * value. A second scan of the closed rows gives each agent's handle-time median and p90 (percentile_disc:
 * the value at rank ceil(p × n), computed in doubles as JavaScript does; for every n up to 20,000,000 that
 * is the nearest rank the in-memory computation finds in integers). Grouping the handle times in the
 * first scan instead (one group per agent and value, then running sums) measured twice as slow on a
 * 30-day selection of a million rows. Beside them, the selection's reviews and the scorecard versions, as JSON.
 *
 * Agents are grouped in COLLATE "C" (the same groups: equality is byte equality), the order of the agent
 * index, which carries every column read here (PostgreSQL migration 13): over a few agents both scans read
 * that index alone, in group order, with no sort.
 */
import { localOffsetSql } from '../../sql/created-slot';
import { whereOf, type PgCompiledFilter, SqlParams } from '../reads/filter-sql';

const HOUR_MS = 3_600_000;
/**
 * Added to the local instant before the division (a whole number of hours), so that PostgreSQL's
 * division, which truncates toward zero, floors every instant a JavaScript date can hold (±8.64e15 ms).
 */
const SHIFT_HOURS = 16_800_000_000;

/** The grouping columns, in the order GROUPING() reads them (the first is the highest bit). */
const KEYS = ['agent', 'hour', 'channel', 'code', 'description', 'survey'] as const;
type Key = (typeof KEYS)[number];

/** GROUPING()'s value for a set: a bit set for every key the set does not group by. */
function groupingOf(keys: readonly Key[]): number {
  return KEYS.reduce((bits, key, i) => (keys.includes(key) ? bits : bits | (1 << (KEYS.length - 1 - i))), 0);
}

export const SETS = {
  agent: groupingOf(['agent']),
  hour: groupingOf(['hour', 'channel']),
  typification: groupingOf(['code', 'description']),
  survey: groupingOf(['survey']),
} as const;

/** [set, agent, hour, channel, code, description, survey, rows, closed, evaluated, evaluation sum, newest id, first created, last created] */
export type GroupRow = [number, string | null, number | null, string | null, string | null, string | null, string | null, number, number, number, number, number, number | null, number | null];
/** [agent, median, p90] */
export type HandleRow = [string, number, number];
/** [agent, created_utc, status, overridden (0/1), overall_score, scores, scorecard_id, scorecard_version] */
export type ReviewJson = [string, number | null, string, number, number | null, string, string, number];
/** [seq, id, version, attributes] */
export type CardJson = [number, string, number, string];

export interface InsightsAnswer {
  groups: GroupRow[] | null;
  handles: HandleRow[] | null;
  reviews: ReviewJson[] | null;
  cards: CardJson[] | null;
}

export interface InsightsStatement {
  text: string;
  values: unknown[];
}

/** The statement for a compiled filter in a zone; `bounds` are the filter's own dates (the offsets read only over them). */
export function insightsStatement(filter: PgCompiledFilter, zone: string, bounds: { fromUtc?: number; toUtc?: number }): InsightsStatement {
  const params = new SqlParams();
  const rows = whereOf(filter.conditions(params, 'i'));
  const handled = whereOf([...filter.conditions(params, 'i'), 'i.closed_utc IS NOT NULL', 'i.created_utc IS NOT NULL']);
  const reviews = whereOf(filter.conditions(params, 'i'));
  const offset = localOffsetSql(zone, 'i.created_utc', bounds);
  // The survey value as the workbook's Summary reads it: "1".."5" once spaces are trimmed, else none.
  const evaluation = `CASE btrim(i.evaluation_survey, ' ') ${[1, 2, 3, 4, 5].map((v) => `WHEN '${v}' THEN ${v}`).join(' ')} END`;
  const text = `
SELECT
  (SELECT json_agg(json_build_array(set, agent, hour, channel, code, description, survey, n, closed, evaluated, ev_sum, newest, first, last)) FROM (
    SELECT GROUPING(${KEYS.join(', ')}) AS set, ${KEYS.join(', ')},
      count(*) AS n, count(closed) AS closed, count(ev) AS evaluated, coalesce(sum(ev), 0) AS ev_sum, max(id) AS newest,
      min(created) AS first, max(created) AS last
    FROM (
      SELECT i.id, i.agent_name COLLATE "C" AS agent, i.channel, i.cod_act AS code, i.cod_description AS description, i.evaluation_survey AS survey,
        i.created_utc AS created, i.closed_utc AS closed, ${evaluation} AS ev,
        (i.created_utc + (${offset}) + ${SHIFT_HOURS * HOUR_MS}) / ${HOUR_MS} - ${SHIFT_HOURS} AS hour
      FROM interactions i ${rows}) sel
    GROUP BY GROUPING SETS ((agent), (hour, channel), (code, description), (survey))) grouped) AS groups,
  (SELECT json_agg(json_build_array(agent, p[1], p[2])) FROM (
    SELECT i.agent_name COLLATE "C" AS agent, percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY i.closed_utc - i.created_utc) AS p
    FROM interactions i ${handled} GROUP BY i.agent_name COLLATE "C") h) AS handles,
  (SELECT json_agg(json_build_array(i.agent_name, i.created_utc, r.status, (r.override_status IS NOT NULL)::int, r.overall_score, r.scores,
      r.scorecard_id, r.scorecard_version))
    FROM reviews r JOIN interactions i ON i.uid = r.interaction_uid ${reviews}) AS reviews,
  (SELECT json_agg(json_build_array(seq, id, version, attributes)) FROM scorecards) AS cards`;
  return { text, values: params.values };
}
