/**
 * New rows as COPY text-format lines (window-write.ts COPY_SQL's columns), a slice at a time: each row's
 * search words are computed as its line is made, so the server writes one slice while the next is made.
 * Every text goes through encodeText (no U+0000 reaches the server), then COPY's own escapes; the search
 * words do not (they hold no U+0000, and searches look them up as search.ts writes them).
 */
import type { PreparedRecord } from '../../sql/prepare';
import type { IncomingRecord } from '../../../wolkvox/fields';
import { searchVectorOf } from '../search';
import { encodeText } from '../text-codec';

export interface NewRow {
  id: number;
  p: PreparedRecord;
  record: IncomingRecord;
}

/** The columns every row of a window shares, already encoded. */
export interface SharedColumns {
  server: string;
  zone: string;
  now: number;
  stamp: number;
}

const NEEDS_COPY_ESCAPE = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** What either encodeText or COPY would change: most values hold none, and are then written with one test. */
const NEEDS_ANY_CHANGE = /[\\\t\n\r\u0000\uE000\uD800-\uDFFF]/;

const copyEscaped = (text: string) => (NEEDS_COPY_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text);

/** A text value as a COPY field. */
function copyText(text: string): string {
  return NEEDS_ANY_CHANGE.test(text) ? copyEscaped(encodeText(text)) : text;
}

const copyNumber = (n: number | null) => (n === null ? '\\N' : String(n));

/** Rows encoded between two turns of the event loop, which sends what was written meanwhile to the server. */
const SLICE_ROWS = 200;

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the rows' lines, a slice at a time, letting the socket take each slice before the next is made. */
export async function copyLines(rows: readonly NewRow[], shared: SharedColumns, write: (chunk: string) => void): Promise<void> {
  const fixed = `${copyText(shared.server)}\t${copyText(shared.zone)}`;
  const stamps = `${shared.now}\t${shared.now}`;
  for (let from = 0; from < rows.length; from += SLICE_ROWS) {
    if (from > 0) await nextTurn();
    let chunk = '';
    for (const { id, p, record } of rows.slice(from, from + SLICE_ROWS)) {
      chunk += `${id}\t${copyText(p.uid)}\t${fixed}\t${copyNumber(p.createdUtc)}\t${copyNumber(p.closedUtc)}\t${copyText(p.hash)}\t${stamps}`;
      for (const value of p.values) chunk += `\t${copyText(value)}`;
      chunk += `\t${p.raw === null ? '\\N' : copyText(p.raw)}\t${shared.stamp}\t${copyEscaped(searchVectorOf(record.fields))}\n`;
    }
    write(chunk);
  }
}
