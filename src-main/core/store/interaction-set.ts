/**
 * Turns an InteractionSet into SQL: a FROM clause over `interactions i` restricted to the set, shared
 * by the progress counts and the Summary sheet so both always count the same rows.
 */
import { badInput } from '../errors';
import type { InteractionSet } from '../reviews/types';

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
