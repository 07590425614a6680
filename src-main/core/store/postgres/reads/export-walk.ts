/**
 * Every matching row, whole, in batches, in the sort's order: what an export writes. One statement read
 * through a server-side cursor, on a connection of its own (the pool's others keep serving the grid), in
 * a read-only snapshot, so the export is one consistent picture of the cache however long it takes. The
 * connection goes back to the pool whatever happens: at the end, on an error, and when the consumer stops
 * early (the generator's `finally`).
 */
import { DEFAULT_SORT, type InteractionFilter, type SortSpec } from '../../filter';
import type { InteractionRecord } from '../../types';
import type { PgContext } from '../pg-context';
import { compilePgFilter, pgSortKeyOf, SqlParams, whereOf } from './filter-sql';
import { wholeOrderBy } from './keyset';
import { checkLimit } from '../../page-rules';
import { RECORD_SELECT, toRecord, type DbRow } from './row-shape';

export async function* exportWalk(ctx: PgContext, filter: InteractionFilter = {}, sort: SortSpec = DEFAULT_SORT, batchSize = 1000): AsyncGenerator<InteractionRecord[]> {
  const size = checkLimit(batchSize, 1000);
  const compiled = compilePgFilter(filter);
  const order = wholeOrderBy(pgSortKeyOf(sort));
  const params = new SqlParams();
  const sql = `SELECT ${RECORD_SELECT} FROM interactions i ${whereOf(compiled.conditions(params))} ORDER BY ${order}`;
  const client = await ctx.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE export_walk NO SCROLL CURSOR FOR ${sql}`, params.values);
    for (;;) {
      const { rows } = await client.query<DbRow>(`FETCH FORWARD ${size} FROM export_walk`);
      if (rows.length > 0) yield rows.map(toRecord);
      if (rows.length < size) break;
    }
  } catch (error) {
    broken = error as Error;
    throw ctx.errorOf('The team cache could not export', error);
  } finally {
    // Ends the snapshot and drops the cursor; a connection that cannot is not handed to anyone else.
    if (!broken) await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    client.release(broken);
  }
}
