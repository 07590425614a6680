/**
 * Turns what a user typed into a safe FTS5 query. Every word is quoted (so `"`, `*`, `:`, `-`, `^`,
 * `NEAR(`, `AND`/`OR`/`NOT` are searched as text, never parsed as query syntax), words are ANDed,
 * and the last word matches as a prefix while the user is still typing it.
 */

export interface FtsQueryOptions {
  /** Match the last word as a prefix unless the text ends with a space. Default true. */
  prefixLast?: boolean;
  /**
   * Shortest last word matched as a prefix. A prefix query reads the postings of every word it
   * starts (FTS5 cannot stop early on those), so one- or two-letter prefixes of a large cache are
   * searched as whole words instead. Default 3.
   */
  minPrefixLength?: number;
}

/** More words than this add nothing a person types, and bound the query's cost. */
const MAX_WORDS = 16;
const HAS_TOKEN = /[\p{L}\p{N}]/u;
const LAST_TOKEN = /[\p{L}\p{N}\p{M}]+$/u;
// Control and format characters (NUL, bidi marks, zero-width joiners) are never part of a token.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/** The FTS5 query for `text`, or null when it holds nothing searchable (then no text filter applies). */
export function toFtsQuery(text: string, options: FtsQueryOptions = {}): string | null {
  const prefixLast = options.prefixLast ?? true;
  const minPrefix = options.minPrefixLength ?? 3;
  const clean = text.normalize('NFC').replace(CONTROL, ' ');
  const words = clean
    .split(/[\s\p{Z}]+/u)
    .filter((word) => HAS_TOKEN.test(word))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const typing = prefixLast && !/[\s\p{Z}]$/u.test(clean);
  return words
    .map((word, i) => {
      const quoted = `"${word.replace(/"/g, '""')}"`;
      const isLast = i === words.length - 1;
      const tail = LAST_TOKEN.exec(word)?.[0] ?? '';
      return isLast && typing && [...tail].length >= minPrefix ? `${quoted}*` : quoted;
    })
    .join(' AND ');
}
