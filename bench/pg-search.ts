/**
 * Reads on the PostgreSQL bench table: one-word search (whole word and prefix as typed), phrase search and
 * keyset pages, timed through a driver. Two search designs over the same words (bench/pg-data.ts):
 * - tsvector: `search @@ '…'::tsquery` (store/postgres/search.ts) along a GIN index on the row's tsvector;
 * - trigram: `words LIKE '% word%'` along a pg_trgm GIN index on the words, kept in a side table.
 * Searches go through the same parse as SQLite's (core/search/query.ts), so accents and case fold alike.
 * A page picks its 100 ids first and reads their columns after: reading the columns of every match before
 * sorting them would cut (and so read) every match's long text.
 */
import { parseSearch, type SearchTerm } from '../src-main/core/search/query';
import { searchQueryOf } from '../src-main/core/store/postgres/search';
import { GRID_SELECT } from '../src-main/core/store/postgres/reads/row-shape';
import { percentile } from './store-measure';

export type Run = (text: string, params: unknown[]) => Promise<unknown[]>;
export type Design = 'tsvector' | 'trigram';

const PAGE = 100;

/** The one term of a typed search (the bench searches single terms). */
export function termOf(typed: string): SearchTerm {
  const term = parseSearch(typed).include[0]?.[0];
  if (!term) throw new Error(`nothing to search in ${typed}`);
  return term;
}

function likePattern(term: SearchTerm): string {
  // Words are letters and digits only (tokens.ts), so no LIKE wildcard can come from them.
  return `% ${term.words.join(' ')}${term.prefix ? '%' : ' %'}`;
}

/** The newest page of matches, and how many match: what the grid asks for a search. */
export function searchQueries(design: Design, term: SearchTerm): { page: [string, unknown[]]; count: [string, unknown[]] } {
  if (design === 'tsvector') {
    const q = searchQueryOf({ include: [[term]], exclude: [] });
    return {
      page: [`SELECT ${GRID_SELECT} FROM interactions i WHERE i.id IN (SELECT id FROM interactions WHERE search @@ $1::tsquery ORDER BY id DESC LIMIT ${PAGE}) ORDER BY i.id DESC`, [q]],
      count: [`SELECT count(*) FROM interactions i WHERE i.search @@ $1::tsquery`, [q]],
    };
  }
  const p = likePattern(term);
  return {
    page: [`SELECT ${GRID_SELECT} FROM interactions i JOIN search_words w ON w.id = i.id WHERE w.words LIKE $1 ORDER BY i.id DESC LIMIT ${PAGE}`, [p]],
    count: [`SELECT count(*) FROM search_words w WHERE w.words LIKE $1`, [p]],
  };
}

export async function p95Of(times: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm: the first call plans and reads from disk
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Keyset pages newest first below random cursors, optionally within one agent's rows. */
export function keysetQuery(agent: string | null): string {
  return agent === null
    ? `SELECT ${GRID_SELECT} FROM interactions i WHERE i.id < $1 ORDER BY i.id DESC LIMIT ${PAGE}`
    : `SELECT ${GRID_SELECT} FROM interactions i WHERE i.agent_name = $2 AND i.id < $1 ORDER BY i.id DESC LIMIT ${PAGE}`;
}
