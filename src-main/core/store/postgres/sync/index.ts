/**
 * The sync part of the PostgreSQL store: the sync engine's side (Store.sync: runs, windows committed with
 * their checkpoint and call log line in one transaction) and the sync log's reads. Answers are read by
 * wolkvox's in-thread parser: the sync host has no UI to keep responsive, and the rows go to the server.
 */
import { AppError } from '../../../errors';
import type { AnswerRecords } from '../../../sync/sync-store';
import { inThreadParser } from '../../../wolkvox/answer';
import type { IncomingRecord } from '../../../wolkvox/fields';
import type { PgContext } from '../pg-context';
import type { PgSyncSide } from '../parts';
import { oldestOpenSince, rowsPerDay, stats } from './estimates';
import { callsToday, getRun, lastCoveredUtc, recentRuns, runLog, sealWindow } from './run-log';
import { writeWindowRows } from './window-write';
import { inWindowTransaction } from './window-transaction';

function recordsIn(records: AnswerRecords): readonly IncomingRecord[] {
  if (!Array.isArray(records)) throw new AppError('storage', 'These records were read for another cache; the window was not saved.');
  return records;
}

export function pgSyncSide(ctx: PgContext): PgSyncSide {
  const checkWritable = () => {
    if (ctx.readOnly) throw new AppError('storage', 'The team cache was opened to read only: nothing can be synced into it.');
  };
  return {
    sync: {
      parser: inThreadParser,
      ...runLog(ctx, checkWritable),
      async commitWindow(c) {
        checkWritable();
        const records = recordsIn(c.records);
        return inWindowTransaction(ctx, async (tx) => {
          const counts = await writeWindowRows(tx, { server: c.server, zone: c.zone, now: c.now, records });
          await sealWindow(tx, { runId: c.runId, cursorUtc: c.cursorUtc, call: c.call }, records.length, counts);
          return counts;
        });
      },
    },
    recentRuns: (limit) => recentRuns(ctx, limit),
    getRun: (id) => getRun(ctx, id),
    callsToday: (now, zone, server) => callsToday(ctx, now, zone, server),
    lastCoveredUtc: (server) => lastCoveredUtc(ctx, server),
    rowsPerDay: (server, now) => rowsPerDay(ctx, server, now),
    oldestOpenSince: (server, since) => oldestOpenSince(ctx, server, since),
    stats: (now, zone) => stats(ctx, now, zone),
  };
}
