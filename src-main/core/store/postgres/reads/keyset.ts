/**
 * Keyset paging on the team cache: a page is "the next N rows after this one" in the sort's order, so a
 * deep page costs what the first one costs. The order is always (sort key, id), which is total. A nullable
 * key is walked as two segments, NULLs first ascending and last descending as the port orders them
 * (PostgreSQL's own default is the opposite), each one a range of the key's (key, id) index. Within a
 * segment, "after the cursor" is one row comparison, which PostgreSQL seeks to in that index.
 */
import type { PgSortKey, SqlParams } from './filter-sql';
import type { CursorState } from '../../page-rules';
export { encodeCursor, decodeCursor, type CursorState } from '../../page-rules';

/** One stretch of the order: a condition selecting its rows, and an ORDER BY an index can serve. */
export interface Segment {
  /** Extra condition selecting this segment's rows (the NULL split), or null. */
  where: string | null;
  /** Sort expression within the segment, or null when the segment is ordered by id alone. */
  expr: string | null;
  dir: 'asc' | 'desc';
}

/** Where a page ended: its segment, the last row's sort value (as stored) and id. */
export function segmentsOf(key: PgSortKey): Segment[] {
  if (key.expr === null || !key.nullable) return [{ where: null, expr: key.expr, dir: key.dir }];
  const values: Segment = { where: `${key.expr} IS NOT NULL`, expr: key.expr, dir: key.dir };
  const nulls: Segment = { where: `${key.expr} IS NULL`, expr: null, dir: key.dir };
  return key.dir === 'asc' ? [nulls, values] : [values, nulls];
}

export function orderBy(segment: Segment): string {
  const d = segment.dir.toUpperCase();
  return segment.expr === null ? `i.id ${d}` : `${segment.expr} ${d}, i.id ${d}`;
}

/** The rows after the cursor within its segment. */
export function afterCondition(segment: Segment, cursor: CursorState, params: SqlParams): string {
  const op = segment.dir === 'desc' ? '<' : '>';
  if (segment.expr === null) return `i.id ${op} ${params.add(cursor.id)}`;
  return `(${segment.expr}, i.id) ${op} (${params.add(cursor.value)}, ${params.add(cursor.id)})`;
}

/**
 * The rows after the row a CTE named `anchor` found (its `id` and `sort_value`), within one segment. Two
 * scalar subqueries, not a row subquery: PostgreSQL seeks an index only on a row comparison with values.
 */
export function afterAnchor(segment: Segment): string {
  const op = segment.dir === 'desc' ? '<' : '>';
  if (segment.expr === null) return `i.id ${op} (SELECT a.id FROM anchor a)`;
  return `(${segment.expr}, i.id) ${op} ((SELECT a.sort_value FROM anchor a), (SELECT a.id FROM anchor a))`;
}

/**
 * The whole order as one ORDER BY (a statement that cannot be split in segments: the export's cursor).
 * NULLs are placed explicitly where the port puts them.
 */
export function wholeOrderBy(key: PgSortKey): string {
  const d = key.dir.toUpperCase();
  if (key.expr === null) return `i.id ${d}`;
  const nulls = key.nullable ? (key.dir === 'asc' ? ' NULLS FIRST' : ' NULLS LAST') : '';
  return `${key.expr} ${d}${nulls}, i.id ${d}`;
}

