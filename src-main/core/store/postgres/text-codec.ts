/**
 * API text may hold U+0000, which a PostgreSQL `text` value cannot. Such text is stored escaped, reversibly:
 * U+0000 becomes ESC '0' and ESC itself becomes ESC 'E', where ESC is U+E000 (private use, which no API
 * field is expected to hold). Text holding neither character is stored as it is, so almost every value
 * is untouched, readable in psql, and compares and sorts as itself.
 *
 * Lone surrogates (a JSON "\ud83d" without its pair) have no UTF-8 form. The SQLite cache stores each as
 * its three WTF-8 bytes (ED A0 BD), which read back as three U+FFFD; PostgreSQL would refuse those bytes,
 * so each is written here as the three U+FFFD the SQLite cache reads back: exports agree character for
 * character. (This part alone is not reversible, in either backend.)
 *
 * Every text value the PostgreSQL store writes goes through `encodeText`, and every one it reads through
 * `decodeText`, filter values included (an agent named with a U+0000 is found by its name as the API sent it).
 */
const ESC = '\uE000';
const NEEDS_ESCAPE = /[\u0000\uE000\uD800-\uDFFF]/;
const ESCAPED = /[\u0000\uE000]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const AS_THE_EMBEDDED_CACHE_READS_IT = '\uFFFD\uFFFD\uFFFD';
const ESCAPE_SEQUENCE = /\uE000([0E])/g;

export function encodeText(text: string): string {
  // Most text holds none of these (emoji pairs do hit the quick test, and pass the replacements unchanged).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPED, (ch) => (ch === '\u0000' ? `${ESC}0` : `${ESC}E`)).replace(LONE_SURROGATE, AS_THE_EMBEDDED_CACHE_READS_IT);
}

export function decodeText(stored: string): string {
  if (!stored.includes(ESC)) return stored;
  return stored.replace(ESCAPE_SEQUENCE, (_, code: string) => (code === '0' ? '\u0000' : ESC));
}

export function encodeNullable(text: string | null): string | null {
  return text === null ? null : encodeText(text);
}

export function decodeNullable(stored: string | null): string | null {
  return stored === null ? null : decodeText(stored);
}
