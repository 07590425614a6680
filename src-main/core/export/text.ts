/**
 * The xlsx text policy, so Excel can always open the file: characters XML 1.0 forbids are removed and
 * over-long cells are cut with a visible marker. The CSV keeps every character (csv-writer.ts); both formats
 * recognise formula-like text here so each can keep it inert.
 */

/** Excel's hard limit on the characters (UTF-16 units) of one cell. */
export const EXCEL_CELL_MAX = 32_767;

// Control characters other than tab/LF/CR, U+FFFE/U+FFFF, and surrogates not part of a pair. The lookbehind
// keeps valid pairs (emoji) intact; V8 runs it only on the rare text the quick test below flags.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** No lone surrogate (String.prototype.isWellFormed: Node 20, native and fast; not yet in our TS lib). */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Removes what XML 1.0 forbids; the common clean string is returned as is, without a copy. */
export function stripIllegalXml(text: string): string {
  if (!MAYBE_ILLEGAL.test(text) && isWellFormed(text)) return text;
  return text.replace(ILLEGAL_XML, '');
}

/** The marker that replaces the cut tail, e.g. "… [truncated: 7,233 characters]". */
export function truncationMarker(removed: number): string {
  return `… [truncated: ${removed.toLocaleString('en-US')} characters]`;
}

/** Cuts text to Excel's cell limit with a visible marker; never splits a surrogate pair. */
export function limitCellLength(text: string, max = EXCEL_CELL_MAX): string {
  if (text.length <= max) return text;
  // The marker's length depends on the count it reports; two rounds settle it (one more digit at most).
  let keep = max - truncationMarker(text.length - max).length;
  keep = max - truncationMarker(text.length - keep).length;
  const last = text.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep -= 1;
  return text.slice(0, keep) + truncationMarker(text.length - keep);
}

/** The text a cell will hold: legal XML, within Excel's limit. */
export function cleanCellText(text: string): string {
  return limitCellLength(stripIllegalXml(text));
}

/**
 * Text a spreadsheet would take as a formula when typed or imported from CSV (OWASP CSV-injection list):
 * = + - @ at the start, or a leading tab / carriage return that hides one.
 */
export function looksLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/**
 * A formula character that would start a piece of a field split at a comma, semicolon, tab or line break (a
 * reader told another separator than the file's, or one whose quote handling breaks on the line), possibly
 * after quote characters (a reader may take them for an opening quote).
 */
const PIECE_FORMULA = /([,;\t\r\n]"*)([=+\-@])/g;

/**
 * The CSV injection guard: an apostrophe before a field that looks like a formula (looksLikeFormula), and
 * before a formula character that starts any piece a reader could split the field into, as in `x;=HYPERLINK(…)`
 * read with a semicolon from a comma-separated file, which would otherwise be a formula cell. Quoting alone
 * cannot prevent that: a reader splitting on the wrong separator never sees the quotes at a field's start.
 */
export function guardCsvText(text: string): string {
  const inner = text.replace(PIECE_FORMULA, "$1'$2");
  return looksLikeFormula(text) ? `'${inner}` : inner;
}
