/**
 * Which fields of a page's rows hold what the search looked for, so the grid can say why a row matched
 * when the field is not on screen. One query per indexed column, each limited to the page's row ids (at
 * most a page: the postings are probed by rowid, never listed).
 */
import type { ApiField } from '../wolkvox/fields';
import { COLUMN_OF } from './columns';
import type { Db } from './database';

const FIELD_OF_COLUMN: Readonly<Record<string, ApiField>> = Object.fromEntries(Object.entries(COLUMN_OF).map(([f, c]) => [c, f as ApiField]));

/** The index's columns as they are now (an index being rebuilt after an upgrade has fewer). */
function indexedColumns(db: Db): string[] {
  return (db.prepare("SELECT name FROM pragma_table_info('interactions_fts')").pluck().all() as string[]).filter((c) => c in FIELD_OF_COLUMN);
}

/** For each id, the fields (in the index's column order) where any of the wanted terms (`anyTerm`, FTS5) occurs. */
export function matchedFields(db: Db, ids: readonly number[], anyTerm: string): Map<number, ApiField[]> {
  const out = new Map<number, ApiField[]>();
  if (ids.length === 0) return out;
  const list = ids.map(() => '?').join(', ');
  for (const column of indexedColumns(db)) {
    const hits = db
      .prepare(`SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ? AND rowid IN (${list})`)
      .pluck()
      .all(`{${column}} : (${anyTerm})`, ...ids) as number[];
    for (const id of hits) {
      const fields = out.get(id) ?? [];
      fields.push(FIELD_OF_COLUMN[column]!);
      out.set(id, fields);
    }
  }
  return out;
}
