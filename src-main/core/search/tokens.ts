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

/** Just the folded words. */
export function tokensOf(text: string): string[] {
  return wordsOf(text).map((w) => w.text);
}
