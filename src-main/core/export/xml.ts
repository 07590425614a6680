/** XML escaping for SpreadsheetML text, including the OOXML `_xHHHH_` convention. */
import { EXCEL_CELL_MAX, cleanCellText, isWellFormed } from './text';

// `_xHHHH_` in a string is read by Excel (and SheetJS) as an escaped character, so a literal one gets its
// underscore escaped as `_x005F_`. CR becomes a character reference because XML parsers turn a raw CR into LF.
const TEXT_SPECIAL = /[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)/;
const TEXT_SPECIAL_ALL = /[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)/g;
const ATTR_SPECIAL_ALL = /[&<>"'\r\n\t]/g;

// One scan (V8 runs a negated class at ~1 GB/s) tells whether a text needs any work at all: it flags characters
// XML forbids, every surrogate (pairs are told from lone ones where they are found), and what escaping touches
// (& < > CR, and _ for the _xHHHH_ convention). Most text passes untouched, without a copy. The global twin
// resumes the same scan past each valid surrogate pair (emoji, common in chats), so a text whose only flagged
// characters are pairs costs one scan, not a scan plus a well-formedness check plus a second regex pass.
const NEEDS_WORK = /[^\t\n\u0020-\u0025\u0027-\u003B\u003D\u003F-\u005E\u0060-\uD7FF\uE000-\uFFFD]/;
const NEEDS_WORK_ALL = new RegExp(NEEDS_WORK.source, 'g');
// Removal of what XML forbids (but lone surrogates, rarer, handled apart) and escaping, in one pass.
const FIX_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>\r]|_(?=x[0-9A-Fa-f]{4}_)/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
  _: '_x005F_',
};

/** The escape of a character, or nothing for one XML forbids. */
const replace = (m: string): string => REPLACEMENTS[m] ?? '';

/** Escapes element text; the usual string with nothing to escape is returned without a copy. */
export function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_ALL, replace) : text;
}

/** Escapes an attribute value (sheet names, defined names). */
export function escapeAttr(text: string): string {
  return text.replace(ATTR_SPECIAL_ALL, replace);
}

/**
 * True when every character NEEDS_WORK flags in `text`, from index `at` on, is half of a valid surrogate pair.
 * test() on the global regex leaves lastIndex just past the one-unit match, and allocates no match array.
 */
function onlyPairsFrom(text: string, at: number): boolean {
  const re = NEEDS_WORK_ALL;
  for (let i = at; ; ) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff)) return false;
    // NaN past the end fails this test too: a high surrogate that ends the text is a lone one.
    const d = text.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    re.lastIndex = i + 2;
    if (!re.test(text)) return true;
    i = re.lastIndex - 1;
  }
}

/** Cell text as element content: cleaned by the text policy (text.ts), cut to Excel's limit, escaped. */
export function cellXmlText(text: string): string {
  if (text.length > EXCEL_CELL_MAX) return escapeText(cleanCellText(text));
  NEEDS_WORK_ALL.lastIndex = 0;
  if (!NEEDS_WORK_ALL.test(text) || onlyPairsFrom(text, NEEDS_WORK_ALL.lastIndex - 1)) return text;
  const paired = isWellFormed(text) ? text : text.replace(LONE_SURROGATE, '');
  return paired.replace(FIX_ALL, replace);
}
