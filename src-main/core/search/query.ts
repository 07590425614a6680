/**
 * What a person typed in the search box, read the way search engines read it:
 * - words match whole words, accent- and case-insensitively; the last word, while it is still being typed
 *   (no space after it), also matches as a prefix;
 * - `word*` is a prefix anywhere; `"quoted phrase"` is a phrase (an unclosed quote runs to the end);
 * - `-word` or `-"a phrase"` leaves out the rows that hold it;
 * - `OR` (in capitals) between two terms accepts either; terms are otherwise all required;
 * - anything else is plain text: punctuation separates words, never acts as syntax.
 * One parse feeds both the index query (store/search-text.ts) and the highlighting, so they agree.
 */
import { tokensOf } from './tokens';

/** Words in order; a phrase when more than one. `prefix`: the last word matches any word it starts. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

export interface ParsedSearch {
  /** All required; each is a list of alternatives (terms joined by OR). */
  include: SearchTerm[][];
  /** Rows holding any of these are left out. */
  exclude: SearchTerm[];
}

export interface ParseOptions {
  /** Match the last word as a prefix while it is being typed. Default true. */
  prefixLast?: boolean;
  /**
   * Shortest word matched as a prefix while typed (a prefix reads the postings of every word it starts,
   * so one- or two-letter prefixes of a large cache are searched as whole words). Default 3.
   */
  minTypedPrefix?: number;
  /** Shortest word a `*` makes a prefix. Default 2. */
  minStarPrefix?: number;
}

/** More terms than this add nothing a person types, and bound the query's cost. */
export const MAX_TERMS = 16;
const SPACE = /[\s\p{Z}]/u;
// Control and format characters (NUL, bidi marks, zero-width joiners) separate words.
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

interface Item {
  kind: 'term' | 'or';
  text: string;
  negated: boolean;
  quoted: boolean;
  closed: boolean;
  star: boolean;
  /** Ends the text with no space after it: the word being typed. */
  atEnd: boolean;
}

function scan(text: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < n && !SPACE.test(text[i + 1]!)) {
      negated = true;
      i++;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      let after = close < 0 ? n : close + 1;
      let star = false;
      while (text[after] === '*') {
        star = true;
        after++;
      }
      items.push({ kind: 'term', text: text.slice(i + 1, end), negated, quoted: true, closed: close >= 0, star, atEnd: after >= n });
      i = after;
      continue;
    }
    let end = i;
    while (end < n && !SPACE.test(text[end]!)) end++;
    let word = text.slice(i, end);
    const star = /\*+$/.test(word);
    if (star) word = word.replace(/\*+$/, '');
    const isOr = !negated && !star && word === 'OR';
    items.push({ kind: isOr ? 'or' : 'term', text: word, negated, quoted: false, closed: true, star, atEnd: end >= n });
    i = end;
  }
  return items;
}

function termOf(item: Item, options: Required<ParseOptions>): SearchTerm | null {
  const words = tokensOf(item.text);
  if (words.length === 0) return null;
  const last = [...words[words.length - 1]!].length;
  const typing = options.prefixLast && item.atEnd && !item.negated && (!item.quoted || !item.closed);
  const prefix = (item.star && last >= options.minStarPrefix) || (typing && last >= options.minTypedPrefix);
  return { words, prefix };
}

/** Reads a search text; never throws, whatever it holds. */
export function parseSearch(text: string, options: ParseOptions = {}): ParsedSearch {
  const opts: Required<ParseOptions> = { prefixLast: true, minTypedPrefix: 3, minStarPrefix: 2, ...options };
  const items = scan(text.normalize('NFC').replace(CONTROL, ' '));
  const include: SearchTerm[][] = [];
  const exclude: SearchTerm[] = [];
  let count = 0;
  // OR joins the wanted term just before it to the wanted term just after it; otherwise it is a word.
  let joinNext = false;
  let lastWanted = false;
  items.forEach((item, k) => {
    if (count >= MAX_TERMS) return;
    if (item.kind === 'or' && lastWanted && !joinNext) {
      const next = items[k + 1];
      if (next?.kind === 'term' && !next.negated && termOf(next, opts)) {
        joinNext = true;
        return;
      }
    }
    const term = termOf(item, opts);
    lastWanted = term !== null && !item.negated;
    if (!term) {
      joinNext = false;
      return;
    }
    count++;
    if (item.negated) exclude.push(term);
    else if (joinNext) include[include.length - 1]!.push(term);
    else include.push([term]);
    joinNext = false;
  });
  return { include, exclude };
}

/** True when the search selects anything at all (some term to find or to leave out). */
export function isEmptySearch(parsed: ParsedSearch): boolean {
  return parsed.include.length === 0 && parsed.exclude.length === 0;
}
