/**
 * Text from the wire, made safe to look at: control characters become visible symbols (an auditor should
 * see that a message carried a NUL or an escape sequence, and the layout must not break), bidi overrides
 * become a visible mark (they could otherwise reverse the surrounding text), lone surrogates become U+FFFD.
 */
import { htmlToText, looksLikeHtml } from '../../src-main/core/api/html-text';
import { highlightPieces, highlightTermsOf, parseSearch, type Piece } from '../../src-main/core/api/search-syntax';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function visibleText(text: string, singleLine = false): string {
  let out = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))))
    .replace(BIDI_OVERRIDES, '\u2e2e');
  if (singleLine) out = out.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' \u21b5 ').replace(/\t/g, ' ');
  return out;
}

/**
 * The terms of a search box to mark, from the same parse the store's query is built from
 * (src-main/core/search): whole words, prefixes, phrases; excluded words and operators are not marked.
 */
export function searchTerms(query: string): string[] {
  return highlightTermsOf(parseSearch(query));
}

export { highlightPieces, looksLikeHtml, type Piece };

/**
 * One line of words for a grid cell from an HTML e-mail: the shared plain-text conversion (what the
 * conversation's plain view, a friendly export and the search index hold) on one line, so a highlighted
 * word is one the search matched. Shown as text, never parsed as HTML.
 */
export function textPreview(text: string): string {
  if (!looksLikeHtml(text)) return text;
  return htmlToText(text).replace(/\s+/g, ' ').trim();
}
