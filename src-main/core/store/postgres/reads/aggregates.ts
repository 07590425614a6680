/** Counts and facets over the rows a filter selects on the team cache, each in one statement. */
import { badInput } from '../../../errors';
import type { FacetField } from '../../../api/constants';
import type { InteractionFilter } from '../../filter';
import { COLUMN_OF, FACET_FILTER_KEYS } from '../../sql/columns';
import type { FacetCount } from '../../types';
import type { PgContext } from '../pg-context';
import { decodeText } from '../text-codec';
import { compilePgFilter, SqlParams, whereOf } from './filter-sql';

export async function count(ctx: PgContext, filter: InteractionFilter = {}): Promise<number> {
  const params = new SqlParams();
  const where = whereOf(compilePgFilter(filter).conditions(params));
  const [row] = await ctx.query<{ n: number }>(`SELECT count(*) AS n FROM interactions i ${where}`, params.values);
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
  SELECT d.cod_description FROM (SELECT l.cod_description, l.id FROM interactions l WHERE l.cod_act = f.value ORDER BY l.id DESC LIMIT ${DESCRIPTION_REACH}) d
  WHERE d.cod_description <> '' ORDER BY d.id DESC LIMIT 1) END`;

/**
 * Values of one field with their counts, under every filter except the field's own (so choices stay
 * visible): most frequent first, ties by code point (COLLATE "C").
 */
export async function facet(ctx: PgContext, filter: InteractionFilter, field: FacetField): Promise<FacetCount[]> {
  const key = FACET_FILTER_KEYS[field];
  if (!key) throw badInput(`No facet for ${String(field)}.`);
  const params = new SqlParams();
  const where = whereOf(compilePgFilter(filter, key).conditions(params));
  const column = `i.${COLUMN_OF[field]}`;
  const sql = `WITH f AS (
      SELECT ${column} AS value, count(*) AS count FROM interactions i ${where}
      GROUP BY ${column} ORDER BY count(*) DESC, ${column} COLLATE "C" LIMIT ${FACET_LIMIT})
    SELECT f.value, f.count${field === 'cod_act' ? `, ${LABEL} AS label` : ''} FROM f ORDER BY f.count DESC, f.value COLLATE "C"`;
  const rows = await ctx.query<{ value: string; count: number; label?: string | null }>(sql, params.values);
  return rows.map((r) => {
    const counted: FacetCount = { value: decodeText(r.value), count: r.count };
    return r.label === undefined || r.label === null ? counted : { ...counted, label: decodeText(r.label) };
  });
}

/** Several facets at once: each its own statement, on the pool's connections side by side. */
export async function facets(ctx: PgContext, filter: InteractionFilter, fields: readonly FacetField[]): Promise<Record<string, FacetCount[]>> {
  const counted = await Promise.all(fields.map((f) => facet(ctx, filter, f)));
  return Object.fromEntries(fields.map((f, i) => [f, counted[i]!]));
}
