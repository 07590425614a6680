/**
 * Which fields of a page's rows hold what the search looked for, so the grid can say why a row matched
 * when the field is not on screen. One query per indexed column, each limited to the page's rows.
 */
import type { ApiField } from '../wolkvox/fields';
import { COLUMN_OF } from './columns';
import type { Db } from './database';

const FIELD_OF_COLUMN: Readonly<Record<string, ApiField>> = Object.fromEntries(Object.entries(COLUMN_OF).map(([f, c]) => [c, f as ApiField]));

/** The index's columns as they are now (an index being rebuilt after an upgrade has fewer). */
function indexedColumns(db: Db): string[] {
  return (db.prepare("SELECT name FROM pragma_table_info('interactions_fts')").pluck().all() as string[]).filter((c) => c in FIELD_OF_COLUMN);
}

/** True when the ids run in one direction: a page in date order, whose ids are one stretch of the index. */
function monotonic(ids: readonly number[]): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! < ids[i - 1]!) up = false;
    if (ids[i]! > ids[i - 1]!) down = false;
  }
  return up || down;
}

/**
 * For each id, the fields (in the index's column order) where any of the wanted terms (`anyTerm`, FTS5)
 * occurs. A page in date order (the search's own order) asks each column for the stretch of rowids the
 * page spans, which FTS5 seeks to directly (about a millisecond a column, prefixes included); a page in
 * another order lists its ids.
 */
export function matchedFields(db: Db, ids: readonly number[], anyTerm: string): Map<number, ApiField[]> {
  const out = new Map<number, ApiField[]>();
  if (ids.length === 0) return out;
  const wanted = new Set(ids);
  const stretch = monotonic(ids);
  const bounds = stretch ? 'rowid >= ? AND rowid <= ?' : `rowid IN (${ids.map(() => '?').join(', ')})`;
  const params = stretch ? [Math.min(...ids), Math.max(...ids)] : ids;
  for (const column of indexedColumns(db)) {
    const hits = db
      .prepare(`SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ? AND ${bounds}`)
      .pluck()
      .all(`{${column}} : (${anyTerm})`, ...params) as number[];
    for (const id of hits) {
      if (!wanted.has(id)) continue;
      const fields = out.get(id) ?? [];
      fields.push(FIELD_OF_COLUMN[column]!);
      out.set(id, fields);
    }
  }
  return out;
}
