import type { Db } from './database';
import type { InteractionFilter } from './filters';
import { filtered } from './queries';

/** `SELECT <columns> FROM … WHERE <filter>` over `interactions AS i`: the rows a filter selects, for sampling and audit counts. */
export function selectionSql(filter: InteractionFilter, columns: string): { sql: string; params: unknown[] } {
  const q = filtered(filter);
  return { sql: `SELECT ${columns} FROM ${q.from}${q.where.length ? ` WHERE ${q.where.join(' AND ')}` : ''}`, params: q.params };
}

export function* selectRows<T>(db: Db, filter: InteractionFilter, columns: string): Generator<T> {
  const { sql, params } = selectionSql(filter, columns);
  yield* db.prepare(sql).iterate(...params) as IterableIterator<T>;
}
