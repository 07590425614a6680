/**
 * Chooses how a sorted, filtered page reads the table. Two plans answer "the next 100 rows by agent
 * where status = close": walk the agent index in order and drop what fails the filter (cost: about
 * 100 / share of matching rows), or fetch every matching row and sort it (cost: the number of
 * matches). SQLite's planner prefers the second whenever the filter has an index, which sorts 300,000
 * rows for a filter that a third of the rows pass. A capped count tells which plan is cheaper.
 *
 * Text adds a second choice for the walk: list every hit once (cheap per hit, so good up to a few
 * hundred thousand hits) or ask the index about each row walked (costly per row, good only when most
 * rows match and the walk is short).
 */
import type { Db } from '../connection/database';
import type { SortKey } from './filters';

/** Indexes that hold a sort key's order (each ends in id, as every order here does). */
const ORDER_INDEX: Readonly<Record<string, string>> = {
  'i.agent_name': 'interactions_by_agent',
  'i.status': 'interactions_by_status',
  'i.channel': 'interactions_by_channel',
  'i.skill_id': 'interactions_by_skill',
  'i.cod_act': 'interactions_by_cod_act',
  'i.evaluation_survey': 'interactions_by_evaluation',
  'i.closed_utc': 'interactions_by_closed',
  'i.case_id': 'interactions_by_case',
};

/**
 * Below this many matches, fetching and sorting them is cheap (a few ms); above it, walking the
 * order's index reaches 100 matches within at most (rows / CAP) * 100 index entries.
 */
const SORT_CAP = 4000;
/** Above this many text hits, probing each walked row beats listing every hit (measured on 1M rows). */
const PROBE_CAP = 200_000;

export type TextMode = 'list' | 'probe';

export interface OrderPlan {
  /** The index to walk (`INDEXED BY`), or null to let SQLite fetch the matches and sort them. */
  index: string | null;
  /** How a walk checks the text filter. */
  text: TextMode;
}

export function orderIndexOf(key: SortKey): string | null {
  return key.expr === null ? null : (ORDER_INDEX[key.expr] ?? null);
}

interface Filtered {
  from: string;
  where: string[];
  params: unknown[];
}

/** `filtered` describes the matching rows without order (as for a count); `fts` is the text query, if any. */
export function chooseOrderPlan(db: Db, key: SortKey, filtered: Filtered, fts: string | null): OrderPlan {
  const index = orderIndexOf(key);
  if (index === null) return { index: null, text: 'list' };
  if (filtered.where.length === 0) return { index, text: 'list' };
  const capped = (from: string, where: string[], params: unknown[], cap: number) =>
    db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ${cap + 1})`).pluck().get(...params) as number;
  const matches = capped(filtered.from, filtered.where, filtered.params, SORT_CAP);
  if (matches <= SORT_CAP) return { index: null, text: 'list' };
  if (fts === null) return { index, text: 'list' };
  const hits = capped('interactions_fts', ['interactions_fts MATCH ?'], [fts], PROBE_CAP);
  return { index, text: hits > PROBE_CAP ? 'probe' : 'list' };
}
