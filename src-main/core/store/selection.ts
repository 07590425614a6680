import type { Db } from './database';
import { compileFilter, ftsQueryOf, type InteractionFilter } from './filters';

/** `SELECT <columns> FROM … WHERE <filter>` over `interactions AS i`: the rows a filter selects, for sampling and audit counts. */
export function selectionSql(filter: InteractionFilter, columns: string): { sql: string; params: unknown[] } {
  const fts = ftsQueryOf(filter) !== null;
  const compiled = compileFilter(filter, undefined, fts ? 'f.rowid' : 'i.id');
  const from = fts ? 'interactions_fts f CROSS JOIN interactions i ON i.id = f.rowid' : 'interactions i';
  const where = fts ? ['f.interactions_fts MATCH ?', ...compiled.where] : compiled.where;
  const params = fts ? [compiled.fts, ...compiled.params] : compiled.params;
  return { sql: `SELECT ${columns} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
}

export function* selectRows<T>(db: Db, filter: InteractionFilter, columns: string): Generator<T> {
  const { sql, params } = selectionSql(filter, columns);
  yield* db.prepare(sql).iterate(...params) as IterableIterator<T>;
}
