/**
 * The retention part of the PostgreSQL store: purges (a server's rows older than a cut-off) and a
 * server's removal, as the SQLite cache does them (sqlite/writes/retention.ts; the rules in
 * doomed-sql.ts). The sync log stays (an incremental sync goes on from its checkpoint); removing a
 * server's data also removes its sync runs and keeps its API call log, detached from them (the day's quota).
 *
 * A purge's transaction, in order:
 * - the change counter's row lock (schema-v1.ts): whoever deletes interactions takes it first, so its
 *   removals are ordered with the sync's windows as SQLite's write lock orders them;
 * - reviews and sample places locked against writes (reads go on): a review saved or a sample drawn while
 *   the purge chooses its rows would otherwise outlive its interaction, or escape `keepReviewed`;
 * - the purge gate opened for this transaction only (SET LOCAL wolkvox.purge), the one way review
 *   history may be deleted;
 * - one statement choosing, counting and deleting the rows.
 */
import { AppError } from '../../../errors';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../../types';
import type { PgRetention } from '../parts';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { encodeText } from '../text-codec';
import { COUNT_DOOMED, DELETE_DOOMED, doomedOf } from './doomed-sql';

const everything = (server: string): PurgeRequest => ({ server, beforeUtc: Infinity, keepReviewed: false });

export function pgRetention(ctx: PgContext): PgRetention {
  const refuseReadOnly = () => {
    if (ctx.readOnly) throw new AppError('bad-input', 'The team cache was opened read-only; this command cannot change it.');
  };
  const plan = async (req: PurgeRequest, withRuns: boolean) => {
    checkRequest(req);
    const doomed = doomedOf(req);
    const runs = withRuns ? `, (SELECT count(*) FROM sync_runs WHERE server = $1) AS "syncRuns"` : '';
    const [counts] = await ctx.query<ServerRemovalCounts>(`WITH ${doomed.cte} SELECT ${COUNT_DOOMED}${runs}`, doomed.values);
    return counts!;
  };
  return {
    planPurge: (req) => plan(req, false),
    async purge(req) {
      refuseReadOnly();
      checkRequest(req);
      return ctx.transaction((tx) => purgeIn(tx, req));
    },
    planServerRemoval: (server) => plan(everything(server), true),
    async removeServerData(server) {
      refuseReadOnly();
      return ctx.transaction(async (tx) => {
        const counts = await purgeIn(tx, everything(server));
        const runs = 'SELECT id FROM sync_runs WHERE server = $1';
        await tx.query(`UPDATE sync_calls SET run_id = NULL WHERE run_id IN (${runs})`, [encodeText(server)]);
        const gone = await tx.query('DELETE FROM sync_runs WHERE server = $1 RETURNING 1', [encodeText(server)]);
        return { ...counts, syncRuns: gone.length };
      });
    },
  };
}

async function purgeIn(tx: SqlClient, req: PurgeRequest): Promise<PurgeCounts> {
  await tx.query('SELECT seq FROM change_counter WHERE one = 1 FOR UPDATE');
  await tx.query('LOCK TABLE reviews, sample_members IN SHARE ROW EXCLUSIVE MODE');
  await tx.query("SET LOCAL wolkvox.purge = 'on'");
  const doomed = doomedOf(req);
  const [counts] = await tx.query<PurgeCounts>(`WITH ${doomed.cte}, ${DELETE_DOOMED}`, doomed.values);
  return counts!;
}

/** A cut-off that is not a number would reach the server as text it refuses: said in the user's words instead. */
function checkRequest(req: PurgeRequest): void {
  if (typeof req.beforeUtc !== 'number' || Number.isNaN(req.beforeUtc)) throw new AppError('bad-input', 'A purge needs a cut-off date.');
}
