/**
 * Words as the cache's full-text index sees them (SQLite FTS5 `unicode61 remove_diacritics 2`): a word is
 * a run of letters, digits, combining marks and private-use characters; everything else (spaces,
 * punctuation, emoji, control and format characters) separates words. Words compare folded: lower case,
 * Latin accents removed. The query parser, the highlighter and the tests' truth all read words here, so
 * what is highlighted is what the index matched.
 */

const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Co}]/u;
const ACCENTS = /[\u0300-\u036f]/g;

/** One character folded: "Á" -> "a", "ß" stays "ß". May be empty (a lone combining accent). */
export function foldChar(ch: string): string {
  return ch.normalize('NFD').replace(ACCENTS, '').toLowerCase();
}

export function fold(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

export interface Word {
  /** The folded word. */
  text: string;
  /** Where it starts in the original text (UTF-16 index). */
  start: number;
  /** Where it ends in the original text (exclusive). */
  end: number;
  /** For each folded character, the original index just after the character it came from. */
  ends: number[];
}

/** The words of `text`, in order, with their positions in it. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let current: Word | null = null;
  let index = 0;
  for (const ch of text) {
    const next = index + ch.length;
    if (WORD_CHAR.test(ch)) {
      current ??= { text: '', start: index, end: index, ends: [] };
      const folded = foldChar(ch);
      current.text += folded;
      for (let k = 0; k < folded.length; k++) current.ends.push(next);
      current.end = next;
    } else if (current) {
      if (current.text) words.push(current);
      current = null;
    }
    index = next;
  }
  if (current?.text) words.push(current);
  return words;
}

/**
 * Each character below U+0250 (ASCII, Latin-1, Latin Extended-A and -B: most of what a Spanish or English
 * contact centre writes) folded once, at load, by the rules above: null where it separates words.
 */
const TABLE_END = 0x250;
const FOLDED: readonly (string | null)[] = Object.freeze(
  Array.from({ length: TABLE_END }, (_, c) => {
    const ch = String.fromCharCode(c);
    return WORD_CHAR.test(ch) ? foldChar(ch) : null;
  }),
);

/**
 * Just the folded words: the texts of wordsOf, computed faster (the team cache computes every synced row's
 * words; about five times quicker on the simulator's rows): characters below U+0250 by table, a word whose
 * characters all fold to themselves sliced rather than rebuilt, the rest as wordsOf reads them.
 */
export function tokensOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  // The folded word so far once some character changed in folding; null while it is text.slice(start, here).
  let built: string | null = null;
  for (let i = 0; i < text.length; ) {
    const at = i;
    const c = text.charCodeAt(i);
    let folded: string | null;
    let same: boolean;
    if (c < TABLE_END) {
      folded = FOLDED[c]!;
      same = folded !== null && folded.length === 1 && folded.charCodeAt(0) === c;
      i++;
    } else {
      // A whole code point: a surrogate pair when there is one (a lone surrogate separates words).
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const whole = pair ? text.slice(i, i + 2) : text[i]!;
      folded = WORD_CHAR.test(whole) ? foldChar(whole) : null;
      same = folded === whole;
      i += whole.length;
    }
    if (folded === null) {
      if (start >= 0) {
        const word = built ?? text.slice(start, at);
        if (word) words.push(word);
        start = -1;
        built = null;
      }
      continue;
    }
    if (start < 0) start = at;
    if (built !== null) built += folded;
    else if (!same) built = text.slice(start, at) + folded;
  }
  if (start >= 0) {
    const word = built ?? text.slice(start);
    if (word) words.push(word);
  }
  return words;
}
