/**
 * Keyset paging: a page is "the next N rows after this one" in the sort's order, so page 5,000 costs
 * what page 1 costs. The order is always (sort key, id), which is total, so ties never repeat or skip
 * a row. A nullable key is walked as two segments (SQLite puts NULLs first ascending, last
 * descending), each one an index range.
 */
import { badInput } from '../../../errors';
import type { SortKey } from './filters';

/** One stretch of the order: a WHERE condition and an ORDER BY that an index can serve. */
export interface Segment {
  /** Extra condition selecting this segment's rows (the NULL split), or null. */
  where: string | null;
  /** Sort expression within the segment, or null when the segment is ordered by id alone. */
  expr: string | null;
  dir: 'asc' | 'desc';
}

export interface CursorState {
  segment: number;
  value: string | number | null;
  id: number;
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

/** The cursor is opaque to callers; it also names its sort, so a cursor from another sort is refused. */
export function encodeCursor(sortId: string, state: CursorState): string {
  return Buffer.from(JSON.stringify([sortId, state.segment, state.value, state.id]), 'utf8').toString('base64url');
}

export function decodeCursor(sortId: string, cursor: string): CursorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('The page cursor is not valid; start again from the first page.');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sortId ||
    !Number.isInteger(parsed[1]) ||
    !(parsed[2] === null || typeof parsed[2] === 'string' || typeof parsed[2] === 'number') ||
    !Number.isSafeInteger(parsed[3])
  ) {
    throw badInput('The page cursor does not belong to this sort; start again from the first page.');
  }
  return { segment: parsed[1] as number, value: parsed[2] as string | number | null, id: parsed[3] as number };
}
