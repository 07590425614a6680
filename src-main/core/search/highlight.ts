/**
 * Marks in a text exactly what a search matched: whole words, a prefix only at the start of a word (and
 * only its typed part), a phrase only as the whole phrase. Excluded terms are never marked. Terms travel
 * to the UI as plain strings (`highlightTermsOf`), so components pass them around as they did before.
 */
import type { ParsedSearch, SearchTerm } from './query';
import { wordsOf } from './tokens';

/** A term as a string: its folded words joined by a space, and `*` at the end for a prefix ("cancel*"). */
export function encodeTerm(term: SearchTerm): string {
  return term.words.join(' ') + (term.prefix ? '*' : '');
}

export function decodeTerm(encoded: string): SearchTerm {
  const prefix = encoded.endsWith('*');
  const words = (prefix ? encoded.slice(0, -1) : encoded).split(' ').filter(Boolean);
  return { words, prefix };
}

/** The wanted terms of a search, each once, as strings for the highlighter. */
export function highlightTermsOf(parsed: ParsedSearch): string[] {
  return [...new Set(parsed.include.flat().map(encodeTerm))];
}

export interface Range {
  start: number;
  end: number;
}

/** Where the terms occur in `text`, as sorted, non-overlapping ranges of original indexes. */
export function matchRanges(text: string, encodedTerms: readonly string[]): Range[] {
  const terms = encodedTerms.map(decodeTerm).filter((t) => t.words.length > 0);
  if (terms.length === 0 || text.length === 0) return [];
  const words = wordsOf(text);
  const found: Range[] = [];
  for (const term of terms) {
    const n = term.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const want = term.words[k]!;
        const have = words[i + k]!.text;
        ok = k === n - 1 && term.prefix ? have.startsWith(want) : have === want;
      }
      if (!ok) continue;
      const last = words[i + n - 1]!;
      const end = term.prefix ? last.ends[term.words[n - 1]!.length - 1]! : last.end;
      found.push({ start: words[i]!.start, end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of found) {
    const prev = merged[merged.length - 1];
    if (prev && r.start <= prev.end) prev.end = Math.max(prev.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export type Piece = { text: string; match: boolean };

/** `text` cut into matched and unmatched pieces, keeping every original character. */
export function highlightPieces(text: string, encodedTerms: readonly string[]): Piece[] {
  const ranges = matchRanges(text, encodedTerms);
  if (ranges.length === 0) return [{ text, match: false }];
  const pieces: Piece[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) pieces.push({ text: text.slice(at, r.start), match: false });
    pieces.push({ text: text.slice(r.start, r.end), match: true });
    at = r.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
