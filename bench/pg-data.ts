/**
 * Rows for the PostgreSQL bench: the simulator's interactions prepared as the SQLite store prepares them
 * (uid, hash, creation instant, the 17 fields), plus the words the search index holds: the same words the
 * SQLite index sees (core/search/tokens.ts over the visible text of HTML fields), so both backends match alike:
 * as the tsvector literal the store writes (store/postgres/search.ts), and as plain text for the trigram design.
 */
import { readableText } from '../src-main/core/api/html-text';
import { tokensOf } from '../src-main/core/search/tokens';
import { COLUMN_OF, FIELD_COLUMNS, FTS_FIELDS } from '../src-main/core/store/sql/columns';
import { createPreparer, type PreparedRecord } from '../src-main/core/store/sql/prepare';
import { searchVectorOf } from '../src-main/core/store/postgres/search';
import { encodeNullable, encodeText } from '../src-main/core/store/postgres/text-codec';
import { API_FIELDS, type Chat4Record } from '../src-main/core/wolkvox/fields';
import { BENCH_SERVER, BENCH_ZONE, DEFAULT_PLAN, windows } from './store-data';

const VISIBLE = new Set(['subject', 'body', 'answer', 'comments']);
const SEARCH_INDEXES = FTS_FIELDS.map((f) => FIELD_COLUMNS.indexOf(COLUMN_OF[f]));

/** id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at, 17 fields, raw, search_words. */
export const PG_COLUMNS = ['id', 'uid', 'server', 'zone', 'created_utc', 'closed_utc', 'content_hash', 'first_synced_at', 'updated_at', ...FIELD_COLUMNS, 'raw'];
export type PgRow = (string | number | null)[];

export function searchWordsOf(p: PreparedRecord): string {
  return SEARCH_INDEXES.map((i) => {
    const v = p.values[i]!;
    return tokensOf(VISIBLE.has(FIELD_COLUMNS[i]!) ? readableText(v) : v).join(' ');
  }).join(' ');
}

/** Windows of rows with date-ordered ids (creation second * 65536 + slot), as the store allocates them. */
export function* pgWindows(rows: number, skipDays = 0): Generator<{ rows: PgRow[]; vectors: string[]; words: string[] }> {
  const prepare = createPreparer(BENCH_ZONE);
  const now = DEFAULT_PLAN.seenAtUtc;
  const slots = new Map<number, number>();
  for (const batch of windows(rows, DEFAULT_PLAN, skipDays)) {
    const out: PgRow[] = [];
    const words: string[] = [];
    const vectors: string[] = [];
    for (const p of prepare(batch)) {
      const second = Math.floor((p.createdUtc ?? 0) / 1000);
      const slot = slots.get(second) ?? 0;
      slots.set(second, slot + 1);
      out.push([second * 65536 + slot, p.uid, BENCH_SERVER, BENCH_ZONE, p.createdUtc, p.closedUtc, p.hash, now, now, ...p.values.map(encodeText), encodeNullable(p.raw)]);
      words.push(searchWordsOf(p));
      vectors.push(searchVectorOf(Object.fromEntries(API_FIELDS.map((f, i) => [f, p.values[i]!])) as unknown as Chat4Record));
    }
    yield { rows: out, vectors, words };
  }
}
