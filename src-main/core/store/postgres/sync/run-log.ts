/**
 * The sync's bookkeeping on the team cache: one row per run (with its checkpoint, `cursor_utc`) and one per
 * API call, as the SQLite store keeps them (sqlite/writes/sync-log.ts). A window's checkpoint and log line
 * are written in the transaction that writes its rows (sealWindow), so a run killed or cut off at any
 * instant resumes exactly after the last window that is wholly in the cache.
 */
import { AppError, type ErrorInfo } from '../../../errors';
import { MESSAGE_MAX, oneLine } from '../../../text/one-line';
import type { CallLogEntry, ResumableRun, RunStatus, SyncStore, UpsertCounts } from '../../../sync/sync-store';
import { quotaDayOf } from '../../sql/quota-day';
import type { SyncRun } from '../../types';
import type { PgContext } from '../pg-context';
import type { SqlClient } from '../sql-client';
import { decodeNullable, decodeText, encodeNullable, encodeText } from '../text-codec';

const RUN_COLUMNS = `id, server, mode, range_start_utc AS "rangeStartUtc", range_end_utc AS "rangeEndUtc", cursor_utc AS "cursorUtc",
  status, started_at AS "startedAt", finished_at AS "finishedAt", calls, rows_received AS "rowsReceived", inserted, updated,
  error_kind AS "errorKind", substr(error_message, 1, ${MESSAGE_MAX}) AS "errorMessage"`;

const INSERT_CALL = `INSERT INTO sync_calls (run_id, server, window_start_utc, window_end_utc, started_at, duration_ms, outcome, rows)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** The window's checkpoint and log line, after its rows, in its transaction. */
export interface WindowSeal {
  runId: number;
  cursorUtc: number;
  call: CallLogEntry;
}

const callParams = (runId: number | null, call: CallLogEntry) =>
  [runId, encodeText(call.server), call.windowStartUtc, call.windowEndUtc, call.startedAt, Math.round(call.durationMs), encodeText(call.outcome), call.rows];

export async function sealWindow(tx: SqlClient, seal: WindowSeal, rows: number, counts: UpsertCounts): Promise<void> {
  const moved = await tx.query(
    `UPDATE sync_runs SET cursor_utc = $1, calls = calls + 1, rows_received = rows_received + $2, inserted = inserted + $3, updated = updated + $4
     WHERE id = $5 AND status = 'running' RETURNING id`,
    [seal.cursorUtc, rows, counts.inserted, counts.updated, seal.runId],
  );
  // Throwing rolls the rows back too: a window is never saved without its checkpoint.
  if (moved.length !== 1) throw new AppError('storage', `Sync run ${seal.runId} is not running any more; the window was not saved.`);
  await tx.query(INSERT_CALL, callParams(seal.runId, seal.call));
}

/** The run log's writes of the SyncStore (commitWindow is index.ts's). */
export function runLog(ctx: PgContext, checkWritable: () => void): Omit<SyncStore, 'parser' | 'commitWindow'> {
  return {
    async startRun(r) {
      checkWritable();
      const [row] = await ctx.query<{ id: number }>(
        "INSERT INTO sync_runs (server, mode, range_start_utc, range_end_utc, cursor_utc, status, started_at) VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING id",
        [encodeText(r.server), r.mode, r.rangeStartUtc, r.rangeEndUtc, r.cursorUtc ?? null, r.startedAt],
      );
      return row!.id;
    },
    async findResumableRun(server, rangeStartUtc) {
      // The latest range run from this start decides: an unfinished one is gone on from, a done one means a fresh sync.
      // The end is not matched: a range ending "now" ends later at each try.
      const [run] = await ctx.query<ResumableRun>(
        `SELECT id, coalesce(cursor_utc, range_start_utc) AS "cursorUtc", status FROM sync_runs
         WHERE server = $1 AND mode = 'range' AND range_start_utc = $2 ORDER BY id DESC LIMIT 1`,
        [encodeText(server), rangeStartUtc],
      );
      return run && run.status !== 'done' ? run : null;
    },
    async logCall(runId, call) {
      checkWritable();
      // One statement: the line and the run's count together.
      await ctx.query(`WITH line AS (${INSERT_CALL}) UPDATE sync_runs SET calls = calls + 1 WHERE id = $1`, callParams(runId, call));
    },
    async finishRun(runId: number, status: Exclude<RunStatus, 'running'>, error?: ErrorInfo) {
      checkWritable();
      // Messages are stored bounded and on one line; older runs are cut when read (RUN_COLUMNS).
      const message = error?.message ? oneLine(error.message, MESSAGE_MAX) : null;
      const [run] = await ctx.query<{ written: number }>(
        'UPDATE sync_runs SET status = $1, finished_at = $2, error_kind = $3, error_message = $4 WHERE id = $5 RETURNING inserted + updated AS written',
        [status, ctx.now(), encodeNullable(error?.kind ?? null), encodeNullable(message), runId],
      );
      // A large run leaves the planner's statistics behind until autovacuum comes (migrations-statistics.ts).
      // Only an optimisation: a refusal or failure here never fails the run.
      if ((run?.written ?? 0) >= ANALYZE_AFTER_ROWS) await ctx.query('SELECT refresh_statistics()').catch(() => undefined);
    },
    lastCoveredUtc: (server) => lastCoveredUtc(ctx, server),
  };
}

/** Rows a run must have written for its end to refresh the planner's statistics (smaller runs: autovacuum's turn). */
const ANALYZE_AFTER_ROWS = 10_000;

export async function lastCoveredUtc(ctx: PgContext, server: string): Promise<number | null> {
  const [row] = await ctx.query<{ covered: number | null }>('SELECT max(cursor_utc) AS covered FROM sync_runs WHERE server = $1', [encodeText(server)]);
  return row?.covered ?? null;
}

function runOf(row: SyncRun): SyncRun {
  return { ...row, server: decodeText(row.server), errorKind: decodeNullable(row.errorKind), errorMessage: decodeNullable(row.errorMessage) };
}

export async function recentRuns(ctx: PgContext, limit = 20): Promise<SyncRun[]> {
  return (await ctx.query<SyncRun>(`SELECT ${RUN_COLUMNS} FROM sync_runs ORDER BY id DESC LIMIT $1`, [limit])).map(runOf);
}

export async function getRun(ctx: PgContext, id: number): Promise<SyncRun | null> {
  const [row] = await ctx.query<SyncRun>(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = $1`, [id]);
  return row ? runOf(row) : null;
}

/** API calls started today (the operation's local day of `now`): every call costs one unit of quota. */
export async function callsToday(ctx: PgContext, now: number, zone: string, server?: string): Promise<number> {
  const { start, end } = quotaDayOf(now, zone);
  const sql = `SELECT count(*) AS n FROM sync_calls WHERE started_at >= $1 AND started_at < $2${server === undefined ? '' : ' AND server = $3'}`;
  const [row] = await ctx.query<{ n: number }>(sql, server === undefined ? [start, end] : [start, end, encodeText(server)]);
  return row!.n;
}
