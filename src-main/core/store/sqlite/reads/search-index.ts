/**
 * The full-text index's content and its rebuild. The index holds what a reader sees: HTML bodies as their
 * visible words (core/api/html-text.ts, the conversion the UI and exports use), plus the case id and the attachments' names.
 *
 * Migration 8 cannot rewrite the index of a large cache in one step (that would hold the open for
 * minutes), so it only creates the new index beside the old one (`interactions_fts_next`) and a cursor
 * (`search_rebuild.next_id`). The writer then fills the new index in batches, in id order, between sync
 * windows (`rebuildStep`). Meanwhile searches keep reading the old index, which the upsert and purges still
 * keep current; the new index gets a written row only when the rebuild has already passed its id (the
 * rebuild reads every later row as it is when it reaches it, so no row is indexed twice). The last batch
 * drops the old index and renames the new one, in one transaction: nothing is ever missing from search.
 */
import { readableText } from '../../../api/html-text';
import { COLUMN_OF, FTS_FIELDS } from '../../sql/columns';
import type { Db } from '../connection/db';
import { INITIAL_SEARCH_COLUMNS } from '../migrations/001-initial-cache';
import type { SearchIndexProgress } from '../../types';

export type { SearchIndexProgress } from '../../types';

/** The columns of migration 1's index, which held the raw text. */
const OLD_COLUMNS = INITIAL_SEARCH_COLUMNS;
export const SEARCH_COLUMNS: readonly string[] = FTS_FIELDS.map((f) => COLUMN_OF[f]);
/** Fields that may hold HTML: indexed by their visible text. */
const VISIBLE = new Set(['subject', 'body', 'answer', 'comments']);
/** The SQL function the index's content is computed with (registered on each connection that writes it). */
const FUNCTION = 'search_text';

/** Registers `search_text(x)` on a connection: the visible text of HTML, anything else unchanged. */
export function registerSearchText(db: Db): void {
  db.function(FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? readableText(value) : value));
}

/** The SELECT list of a row's index content, over `interactions` (unqualified). */
function contentOf(columns: readonly string[], visible: boolean): string {
  return columns.map((c) => (visible && VISIBLE.has(c) ? `${FUNCTION}(${c})` : c)).join(', ');
}



/** Where a rebuild stands: null when none is under way (the index is current). */
export function rebuildCursor(db: Db): number | null {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search_rebuild'").get() === undefined) return null;
  const next = db.prepare('SELECT next_id FROM search_rebuild').pluck().get() as number | undefined;
  return next ?? null;
}

export function searchIndexProgress(db: Db): SearchIndexProgress {
  if (rebuildCursor(db) === null) return { indexed: 0, total: 0, done: true };
  const row = db.prepare('SELECT indexed, total FROM search_rebuild').get() as { indexed: number; total: number };
  return { indexed: row.indexed, total: Math.max(row.total, row.indexed), done: false };
}

/**
 * One batch of the rebuild, in its own transaction: up to `batch` rows into the new index. The batch that
 * finds no row left swaps the indexes. Safe to call with no rebuild under way (it says done).
 */
export function rebuildStep(db: Db, batch = 1000): SearchIndexProgress {
  registerSearchText(db);
  return db.transaction((): SearchIndexProgress => {
    const next = rebuildCursor(db);
    if (next === null) return { indexed: 0, total: 0, done: true };
    const last = db.prepare('SELECT id FROM interactions WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?').pluck().get(next, batch - 1) as number | undefined;
    const upTo = last ?? Number.MAX_SAFE_INTEGER;
    const added = db
      .prepare(`INSERT INTO interactions_fts_next (rowid, ${SEARCH_COLUMNS.join(', ')}) SELECT id, ${contentOf(SEARCH_COLUMNS, true)} FROM interactions WHERE id >= ? AND id <= ? ORDER BY id`)
      .run(next, upTo).changes;
    if (last === undefined) {
      db.exec('DROP TABLE interactions_fts; ALTER TABLE interactions_fts_next RENAME TO interactions_fts; DROP TABLE search_rebuild;');
      return { indexed: 0, total: 0, done: true };
    }
    db.prepare('UPDATE search_rebuild SET next_id = ?, indexed = indexed + ?').run(last + 1, added);
    return searchIndexProgress(db);
  }).immediate();
}

/** A rebuild of an empty cache has nothing to wait for: finished at once when the cache is opened. */
export function finishEmptyRebuild(db: Db): void {
  if (rebuildCursor(db) === null) return;
  if (db.prepare('SELECT 1 FROM interactions LIMIT 1').get() !== undefined) return;
  rebuildStep(db);
}

/** How a window's writes keep the search index current, given where a rebuild stands. */
export interface IndexWriter {
  /** Before a row's id changes or its text changes: its old entries go. */
  remove(id: number): void;
  /** After the window's rows are written: these ids are (re)indexed from their rows. */
  add(ids: readonly number[]): void;
}

export function createIndexWriter(db: Db): IndexWriter {
  registerSearchText(db);
  const next = rebuildCursor(db);
  const add = (table: string, columns: readonly string[], visible: boolean, bound: string) =>
    db.prepare(`INSERT INTO ${table} (rowid, ${columns.join(', ')}) SELECT id, ${contentOf(columns, visible)} FROM interactions WHERE id IN (SELECT value FROM json_each(?))${bound} ORDER BY id`);
  if (next === null) {
    // Only tests write a cache older than migration 8 (to build one): its index has the first columns.
    const before9 = db.prepare("SELECT 1 FROM pragma_table_info('interactions_fts') WHERE name = 'case_id'").get() === undefined;
    const del = db.prepare('DELETE FROM interactions_fts WHERE rowid = ?');
    const ins = before9 ? add('interactions_fts', OLD_COLUMNS, false, '') : add('interactions_fts', SEARCH_COLUMNS, true, '');
    return { remove: (id) => void del.run(id), add: (ids) => void ins.run(JSON.stringify(ids)) };
  }
  // A rebuild is under way: the old index (which searches read) stays whole; the new one gets only the
  // rows the rebuild has passed.
  const delOld = db.prepare('DELETE FROM interactions_fts WHERE rowid = ?');
  const insOld = add('interactions_fts', OLD_COLUMNS, false, '');
  const delNew = db.prepare('DELETE FROM interactions_fts_next WHERE rowid = ?');
  const insNew = add('interactions_fts_next', SEARCH_COLUMNS, true, ` AND id < ${Math.trunc(next)}`);
  return {
    remove(id) {
      delOld.run(id);
      if (id < next) delNew.run(id);
    },
    add(ids) {
      const json = JSON.stringify(ids);
      insOld.run(json);
      insNew.run(json);
    },
  };
}

/** An index a row's text goes into, and what it takes: `below`, the rebuild's cursor, bounds the ids it takes. */
export interface IndexTarget {
  table: string;
  columns: string;
  /** The SELECT list of the content, over `interactions` (unqualified text columns). */
  content: string;
  below: number | null;
}

/** Where a row's text goes, given where a rebuild stands (see the top of this file): one index, or two. */
export function indexTargets(db: Db): IndexTarget[] {
  registerSearchText(db);
  const next = rebuildCursor(db);
  if (next === null) return [{ table: 'interactions_fts', columns: SEARCH_COLUMNS.join(', '), content: contentOf(SEARCH_COLUMNS, true), below: null }];
  return [
    { table: 'interactions_fts', columns: OLD_COLUMNS.join(', '), content: contentOf(OLD_COLUMNS, false), below: null },
    { table: 'interactions_fts_next', columns: SEARCH_COLUMNS.join(', '), content: contentOf(SEARCH_COLUMNS, true), below: next },
  ];
}

/** A purge's doomed rows (temp.purge_doomed) leave the new index too, up to where the rebuild reached. */
export function purgeFromNextIndex(db: Db): void {
  const next = rebuildCursor(db);
  if (next !== null) db.prepare('DELETE FROM interactions_fts_next WHERE rowid IN (SELECT id FROM temp.purge_doomed WHERE id < ?)').run(next);
}
