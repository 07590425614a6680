/**
 * A search text as FTS5 query expressions, from the one parse the UI also highlights with
 * (core/search/query.ts). Every term is written as a quoted string of its folded words, so nothing a
 * person types (`"`, `:`, `^`, `NEAR(`, `AND`/`NOT`, unbalanced quotes) reaches FTS5 as syntax: the only
 * operators in the expression are the ones written here.
 */
import { parseSearch, type ParseOptions, type ParsedSearch, type SearchTerm } from '../../../search/query';

export type FtsQueryOptions = ParseOptions;

export interface FtsSearch {
  /** The expression rows must match; null when the search only leaves rows out. */
  match: string | null;
  /** Rows matching this are left out when there is no `match` to subtract them from. */
  excludeOnly: string | null;
}

function termSql(term: SearchTerm): string {
  return `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`;
}

function anyOf(terms: readonly SearchTerm[]): string {
  return terms.length === 1 ? termSql(terms[0]!) : `(${terms.map(termSql).join(' OR ')})`;
}

/** The FTS5 expressions of a parsed search, or null when it selects nothing (no text filter applies). */
export function ftsSearchOf(parsed: ParsedSearch): FtsSearch | null {
  const wanted = parsed.include.map(anyOf).join(' AND ');
  const unwanted = parsed.exclude.length ? anyOf(parsed.exclude) : '';
  if (!wanted && !unwanted) return null;
  if (!wanted) return { match: null, excludeOnly: unwanted };
  return { match: unwanted ? `(${wanted}) NOT ${unwanted}` : wanted, excludeOnly: null };
}

/** Any wanted term, anywhere: which fields of a row matched (queries.ts matchedFields). Null when none. */
export function anyWantedTerm(text: string): string | null {
  const terms = parseSearch(text).include.flat();
  return terms.length ? anyOf(terms) : null;
}

export function toFtsSearch(text: string, options: FtsQueryOptions = {}): FtsSearch | null {
  return ftsSearchOf(parseSearch(text, options));
}

/** The expression rows must match, or null (nothing searchable, or a search that only excludes). */
export function toFtsQuery(text: string, options: FtsQueryOptions = {}): string | null {
  return toFtsSearch(text, options)?.match ?? null;
}
