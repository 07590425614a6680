/**
 * Text from the wire, made safe to look at: control characters become visible symbols (an auditor should
 * see that a message carried a NUL or an escape sequence, and the layout must not break), bidi overrides
 * become a visible mark (they could otherwise reverse the surrounding text), lone surrogates become U+FFFD.
 */
import { htmlToText, looksLikeHtml } from '../../src-main/core/api/html-text';

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

/** Letters without their accents, lower case: "Atención" and "atencion" fold to the same text. */
function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Words of a search box worth highlighting (operators and quotes removed). */
export function searchTerms(query: string): string[] {
  const words = query
    .replace(/["'()*^:]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(AND|OR|NOT|NEAR)$/.test(w))
    .map((w) => [...w].map(foldChar).join(''))
    .filter((w) => w.length >= 2);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

export type Piece = { text: string; match: boolean };

/**
 * Splits text into matching and non-matching pieces, accent- and case-insensitively, keeping the original
 * characters. Each original character folds to a string of its own, so positions map back exactly.
 */
export function highlightPieces(text: string, terms: readonly string[]): Piece[] {
  if (terms.length === 0 || text.length === 0) return [{ text, match: false }];
  const chars = [...text];
  let folded = '';
  const owner: number[] = []; // folded index -> original char index
  chars.forEach((ch, i) => {
    const f = foldChar(ch) || ch;
    folded += f;
    for (let k = 0; k < f.length; k++) owner.push(i);
  });
  const marked = new Uint8Array(chars.length);
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      for (let k = at; k < at + term.length; k++) marked[owner[k]!] = 1;
      from = at + term.length;
    }
  }
  const pieces: Piece[] = [];
  let current = '';
  let currentMatch = marked[0] === 1;
  chars.forEach((ch, i) => {
    const m = marked[i] === 1;
    if (m !== currentMatch) {
      if (current) pieces.push({ text: current, match: currentMatch });
      current = '';
      currentMatch = m;
    }
    current += ch;
  });
  if (current) pieces.push({ text: current, match: currentMatch });
  return pieces;
}

export { looksLikeHtml };

/**
 * One line of words for a grid cell from an HTML e-mail: the shared plain-text conversion (what the
 * conversation's plain view and a friendly export show) on one line.
 */
export function textPreview(text: string): string {
  return looksLikeHtml(text) ? htmlToText(text).replace(/\s+/g, ' ') : text;
}
