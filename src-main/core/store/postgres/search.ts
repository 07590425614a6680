/**
 * Search on the team cache: the same words and the same matches as the SQLite cache's index.
 *
 * The row's `search` column is a tsvector written as a literal by the sync host, from the words
 * core/search/tokens.ts reads (the visible text of HTML fields; letters, digits and marks; folded: lower
 * case, no accents), and searches are tsquery literals of the parsed search (core/search/query.ts). No
 * PostgreSQL parser, dictionary or extension decides what a word is, so the server's locale or version
 * cannot change a match, and accents, case, prefixes as typed and phrases behave as in SQLite.
 *
 * Limits of tsvector, none of which a person meets: a word of 2,046 bytes or more is left out; positions
 * stop at 16,383, so a phrase after about the 16,000th word of a row is not found (the words still are).
 * Fields are separated by one unused position, so a phrase never runs from one field into the next (FTS5
 * columns behave so).
 */
import { readableText } from '../../api/html-text';
import type { ParsedSearch, SearchTerm } from '../../search/query';
import { tokensOf } from '../../search/tokens';
import type { ApiField, Chat4Record } from '../../wolkvox/fields';

/** The fields a search reads, as the SQLite index (sqlite/reads/columns.ts FTS_FIELDS; a test keeps them equal). */
export const SEARCH_FIELDS: readonly ApiField[] = ['subject', 'body', 'answer', 'comments', 'from', 'to', 'agent_name', 'cod_description', 'case_id', 'attachments'];
/** Fields that may hold HTML: searched by their visible text. */
const VISIBLE: ReadonlySet<ApiField> = new Set(['subject', 'body', 'answer', 'comments']);
const MAX_POSITION = 16383;
const MAX_LEXEME_BYTES = 2046;

/**
 * The tsvector literal of a record (cast with ::tsvector). The sync host computes one per row written, so
 * it is built with little allocation: each distinct word once, with its positions as text.
 */
export function searchVectorOf(fields: Chat4Record): string {
  const index = new Map<string, number>();
  // Each word's part of the literal as it grows ("'word':1,5"), joined once at the end.
  const entries: string[] = [];
  const last: number[] = [];
  const kept: number[] = [];
  let position = 0;
  for (const field of SEARCH_FIELDS) {
    const value = fields[field] ?? '';
    for (const word of tokensOf(VISIBLE.has(field) ? readableText(value) : value)) {
      if (position < MAX_POSITION) position++;
      // A UTF-16 unit is at most 3 bytes of UTF-8: only a long word can be too long.
      if (word.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(word) > MAX_LEXEME_BYTES) continue;
      const k = index.get(word);
      if (k === undefined) {
        index.set(word, entries.length);
        entries.push(`${quote(word)}:${position}`);
        last.push(position);
        kept.push(1);
      } else if (kept[k]! < 256 && last[k] !== position) {
        // A lexeme keeps at most 256 positions; more add nothing to matching a word.
        entries[k] += `,${position}`;
        last[k] = position;
        kept[k]!++;
      }
    }
    if (position < MAX_POSITION) position++;
  }
  return entries.join(' ');
}

/** Words hold letters, digits and marks only; quoting still doubles what tsvector/tsquery input treats specially. */
function quote(word: string): string {
  return word.includes("'") || word.includes('\\') ? `'${word.replace(/['\\]/g, (c) => c + c)}'` : `'${word}'`;
}

function termQuery(term: SearchTerm): string {
  const words = term.words.map(quote);
  if (term.prefix) words[words.length - 1] += ':*';
  return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
}

function anyOf(terms: readonly SearchTerm[]): string {
  return terms.length === 1 ? termQuery(terms[0]!) : `(${terms.map(termQuery).join(' | ')})`;
}

/** The tsquery literal of a parsed search (cast with ::tsquery), or null when it selects nothing. */
export function searchQueryOf(parsed: ParsedSearch): string | null {
  const wanted = parsed.include.map(anyOf);
  const unwanted = parsed.exclude.length ? [`!${anyOf(parsed.exclude)}`] : [];
  const all = [...wanted, ...unwanted];
  return all.length ? all.join(' & ') : null;
}
