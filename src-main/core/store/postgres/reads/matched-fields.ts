/**
 * Which fields of a page's rows hold what the search looked for, so the grid can say why a row matched
 * when the field is not on screen; the same answer as the embedded cache gives. What a page row carries
 * whole is read in JavaScript, with the same words, folding and visible text as the search column
 * (core/search). The team cache's search column is one vector per row, not one per field, so a long field
 * cut for the grid with no match in the part the row carries is read whole, for those rows only, and
 * looked at the same way (a common word is found in the carried part, so this is rare).
 */
import { readableText } from '../../../api/html-text';
import { highlightTermsOf, matchRanges } from '../../../search/highlight';
import { parseSearch } from '../../../search/query';
import type { ApiField } from '../../../wolkvox/fields';
import { COLUMN_OF, GRID_TEXT_LIMIT, LONG_FIELDS } from '../../sql/columns';
import type { InteractionRow } from '../../types';
import type { PgContext } from '../pg-context';
import { SEARCH_FIELDS } from '../search';
import { decodeText } from '../text-codec';
import { wholeWordsOf } from '../../page-rules';

const LONG = new Set<ApiField>(LONG_FIELDS);

/** For each row, the fields (in the search's field order) that hold a wanted term of `text`; none when it has none. */
export async function matchedFields(ctx: PgContext, rows: readonly InteractionRow[], text: string): Promise<Map<number, ApiField[]>> {
  const out = new Map<number, ApiField[]>();
  const terms = highlightTermsOf(parseSearch(text));
  if (rows.length === 0 || terms.length === 0) return out;
  // Every field read by its visible text, as the embedded cache reads what a row carries.
  const holds = (value: string) => matchRanges(readableText(value), terms).length > 0;
  const isCut = (row: InteractionRow, f: ApiField) => LONG.has(f) && row.truncated && row[f].length >= GRID_TEXT_LIMIT;
  const found = new Map<number, Set<ApiField>>();
  const ask = new Map<ApiField, number[]>();
  for (const row of rows) {
    const hits = new Set<ApiField>();
    for (const f of SEARCH_FIELDS) {
      if (holds(wholeWordsOf(row[f], isCut(row, f)))) hits.add(f);
      else if (isCut(row, f)) ask.set(f, [...(ask.get(f) ?? []), row.id]);
    }
    found.set(row.id, hits);
  }
  for (const [f, ids] of ask) {
    const column = COLUMN_OF[f];
    const whole = await ctx.query<{ id: number; value: string }>(`SELECT id, ${column} AS value FROM interactions WHERE id = ANY($1::bigint[])`, [ids]);
    for (const { id, value } of whole) if (holds(decodeText(value))) found.get(id)?.add(f);
  }
  for (const row of rows) {
    const hits = found.get(row.id)!;
    out.set(row.id, SEARCH_FIELDS.filter((f) => hits.has(f)));
  }
  return out;
}
