/**
 * API text may hold U+0000, which a PostgreSQL `text` value cannot. Such text is stored escaped, reversibly:
 * U+0000 becomes ESC '0' and ESC itself becomes ESC 'E', where ESC is U+E000 (private use, which no API
 * field is expected to hold). Text holding neither character is stored as it is, so almost every value
 * is untouched, readable in psql, and compares and sorts as itself.
 *
 * Lone surrogates (a JSON "\ud83d" without its pair) cannot be encoded in UTF-8: the driver writes each one
 * as U+FFFD, exactly as better-sqlite3 does for the SQLite cache, so both backends read back the same text.
 *
 * Every text value the PostgreSQL store writes goes through `encodeText`, and every one it reads through
 * `decodeText`, filter values included (an agent named with a U+0000 is found by its name as the API sent it).
 */
const ESC = '\uE000';
const NEEDS_ESCAPE = /[\u0000\uE000]/;
const ESCAPED = /[\u0000\uE000]/g;
const ESCAPE_SEQUENCE = /\uE000([0E])/g;

export function encodeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPED, (ch) => (ch === '\u0000' ? `${ESC}0` : `${ESC}E`));
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
