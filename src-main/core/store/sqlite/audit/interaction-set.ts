/**
 * Turns an InteractionSet into SQL: a FROM clause over `interactions i` restricted to the set, shared
 * by the progress counts and the Summary sheet so both always count the same rows.
 */
import { badInput } from '../../../errors';

/**
 * Which interactions a progress count or a summary refers to.
 * - `all`: the whole cache.
 * - `sql`: a SELECT returning a `uid` column, built by the store's own filter code (selection.ts
 *   selectionSql: the grid's filter, a sample being one of its conditions). Never user text.
 */
export type InteractionSet =
  | { kind: 'all' }
  | { kind: 'sql'; sql: string; params?: readonly unknown[] };

export interface SetSql {
  /** `FROM …` binding `i` to interactions (each interaction once). */
  from: string;
  params: unknown[];
}

export function setSql(set: InteractionSet = { kind: 'all' }): SetSql {
  switch (set.kind) {
    case 'all':
      return { from: 'FROM interactions i', params: [] };
    case 'sql':
      return { from: `FROM (SELECT DISTINCT uid FROM (${set.sql})) s JOIN interactions i ON i.uid = s.uid`, params: [...(set.params ?? [])] };
    default:
      throw badInput('Unknown kind of interaction set.');
  }
}
