/**
 * Keyset paging: a page is "the next N rows after this one" in the sort's order, so page 5,000 costs
 * what page 1 costs. The order is always (sort key, id), which is total, so ties never repeat or skip
 * a row. A nullable key is walked as two segments (SQLite puts NULLs first ascending, last
 * descending), each one an index range.
 */
import type { SortKey } from './filters';
import type { CursorState } from '../../page-rules';
export { encodeCursor, decodeCursor, type CursorState } from '../../page-rules';

/** One stretch of the order: a WHERE condition and an ORDER BY that an index can serve. */
export interface Segment {
  /** Extra condition selecting this segment's rows (the NULL split), or null. */
  where: string | null;
  /** Sort expression within the segment, or null when the segment is ordered by id alone. */
  expr: string | null;
  dir: 'asc' | 'desc';
}

export function segmentsOf(key: SortKey): Segment[] {
  if (key.expr === null) return [{ where: null, expr: null, dir: key.dir }];
  if (!key.nullable) return [{ where: null, expr: key.expr, dir: key.dir }];
  const values: Segment = { where: `${key.expr} IS NOT NULL`, expr: key.expr, dir: key.dir };
  const nulls: Segment = { where: `${key.expr} IS NULL`, expr: null, dir: key.dir };
  return key.dir === 'asc' ? [nulls, values] : [values, nulls];
}

/** ORDER BY for a segment; `idExpr` lets the search order by the FTS table's rowid instead. */
export function orderBy(segment: Segment, idExpr = 'i.id'): string {
  const d = segment.dir.toUpperCase();
  return segment.expr === null ? `${idExpr} ${d}` : `${segment.expr} ${d}, ${idExpr} ${d}`;
}

/**
 * "After the cursor" within its segment, as conditions to run in turn: the rest of the cursor's tie
 * group, then what lies beyond it. Each is a plain index seek, (key = v AND id < n) then (key < v);
 * SQLite does not seek on a row value that includes the rowid, and would walk the whole tie group
 * (a third of the table, for a status) to skip what the cursor already passed.
 */
export function afterConditions(segment: Segment, cursor: CursorState, idExpr = 'i.id'): { sql: string; params: unknown[] }[] {
  const op = segment.dir === 'desc' ? '<' : '>';
  if (segment.expr === null) return [{ sql: `${idExpr} ${op} ?`, params: [cursor.id] }];
  return [
    { sql: `${segment.expr} = ? AND ${idExpr} ${op} ?`, params: [cursor.value, cursor.id] },
    { sql: `${segment.expr} ${op} ?`, params: [cursor.value] },
  ];
}

