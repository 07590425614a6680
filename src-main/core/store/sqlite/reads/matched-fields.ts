/**
 * Which fields of a page's rows hold what the search looked for, so the grid can say why a row matched
 * when the field is not on screen. What the page row carries whole is read in JavaScript, with the same
 * words, folding and visible text as the index (core/search); the long fields of a row cut for the grid
 * (body, answer, comments past 2,000 characters) are asked of the index, one query per column limited to
 * those rows.
 */
import { highlightTermsOf, matchRanges } from '../../../search/highlight';
import { readableText } from '../../../api/html-text';
import { parseSearch } from '../../../search/query';
import type { ApiField } from '../../../wolkvox/fields';
import { COLUMN_OF, GRID_TEXT_LIMIT, LONG_FIELDS } from '../../sql/columns';
import type { Db } from '../connection/database';
import type { InteractionRow } from './row-shape';
import { anyWantedTerm } from './search-text';
import { wholeWordsOf } from '../../page-rules';

const FIELD_OF_COLUMN: Readonly<Record<string, ApiField>> = Object.fromEntries(Object.entries(COLUMN_OF).map(([f, c]) => [c, f as ApiField]));
const LONG = new Set<ApiField>(LONG_FIELDS);

/** The index's fields as they are now (an index being rebuilt after an upgrade has fewer). */
function indexedFields(db: Db): ApiField[] {
  const columns = db.prepare("SELECT name FROM pragma_table_info('interactions_fts')").pluck().all() as string[];
  return columns.filter((c) => c in FIELD_OF_COLUMN).map((c) => FIELD_OF_COLUMN[c]!);
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
 * The ids among `ids` whose `field` holds any wanted term. A page in date order (the search's own order)
 * asks for the stretch of rowids it spans, which FTS5 seeks to directly (prefixes included); a page in
 * another order lists its ids.
 */
function probe(db: Db, field: ApiField, ids: readonly number[], anyTerm: string): Set<number> {
  const stretch = monotonic(ids);
  const bounds = stretch ? 'rowid >= ? AND rowid <= ?' : `rowid IN (${ids.map(() => '?').join(', ')})`;
  const params = stretch ? [Math.min(...ids), Math.max(...ids)] : ids;
  const hits = db
    .prepare(`SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH ? AND ${bounds}`)
    .pluck()
    .all(`{${COLUMN_OF[field]}} : (${anyTerm})`, ...params) as number[];
  return new Set(hits);
}

/** For each row, the fields (in the index's column order) that hold a wanted term of `text`; none when it has none. */
export function matchedFields(db: Db, rows: readonly InteractionRow[], text: string): Map<number, ApiField[]> {
  const out = new Map<number, ApiField[]>();
  const anyTerm = anyWantedTerm(text);
  if (rows.length === 0 || anyTerm === null) return out;
  const terms = highlightTermsOf(parseSearch(text));
  const fields = indexedFields(db);
  const inText = (row: InteractionRow, f: ApiField) => {
    const cut = LONG.has(f) && row[f].length >= GRID_TEXT_LIMIT && row.truncated;
    return matchRanges(readableText(wholeWordsOf(row[f], cut)), terms).length > 0;
  };
  // What the rows carry answers most fields: only a long field cut for the grid, with no match in the part the
  // row carries, is asked of the index (a common word is found in the carried part, so it costs no index walk).
  const found = new Map<number, ApiField[]>();
  const ask = new Map<ApiField, number[]>();
  for (const row of rows) {
    const hits: ApiField[] = [];
    for (const f of fields) {
      if (inText(row, f)) hits.push(f);
      else if (LONG.has(f) && row.truncated && row[f].length >= GRID_TEXT_LIMIT) ask.set(f, [...(ask.get(f) ?? []), row.id]);
    }
    found.set(row.id, hits);
  }
  const probed = new Map<ApiField, Set<number>>();
  for (const [f, ids] of ask) probed.set(f, probe(db, f, ids, anyTerm));
  for (const row of rows) {
    const hits = new Set(found.get(row.id));
    for (const [f, ids] of probed) if (ids.has(row.id)) hits.add(f);
    out.set(row.id, fields.filter((f) => hits.has(f)));
  }
  return out;
}
