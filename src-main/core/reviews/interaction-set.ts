/**
 * Turns an InteractionSet into SQL: a FROM clause over `interactions i` restricted to the set, shared
 * by the progress counts and the Summary sheet so both always count the same rows.
 */
import { badInput } from '../errors';
import type { InteractionSet } from './types';

export interface SetSql {
  /** `FROM …` binding `i` to interactions (each interaction once). */
  from: string;
  params: unknown[];
}

// Table names cannot be bound as parameters, so they are checked against a strict pattern instead.
const TABLE_PATTERN = /^(?:(temp|main)\.)?([A-Za-z_][A-Za-z0-9_]{0,63})$/;

function uidSelect(set: Exclude<InteractionSet, { kind: 'all' }>): SetSql {
  switch (set.kind) {
    case 'uids': {
      if (!Array.isArray(set.uids) || set.uids.some((u) => typeof u !== 'string')) throw badInput('The interaction list must be a list of ids.');
      // One JSON parameter instead of one per uid: a filter of 100,000 rows stays one statement.
      return { from: 'SELECT DISTINCT value AS uid FROM json_each(?)', params: [JSON.stringify(set.uids)] };
    }
    case 'table': {
      const m = TABLE_PATTERN.exec(set.table);
      if (!m) throw badInput(`"${set.table}" is not a table name this app creates.`);
      return { from: `SELECT DISTINCT uid FROM ${m[1] ? `${m[1]}.` : ''}"${m[2]}"`, params: [] };
    }
    case 'sample':
      if (!Number.isSafeInteger(set.sampleId)) throw badInput('A sample id is a whole number.');
      return { from: 'SELECT interaction_uid AS uid FROM sample_members WHERE sample_id = ?', params: [set.sampleId] };
    case 'sql':
      return { from: `SELECT DISTINCT uid FROM (${set.sql})`, params: [...(set.params ?? [])] };
    default:
      throw badInput('Unknown kind of interaction set.');
  }
}

export function setSql(set: InteractionSet = { kind: 'all' }): SetSql {
  if (set.kind === 'all') return { from: 'FROM interactions i', params: [] };
  const inner = uidSelect(set);
  return { from: `FROM (${inner.from}) s JOIN interactions i ON i.uid = s.uid`, params: inner.params };
}
