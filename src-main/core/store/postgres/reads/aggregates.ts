/** Counts and facets over the rows a filter selects on the team cache, each in one statement. */
import { badInput } from '../../../errors';
import type { FacetField } from '../../../api/constants';
import type { InteractionFilter } from '../../filter';
import { COLUMN_OF, FACET_FILTER_KEYS, type FilterKey } from '../../sql/columns';
import type { FacetCount } from '../../types';
import type { PgContext } from '../pg-context';
import { decodeText, encodeText } from '../text-codec';
import { compilePgFilter, SqlParams, whereOf } from './filter-sql';

/**
 * The selection the facet totals (PostgreSQL migration 14) can answer: the whole cache, or some agents, with
 * no other filter (`skip`, a facet's own key, left out). Null when rows must be counted.
 */
function totalsScope(filter: InteractionFilter, skip?: FilterKey): { agents: string[] | null } | null {
  const rest = compilePgFilter({ ...filter, agents: undefined }, skip);
  if (rest.conditions(new SqlParams()).length > 0) return null;
  return { agents: skip !== 'agents' && filter.agents?.length ? filter.agents : null };
}

/** The totals' rows of one field within a scope, as `WHERE …` on facet_totals. */
function totalsWhere(field: string, scope: { agents: string[] | null }, params: SqlParams): string {
  const agents = scope.agents ? ` AND agent = ANY(${params.add(scope.agents.map(encodeText))}::text[])` : '';
  return `WHERE field = '${field}'${agents}`;
}

export async function count(ctx: PgContext, filter: InteractionFilter = {}): Promise<number> {
  const params = new SqlParams();
  const scope = totalsScope(filter);
  // Every row has exactly one value of each field: its channel totals add up to the rows.
  const sql = scope
    ? `SELECT coalesce(sum(count), 0)::bigint AS n FROM facet_totals ${totalsWhere('channel', scope, params)}`
    : `SELECT count(*) AS n FROM interactions i ${whereOf(compilePgFilter(filter).conditions(params))}`;
  const [row] = await ctx.query<{ n: number }>(sql, params.values);
  return row?.n ?? 0;
}

export async function hasAny(ctx: PgContext): Promise<boolean> {
  const [row] = await ctx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM interactions) AS any');
  return row?.any === true;
}

const FACET_LIMIT = 500;
/**
 * Newest rows of a code read for its description: a code whose newest rows all lack one (the API left the
 * field out) is not read further, so each code shown costs at most this many steps of its index.
 */
const DESCRIPTION_REACH = 100;

/**
 * Each typification code's label: its newest non-empty description (a renamed typification shows its new
 * name), read backwards along the code's index, as the embedded cache and Insights name it.
 */
const LABEL = `CASE WHEN f.value = '' THEN NULL ELSE (
  SELECT d.cod_description FROM (SELECT l.cod_description, l.id FROM interactions l WHERE l.cod_act COLLATE "C" = f.value ORDER BY l.id DESC LIMIT ${DESCRIPTION_REACH}) d
  WHERE d.cod_description <> '' ORDER BY d.id DESC LIMIT 1) END`;

/**
 * The counted values of one field as a branch of the facets' statement: under every filter except the
 * field's own (so choices stay visible), the FACET_LIMIT most frequent, ties by code point (COLLATE "C").
 */
function facetBranch(k: number, field: FacetField, filter: InteractionFilter, params: SqlParams): string {
  const key = FACET_FILTER_KEYS[field];
  if (!key) throw badInput(`No facet for ${String(field)}.`);
  const column = `i.${COLUMN_OF[field]}`;
  const scope = totalsScope(filter, key);
  // The whole cache or some agents: their totals (PostgreSQL migration 14) instead of a count of their rows.
  const counted = scope
    ? `SELECT value, sum(count)::bigint AS count FROM facet_totals ${totalsWhere(COLUMN_OF[field], scope, params)}
    GROUP BY value ORDER BY sum(count) DESC, value COLLATE "C" LIMIT ${FACET_LIMIT}`
    : `SELECT ${column} AS value, count(*) AS count FROM interactions i ${whereOf(compilePgFilter(filter, key).conditions(params))}
    GROUP BY ${column} ORDER BY count(*) DESC, ${column} COLLATE "C" LIMIT ${FACET_LIMIT}`;
  return `SELECT ${k} AS k, f.value, f.count, ${field === 'cod_act' ? LABEL : 'NULL::text'} AS label FROM (${counted}) f`;
}

/**
 * Several facets in one statement: one connection of the pool, however many fields, so the grid's page
 * and count never queue behind a panel of facets.
 */
export async function facets(ctx: PgContext, filter: InteractionFilter, fields: readonly FacetField[]): Promise<Record<string, FacetCount[]>> {
  const out: Record<string, FacetCount[]> = {};
  if (fields.length === 0) return out;
  const params = new SqlParams();
  const branches = fields.map((field, k) => facetBranch(k, field, filter, params));
  const sql = `SELECT * FROM (${branches.join('\nUNION ALL\n')}) u ORDER BY u.k, u.count DESC, u.value COLLATE "C"`;
  const rows = await ctx.query<{ k: number; value: string; count: number; label: string | null }>(sql, params.values);
  for (const field of fields) out[field] = [];
  for (const r of rows) {
    const counted: FacetCount = { value: decodeText(r.value), count: r.count };
    out[fields[r.k]!]!.push(r.label === null ? counted : { ...counted, label: decodeText(r.label) });
  }
  return out;
}
