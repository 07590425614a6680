/**
 * Reads for the grid, the CLI and the export, on the connection they are given (the serving one, or a
 * reader thread's): pages (keyset), counts, facets and a batched iterator. Search sorted by date is driven from the FTS table in rowid order
 * (rowids are date-ordered ids), so FTS5 walks postings newest-first and stops after one page, which
 * keeps even the most common word fast.
 */
import { badInput } from '../../../errors';
import { COLUMN_OF, FACET_FILTER_KEYS, type FacetField, type FilterKey } from '../../sql/columns';
import type { Db } from '../connection/database';
import { compileFilter, conditionsAt, DEFAULT_SORT, sortKeyOf, type CompiledFilter, type InteractionFilter, type SortSpec } from './filters';
import { afterConditions, decodeCursor, encodeCursor, orderBy, segmentsOf, type CursorState, type Segment } from './keyset';
import { matchedFields } from './matched-fields';
import { chooseOrderPlan, type OrderPlan } from './order-plan';
import { GRID_SELECT, RECORD_SELECT, toGridRow, toRecord, type InteractionRecord } from './row-shape';
import type { FacetCount, Page, PageRequest } from '../../types';
import { checkLimit } from '../../page-rules';

export type { InteractionRecord, InteractionRow } from './row-shape';
export type { FacetCount, Page, PageRequest } from '../../types';




const FTS_MATCH = 'f.interactions_fts MATCH ?';
/** Few matches: fetch them all (then sort them). */
const FTS_IN = 'i.id IN (SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ?)';
/** Many matches, walking a sort index: ask the postings about each row instead of listing them all. */
const FTS_PROBE = 'EXISTS (SELECT 1 FROM interactions_fts WHERE interactions_fts MATCH ? AND rowid = i.id)';

interface Query {
  from: string;
  where: string[];
  params: unknown[];
  order: string;
  /** SELECT items beyond the row's own: the sort value the cursor needs. */
  sortValue: string;
}

/**
 * The SQL for one segment of an order with the filter applied, as one or more parts to run in turn
 * (several when a cursor splits the segment, see afterConditions).
 */
function segmentQueries(compiled: CompiledFilter, segment: Segment, cursor: CursorState | null, plan: OrderPlan): Query[] {
  const orderIndex = plan.index;
  // Ordered by id with text: walk the FTS postings in rowid order and join each hit to its row, so
  // ORDER BY and the cursor and date bounds all apply to f.rowid, which FTS5 serves without sorting.
  const ftsDriven = compiled.fts !== null && segment.expr === null;
  const idExpr = ftsDriven ? 'f.rowid' : 'i.id';
  const { where, params } = conditionsAt(compiled, idExpr);
  // Only the segment that is ordered by the key walks the key's index; the NULL segment needs id order.
  let from = orderIndex && segment.expr !== null ? `interactions i INDEXED BY ${orderIndex}` : 'interactions i';
  if (compiled.fts !== null) {
    // CROSS JOIN fixes the loop order: FTS outside, the row looked up by primary key inside.
    if (ftsDriven) from = 'interactions_fts f CROSS JOIN interactions i ON i.id = f.rowid';
    where.unshift(ftsDriven ? FTS_MATCH : orderIndex && plan.text === 'probe' ? FTS_PROBE : FTS_IN);
    params.unshift(compiled.fts);
  }
  if (segment.where) where.push(segment.where);
  const base = { from, order: orderBy(segment, idExpr), sortValue: segment.expr ? `, ${segment.expr} AS sort_value` : '' };
  if (!cursor) return [{ ...base, where, params }];
  return afterConditions(segment, cursor, idExpr).map((after) => ({ ...base, where: [...where, after.sql], params: [...params, ...after.params] }));
}

/** FROM and WHERE of the rows a filter selects, without order (counts and facets): FTS outside when there is text. */
export function filtered(filter: InteractionFilter, skip?: FilterKey): { from: string; where: string[]; params: unknown[] } {
  return selectionOf(compileFilter(filter, skip));
}

/** FROM and WHERE of a compiled filter; with text, the id bounds apply to the FTS rowid, so FTS5 skips postings. */
export function selectionOf(compiled: CompiledFilter): { from: string; where: string[]; params: unknown[] } {
  if (compiled.fts === null) return { from: 'interactions i', ...conditionsAt(compiled, 'i.id') };
  const { where, params } = conditionsAt(compiled, 'f.rowid');
  return {
    from: 'interactions_fts f CROSS JOIN interactions i ON i.id = f.rowid',
    where: [FTS_MATCH, ...where],
    params: [compiled.fts, ...params],
  };
}

function whereSql(where: string[]): string {
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

function sortIdOf(sort: SortSpec): string {
  return `${sort.field}:${sort.dir}`;
}

/** The parts to run, in order, for the rows after `start` (from the first row when null). */
function partsFrom(compiled: CompiledFilter, segments: Segment[], start: CursorState | null, plan: OrderPlan) {
  const parts: { segment: number; q: Query }[] = [];
  for (let s = start?.segment ?? 0; s < segments.length; s++) {
    for (const q of segmentQueries(compiled, segments[s]!, start && start.segment === s ? start : null, plan)) parts.push({ segment: s, q });
  }
  return parts;
}

/**
 * Where a jump lands: the row `skip` rows after `start`, found by a query that reads only ids and sort
 * values, so SQLite skips along a narrow index instead of the table's wide rows (on 1M rows, 10 ms
 * instead of 150 ms for a jump near the end). Null when there are not that many rows.
 */
function locate(db: Db, compiled: CompiledFilter, segments: Segment[], start: CursorState | null, plan: OrderPlan, skip: number): CursorState | null {
  const parts = partsFrom(compiled, segments, start, plan);
  for (let p = 0; p < parts.length; p++) {
    const { segment, q } = parts[p]!;
    const body = `FROM ${q.from}${whereSql(q.where)}`;
    if (p < parts.length - 1) {
      const n = db.prepare(`SELECT count(*) ${body}`).pluck().get(...q.params) as number;
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    const row = db.prepare(`SELECT i.id AS id${q.sortValue} ${body} ORDER BY ${q.order} LIMIT 1 OFFSET ?`).get(...q.params, skip) as
      | { id: number; sort_value?: string | number | null }
      | undefined;
    return row ? { segment, value: row.sort_value ?? null, id: row.id } : null;
  }
  return null;
}

/** How a request reads the table, chosen from a capped count (see order-plan.ts). */
function planOf(db: Db, sort: SortSpec, compiled: CompiledFilter): OrderPlan {
  return chooseOrderPlan(db, sortKeyOf(sort), selectionOf(compiled), compiled.fts);
}

/** Runs the segments of an order from a cursor (and an offset past it), collecting up to `want` rows with the given SELECT list. */
function collect(db: Db, req: PageRequest, compiled: CompiledFilter, select: string, want: number, plan: OrderPlan) {
  const sort = req.sort ?? DEFAULT_SORT;
  const segments = segmentsOf(sortKeyOf(sort));
  const sortId = sortIdOf(sort);
  const offset = req.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw badInput('The offset must be a whole number of rows.');
  let start = req.after ? decodeCursor(sortId, req.after, segments.length) : null;
  const out: { row: Record<string, unknown>; state: CursorState }[] = [];
  if (offset > 0) {
    // A jump: seek from the row just before the page.
    start = locate(db, compiled, segments, start, plan, offset - 1);
    if (!start) return { out, sortId };
  }
  const parts = partsFrom(compiled, segments, start, plan);
  for (let p = 0; p < parts.length && out.length < want; p++) {
    const { segment, q } = parts[p]!;
    const sql = `SELECT ${select}${q.sortValue} FROM ${q.from}${whereSql(q.where)} ORDER BY ${q.order} LIMIT ?`;
    const rows = db.prepare(sql).all(...q.params, want - out.length) as Record<string, unknown>[];
    for (const row of rows) out.push({ row, state: { segment, value: (row.sort_value ?? null) as string | number | null, id: row.id as number } });
  }
  return { out, sortId };
}

/**
 * One page of the grid, newest first unless sorted otherwise. `plan` is how it reads the table: the
 * chooser's pick unless given (every plan must give the same rows; the SQLite tests walk each one).
 */
export function page(db: Db, req: PageRequest = {}, plan?: OrderPlan): Page {
  const limit = checkLimit(req.limit, 100);
  const compiled = compileFilter(req.filter);
  // One row more than asked tells whether another page exists, so the last page has no cursor.
  const { out, sortId } = collect(db, req, compiled, GRID_SELECT, limit + 1, plan ?? planOf(db, req.sort ?? DEFAULT_SORT, compiled));
  const more = out.length > limit;
  if (more) out.pop();
  const last = out[out.length - 1];
  const rows = out.map((o) => toGridRow(o.row));
  const matched = req.filter?.text ? matchedFields(db, rows, req.filter.text) : null;
  if (matched && matched.size > 0) for (const row of rows) row.matchedFields = matched.get(row.id) ?? [];
  return { rows, nextCursor: more && last ? encodeCursor(sortId, last.state) : null };
}

/** Every matching row, whole, in keyset batches: the export streams these without one giant statement. */
export function* iterateRows(db: Db, filter: InteractionFilter = {}, sort: SortSpec = DEFAULT_SORT, batchSize = 1000): Generator<InteractionRecord> {
  const size = checkLimit(batchSize, 1000);
  // One compile and one plan for the whole walk: choosing a plan costs a capped count, which every batch would repeat.
  const compiled = compileFilter(filter);
  const plan = planOf(db, sort, compiled);
  let after: string | undefined;
  for (;;) {
    const { out, sortId } = collect(db, { filter, sort, after }, compiled, RECORD_SELECT, size, plan);
    for (const o of out) yield toRecord(o.row);
    const last = out[out.length - 1];
    if (out.length < size || !last) return;
    after = encodeCursor(sortId, last.state);
  }
}

/** How many rows match. */
export function count(db: Db, filter: InteractionFilter = {}): number {
  const q = filtered(filter);
  // Text alone: the postings answer without touching a single row.
  if (q.where.length === 1 && q.from.startsWith('interactions_fts')) {
    return db.prepare('SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH ?').pluck().get(q.params[0]) as number;
  }
  return db.prepare(`SELECT count(*) FROM ${q.from}${whereSql(q.where)}`).pluck().get(...q.params) as number;
}

/** Values of one field with their counts, under every filter except the field's own (so choices stay visible). */
export function facets(db: Db, filter: InteractionFilter, field: FacetField, limit = 500): FacetCount[] {
  const key = FACET_FILTER_KEYS[field];
  if (!key) throw badInput(`No facet for ${String(field)}.`);
  const q = filtered(filter, key);
  const column = `i.${COLUMN_OF[field]}`;
  const sql = `SELECT ${column} AS value, count(*) AS count FROM ${q.from}${whereSql(q.where)} GROUP BY ${column} ORDER BY count DESC, value ASC LIMIT ?`;
  const counts = db.prepare(sql).all(...q.params, limit) as FacetCount[];
  return field === 'cod_act' ? typificationLabels(db, counts) : counts;
}

/**
 * Newest rows of a code read for its description: a code whose newest rows all lack one (the API left the
 * field out) is not read further, so 500 codes with no description at all cost about 50k index steps
 * (~70 ms on a million rows), not a walk through every row.
 */
const DESCRIPTION_REACH = 100;

/**
 * Each code's description: the newest non-empty one (a renamed typification shows its new name), read
 * backwards along the code's index, so the cost is about a row per code shown, not per row. Insights names
 * its typification bars by the same rule over its selection (insights-compute.ts).
 */
function typificationLabels(db: Db, counts: FacetCount[]): FacetCount[] {
  const describe = db
    .prepare(
      `SELECT cod_description FROM (SELECT cod_description FROM interactions INDEXED BY interactions_by_cod_act WHERE cod_act = ? ORDER BY id DESC LIMIT ${DESCRIPTION_REACH})
       WHERE cod_description <> '' LIMIT 1`,
    )
    .pluck();
  return counts.map((c) => {
    const label = c.value === '' ? undefined : (describe.get(c.value) as string | undefined);
    return label === undefined ? c : { ...c, label };
  });
}
