/**
 * Keyset paging on the team cache: a page is "the next N rows after this one" in the sort's order, so a
 * deep page costs what the first one costs. The order is always (sort key, id), which is total. A nullable
 * key is walked as two segments, NULLs first ascending and last descending as the port orders them
 * (PostgreSQL's own default is the opposite), each one a range of the key's (key, id) index. Within a
 * segment, "after the cursor" is one row comparison, which PostgreSQL seeks to in that index.
 */
import { badInput } from '../../../errors';
import type { PgSortKey, SqlParams } from './filter-sql';

/** One stretch of the order: a condition selecting its rows, and an ORDER BY an index can serve. */
export interface Segment {
  /** Extra condition selecting this segment's rows (the NULL split), or null. */
  where: string | null;
  /** Sort expression within the segment, or null when the segment is ordered by id alone. */
  expr: string | null;
  dir: 'asc' | 'desc';
}

/** Where a page ended: its segment, the last row's sort value (as stored) and id. */
export interface CursorState {
  segment: number;
  value: string | number | null;
  id: number;
}

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
 * The whole order as one ORDER BY (a statement that cannot be split in segments: the export's cursor).
 * NULLs are placed explicitly where the port puts them.
 */
export function wholeOrderBy(key: PgSortKey): string {
  const d = key.dir.toUpperCase();
  if (key.expr === null) return `i.id ${d}`;
  const nulls = key.nullable ? (key.dir === 'asc' ? ' NULLS FIRST' : ' NULLS LAST') : '';
  return `${key.expr} ${d}${nulls}, i.id ${d}`;
}

/** The cursor is opaque to callers; it also names its sort, so a cursor from another sort is refused. */
export function encodeCursor(sortId: string, state: CursorState): string {
  return Buffer.from(JSON.stringify([sortId, state.segment, state.value, state.id]), 'utf8').toString('base64url');
}

export function decodeCursor(sortId: string, cursor: string, segments: number): CursorState {
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
    (parsed[1] as number) < 0 ||
    (parsed[1] as number) >= segments ||
    !(parsed[2] === null || typeof parsed[2] === 'string' || typeof parsed[2] === 'number') ||
    !Number.isSafeInteger(parsed[3])
  ) {
    throw badInput('The page cursor does not belong to this sort; start again from the first page.');
  }
  return { segment: parsed[1] as number, value: parsed[2] as string | number | null, id: parsed[3] as number };
}
