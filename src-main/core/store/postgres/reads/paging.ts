/**
 * The grid's pages on the team cache: keyset pages (keyset.ts) in any sort of the port, both directions,
 * with jumps (an offset, e.g. a dragged scrollbar). Each segment of the order is read by its own statement,
 * so every one is a range of an index ending in id (the primary key for the date orders).
 */
import { badInput } from '../../../errors';
import { DEFAULT_SORT, type SortSpec } from '../../filter';
import type { Page, PageRequest } from '../../types';
import type { PgContext } from '../pg-context';
import { compilePgFilter, pgSortKeyOf, SqlParams, whereOf, type PgCompiledFilter } from './filter-sql';
import { afterAnchor, afterCondition, decodeCursor, encodeCursor, orderBy, segmentsOf, type CursorState, type Segment } from './keyset';
import { matchedFields } from './matched-fields';
import { GRID_SELECT, toGridRow, type DbRow } from './row-shape';
import { checkLimit } from '../../page-rules';


/** One segment of the order from a cursor (or its start), as FROM … WHERE … and its ORDER BY, on `params`. */
interface Part {
  segment: number;
  /** FROM … WHERE …, with `extra` conditions ANDed. */
  body: (params: SqlParams, extra?: readonly string[]) => string;
  order: string;
  /** The SELECT item of the sort value the cursor needs, if the segment has one. */
  sortValue: string;
}

function partsFrom(compiled: PgCompiledFilter, segments: readonly Segment[], start: CursorState | null): Part[] {
  const parts: Part[] = [];
  for (let s = start?.segment ?? 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const cursor = start && start.segment === s ? start : null;
    parts.push({
      segment: s,
      order: orderBy(segment),
      sortValue: segment.expr ? `, ${segment.expr} AS sort_value` : '',
      body: (params, extra = []) => {
        const where = compiled.conditions(params);
        if (segment.where) where.push(segment.where);
        if (cursor) where.push(afterCondition(segment, cursor, params));
        return `FROM interactions i ${whereOf([...where, ...extra])}`;
      },
    });
  }
  return parts;
}

const stateOf = (segment: number, row: DbRow): CursorState => ({ segment, value: (row.sort_value ?? null) as string | number | null, id: row.id as number });

/**
 * Where a jump lands in an order of several segments: the row `skip` rows after `start`, found reading ids
 * and sort values only (the rows skipped are never built). Null when there are not that many rows.
 */
async function locate(ctx: PgContext, parts: readonly Part[], skip: number): Promise<CursorState | null> {
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (p < parts.length - 1) {
      const params = new SqlParams();
      const [row] = await ctx.query<{ n: number }>(`SELECT count(*) AS n ${part.body(params)}`, params.values);
      const n = row?.n ?? 0;
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    const params = new SqlParams();
    const sql = `SELECT i.id AS id${part.sortValue} ${part.body(params)} ORDER BY ${part.order} LIMIT 1 OFFSET ${params.add(skip)}`;
    const [row] = await ctx.query<DbRow>(sql, params.values);
    return row ? stateOf(part.segment, row) : null;
  }
  return null;
}

export interface Collected {
  /** Each row with where it stands in the order (the cursor after it). */
  out: { row: DbRow; state: CursorState }[];
  sortId: string;
}

/** Up to `want` rows of the request's order, with the given SELECT list, from its cursor and offset. */
export async function collect(ctx: PgContext, req: PageRequest, compiled: PgCompiledFilter, select: string, want: number): Promise<Collected> {
  const sort: SortSpec = req.sort ?? DEFAULT_SORT;
  const segments = segmentsOf(pgSortKeyOf(sort));
  const sortId = `${sort.field}:${sort.dir}`;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw badInput('The offset must be a whole number of rows.');
  let start = req.after ? decodeCursor(sortId, req.after, segments.length) : null;
  const out: Collected['out'] = [];
  if (offset > 0 && segments.length === 1) {
    // A jump in a one-segment order, in one round trip: the row just before the page found reading ids and
    // sort values only (the rows skipped are never built), and the page read on from it.
    const [part] = partsFrom(compiled, segments, start);
    const params = new SqlParams();
    const anchor = `SELECT i.id AS id${part!.sortValue} ${part!.body(params)} ORDER BY ${part!.order} LIMIT 1 OFFSET ${params.add(offset - 1)}`;
    const body = part!.body(params, [afterAnchor(segments[0]!)]);
    const sql = `WITH anchor AS MATERIALIZED (${anchor}) SELECT ${select}${part!.sortValue} ${body} ORDER BY ${part!.order} LIMIT ${params.add(want)}`;
    for (const row of await ctx.query<DbRow>(sql, params.values)) out.push({ row, state: stateOf(0, row) });
    return { out, sortId };
  }
  if (offset > 0) {
    // A jump: seek the row just before the page, then read on from it.
    start = await locate(ctx, partsFrom(compiled, segments, start), offset - 1);
    if (!start) return { out, sortId };
  }
  for (const part of partsFrom(compiled, segments, start)) {
    if (out.length >= want) break;
    const params = new SqlParams();
    const body = part.body(params);
    const sql = `SELECT ${select}${part.sortValue} ${body} ORDER BY ${part.order} LIMIT ${params.add(want - out.length)}`;
    for (const row of await ctx.query<DbRow>(sql, params.values)) out.push({ row, state: stateOf(part.segment, row) });
  }
  return { out, sortId };
}

/** One page of the grid, newest first unless sorted otherwise; with a search, the fields each row matched in. */
export async function page(ctx: PgContext, req: PageRequest = {}): Promise<Page> {
  const limit = checkLimit(req.limit, 100);
  const compiled = compilePgFilter(req.filter);
  // One row more than asked tells whether another page exists, so the last page has no cursor.
  const { out, sortId } = await collect(ctx, req, compiled, GRID_SELECT, limit + 1);
  const more = out.length > limit;
  if (more) out.pop();
  const rows = out.map((o) => toGridRow(o.row));
  const text = req.filter?.text;
  if (text) {
    const matched = await matchedFields(ctx, rows, text);
    if (matched.size > 0) for (const row of rows) row.matchedFields = matched.get(row.id) ?? [];
  }
  const last = out[out.length - 1];
  return { rows, nextCursor: more && last ? encodeCursor(sortId, last.state) : null };
}
