/**
 * Chooses how a sorted, filtered page reads the table. Two plans answer "the next 100 rows by agent
 * where status = close": walk the agent index in order and drop what fails the filter (cost: about
 * 100 / share of matching rows), or fetch every matching row and sort it (cost: the number of
 * matches). SQLite's planner prefers the second whenever the filter has an index, which sorts 300,000
 * rows for a filter that a third of the rows pass. A capped count tells which plan is cheaper.
 */
import type { Db } from './database';
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

export function orderIndexOf(key: SortKey): string | null {
  return key.expr === null ? null : (ORDER_INDEX[key.expr] ?? null);
}

/**
 * The index to walk (for `INDEXED BY`), or null to let SQLite fetch the matches and sort them.
 * `from`/`where`/`params` describe the filtered rows without order (as for a count).
 */
export function chooseOrderIndex(db: Db, key: SortKey, filtered: { from: string; where: string[]; params: unknown[] }): string | null {
  const index = orderIndexOf(key);
  if (index === null || filtered.where.length === 0) return index;
  const sql = `SELECT count(*) FROM (SELECT 1 FROM ${filtered.from} WHERE ${filtered.where.join(' AND ')} LIMIT ${SORT_CAP + 1})`;
  const matches = db.prepare(sql).pluck().get(...filtered.params) as number;
  return matches > SORT_CAP ? index : null;
}
