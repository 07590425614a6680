import type { Db } from '../connection/database';
import type { InteractionFilter } from './filters';
import { filtered } from './queries';

/** Conditions on `i` ANDed to the filter's (a sample rule's exclusions), with their bound values. */
export interface ExtraConditions {
  where: readonly string[];
  params: readonly unknown[];
}

/** `SELECT <columns> FROM … WHERE <filter>` over `interactions AS i`: the rows a filter selects, for sampling and audit counts. */
export function selectionSql(filter: InteractionFilter, columns: string, extra?: ExtraConditions): { sql: string; params: unknown[] } {
  const q = filtered(filter);
  const where = extra ? [...q.where, ...extra.where] : q.where;
  const params = extra ? [...q.params, ...extra.params] : q.params;
  return { sql: `SELECT ${columns} FROM ${q.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
}

export function* selectRows<T>(db: Db, filter: InteractionFilter, columns: string, extra?: ExtraConditions): Generator<T> {
  const { sql, params } = selectionSql(filter, columns, extra);
  yield* db.prepare(sql).iterate(...params) as IterableIterator<T>;
}
